package io.querygov.core.internal;

import io.querygov.core.QueryClock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs listeners that throw, at most once per interval per listener class, with the number of
 * failures suppressed since the last line. A listener failing on every query must not flood the log
 * of the service it observes.
 */
public final class ListenerFailureLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.querygov.listener");
    public static final long DEFAULT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final QueryClock clock;
    private final long intervalNanos;
    private final Logger log;
    private final ConcurrentHashMap<Class<?>, Window> windows = new ConcurrentHashMap<>();

    public ListenerFailureLog(QueryClock clock) {
        this(clock, DEFAULT_INTERVAL_NANOS, LOG);
    }

    public ListenerFailureLog(QueryClock clock, long intervalNanos, Logger log) {
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.log = log;
    }

    /** {@link #failed(Object, String, Throwable, Throwable)} for a call outside an execution. */
    public void failed(Object listener, String method, Throwable failure) {
        failed(listener, method, failure, null);
    }

    /**
     * Rethrows what the JVM cannot recover from; logs the rest within the rate limit.
     *
     * <p>A {@link StackOverflowError} is logged, not rethrown: by the time it reaches here the stack
     * has unwound to the tracker's frame, so the caller's own stack is intact. A {@link LinkageError}
     * (a listener built against other classes than it found) leaves the JVM sound too. Any other
     * {@link VirtualMachineError} ({@link OutOfMemoryError}, {@link InternalError},
     * {@link UnknownError}) is rethrown, carrying the operation's own exception, if any, as a
     * suppressed exception.
     *
     * @param operationFailure what the tracked operation threw, or null
     */
    public void failed(Object listener, String method, Throwable failure, Throwable operationFailure) {
        if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
            if (operationFailure != null && operationFailure != failure) {
                failure.addSuppressed(operationFailure);
            }
            throw (VirtualMachineError) failure;
        }
        try {
            log(listener, method, failure);
        } catch (StackOverflowError tooDeep) {
            // the call that ran the query was already deep in the stack: the line is dropped, not the result
            windows.computeIfAbsent(listener.getClass(), k -> new Window()).suppressed.incrementAndGet();
        }
    }

    private void log(Object listener, String method, Throwable failure) {
        Window w = windows.computeIfAbsent(listener.getClass(), k -> new Window());
        long now = clock.monotonicNanos();
        long last = w.lastLoggedNanos.get();
        boolean due = last == Long.MIN_VALUE || now - last >= intervalNanos;
        if (due && w.lastLoggedNanos.compareAndSet(last, now)) {
            long suppressed = w.suppressed.getAndSet(0);
            log.warn("Query listener {} threw from {}; the query itself was not affected{}",
                    listener, method,
                    suppressed == 0 ? "" : " (" + suppressed + " more failures of this listener were not logged)",
                    failure);
        } else {
            w.suppressed.incrementAndGet();
        }
    }

    private static final class Window {
        final AtomicLong lastLoggedNanos = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
    }
}
