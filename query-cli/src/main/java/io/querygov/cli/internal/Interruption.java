package io.querygov.cli.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a run does when the JVM is asked to end before the run does (SIGTERM, Ctrl-C): a shutdown hook that reports
 * what was measured, so that a stopped run is not a lost one. Either the run's own end or the hook reports, never
 * both: whichever {@link #claim() claims} the report first. When the run got there first, the hook waits for it to
 * finish (its save, say) for at most {@link #GRACE_SECONDS}, so the JVM does not end halfway through writing.
 *
 * <p>Registered for one run and removed by {@link #close()}; a command line tool's, not a library's: a service
 * decides its own shutdown.
 */
public final class Interruption implements AutoCloseable {
    /** How long the hook waits for a run that was reporting when the signal came. */
    static final long GRACE_SECONDS = 10;

    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch reported = new CountDownLatch(1);
    private final Thread hook;

    /** Registers the hook; {@code onInterrupt} reports the run as interrupted, on the hook's thread. */
    public Interruption(Runnable onInterrupt) {
        this.hook = new Thread(() -> {
            if (claim()) {
                onInterrupt.run();
            } else {
                try {
                    reported.await(GRACE_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "querytool-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True for the first caller, who reports the run; false for everyone after. */
    public boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    /** The run's own report is done: the hook has nothing to wait for. */
    public void reported() {
        reported.countDown();
    }

    @Override
    public void close() {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook runs, or has run
        }
    }
}
