package io.querygov.bench;

import io.querygov.bench.internal.SystemSleeper;

/**
 * How a rate-limited benchmark waits for a call's intended start. Tests inject one that advances a
 * {@link io.querygov.core.ManualClock} instead of sleeping, so paced runs are exact and instant.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits on {@link System#nanoTime()}: parks for most of the wait, then spins for the last
     * 100 µs, because a park may overshoot by tens of microseconds and
     * every overshoot would show up as schedule lag. Use it with {@link io.querygov.core.QueryClock#SYSTEM}.
     */
    Sleeper SYSTEM = new SystemSleeper();

    /**
     * Returns after about {@code nanos} nanoseconds, or at once when it is zero or less.
     *
     * @throws InterruptedException when the thread is interrupted while waiting; the benchmark then stops
     */
    void sleepNanos(long nanos) throws InterruptedException;
}
