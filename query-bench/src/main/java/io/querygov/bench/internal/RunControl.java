package io.querygov.bench.internal;

import io.querygov.core.QueryClock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * What the workers of one query share: the warmup's start, the moment all of them finished warming up
 * (which starts the measurement for all at once), and a stop flag.
 *
 * <p>The last worker to finish its warmup starts the measurement itself, rather than waking a coordinator to
 * do it: the measured window then starts at a time the engine's clock chose, which keeps tests exact.
 */
public final class RunControl {
    private static final long NOT_STARTED = Long.MIN_VALUE;

    // Fields set by the constructor, and plain accessors below: alike other classes' only in shape

    private final QueryClock clock;
    private final int workers;
    private final long warmupStartNanos;
    private final BooleanSupplier measureAfterWarmup;
    private final AtomicInteger warmedUp = new AtomicInteger();
    private final CountDownLatch measureGate = new CountDownLatch(1);
    private volatile long measureStartNanos = NOT_STARTED;
    private volatile boolean measure;
    private volatile boolean stopped;

    /**
     * @param measureAfterWarmup asked once, by the last worker to warm up: whether to measure at all
     */
    public RunControl(QueryClock clock, int workers, BooleanSupplier measureAfterWarmup) {
        this.clock = clock;
        this.workers = workers;
        this.measureAfterWarmup = measureAfterWarmup;
        this.warmupStartNanos = clock.monotonicNanos();
    }

    public long warmupStartNanos() {
        return warmupStartNanos;
    }

    /**
     * Called by each worker when its warmup is done; returns when every worker's is, true when the
     * measurement should run.
     */
    boolean warmupDone() throws InterruptedException {
        if (warmedUp.incrementAndGet() == workers) {
            measure = !stopped && measureAfterWarmup.getAsBoolean();
            measureStartNanos = clock.monotonicNanos();
            measureGate.countDown();
        } else {
            measureGate.await();
        }
        return measure && !stopped;
    }

    /** Whether the measurement has started (or was skipped): the warmup is over. */
    public boolean warmupOver() {
        return measureStartNanos != NOT_STARTED;
    }

    /** When the measurement started; meaningful once {@link #warmupOver()}. */
    public long measureStartNanos() {
        return measureStartNanos;
    }

    /** Whether the measurement runs; meaningful once {@link #warmupOver()}. */
    public boolean measuring() {
        return measure;
    }

    /** Makes every worker stop after its current call, and releases any waiting for the others. */
    public void stop() {
        stopped = true;
        measureGate.countDown();
    }

    boolean stopped() {
        return stopped;
    }
}
