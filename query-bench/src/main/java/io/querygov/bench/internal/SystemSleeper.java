package io.querygov.bench.internal;

import io.querygov.bench.Sleeper;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link Sleeper#SYSTEM}: parks until the deadline, and parks again if it woke early; it never spins.
 *
 * <p>A park may overshoot by the kernel's timer slack (about 50 microseconds on Linux) and more when the machine is
 * busy; that overshoot is reported as schedule lag, honestly, and a rate-limited call's latency counts from when it
 * was due, so it is never hidden. Spinning the last 100 microseconds before each call, as this sleeper once did, cost
 * 2.9 s of CPU in a 10 s run at 2,000 calls/s, taken from the database under test on a small machine, to shave tens
 * of microseconds off a lag nobody asked to be that small: pgbench {@code -R} does not spin either.
 */
public final class SystemSleeper implements Sleeper {

    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left = nanos;
        while (left > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for the next scheduled call");
            }
            left = deadline - System.nanoTime();
        }
    }

    @Override
    public String toString() {
        return "Sleeper.SYSTEM";
    }
}
