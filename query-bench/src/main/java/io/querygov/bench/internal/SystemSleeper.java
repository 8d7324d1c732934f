package io.querygov.bench.internal;

import io.querygov.bench.Sleeper;
import java.util.concurrent.locks.LockSupport;

/** {@link Sleeper#SYSTEM}: parks for most of a wait and spins for the end of it. */
public final class SystemSleeper implements Sleeper {
    /**
     * Waits shorter than this are spun, not parked: a park may overshoot by tens of microseconds, and every
     * overshoot would show up as schedule lag that the database did not cause.
     */
    static final long SPIN_NANOS = 100_000;

    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left = nanos;
        while (left > SPIN_NANOS) {
            LockSupport.parkNanos(left - SPIN_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for the next scheduled call");
            }
            left = deadline - System.nanoTime();
        }
        while (deadline - System.nanoTime() > 0) {
            Thread.onSpinWait();
        }
    }

    @Override
    public String toString() {
        return "Sleeper.SYSTEM";
    }
}
