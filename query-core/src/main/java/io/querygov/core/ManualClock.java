package io.querygov.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to: for tests that need exact durations. Thread-safe. */
public final class ManualClock implements QueryClock {
    private final AtomicLong nanos = new AtomicLong();
    private final long wallTimeAtZeroMillis;

    /** A clock at monotonic time zero whose wall time starts at the given epoch milliseconds. */
    public ManualClock(long wallTimeAtZeroMillis) {
        this.wallTimeAtZeroMillis = wallTimeAtZeroMillis;
    }

    /** A clock at monotonic time zero and wall time 2024-01-01T00:00:00Z. */
    public ManualClock() {
        this(1_704_067_200_000L);
    }

    @Override
    public long monotonicNanos() {
        return nanos.get();
    }

    @Override
    public long wallTimeMillis() {
        return wallTimeAtZeroMillis + nanos.get() / 1_000_000L;
    }

    /** Moves the clock forward. */
    public ManualClock advance(Duration duration) {
        return advanceNanos(duration.toNanos());
    }

    /** Moves the clock forward by the given nanoseconds, zero or more. */
    public ManualClock advanceNanos(long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("a clock cannot move backwards: delta was " + delta + " ns");
        }
        nanos.addAndGet(delta);
        return this;
    }
}
