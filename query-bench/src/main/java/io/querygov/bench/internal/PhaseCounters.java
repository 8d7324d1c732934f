package io.querygov.bench.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One worker's running totals for one phase, written by that worker after every call and read by the
 * thread that reports progress. Release stores are plain stores on x86 and cheap elsewhere; a full volatile
 * store would add a fence to every call. The padding keeps two workers' counters off one cache line, so
 * that publishing never makes cores fight over a line.
 */
@SuppressWarnings("unused")
public final class PhaseCounters {
    private static final VarHandle CALLS;
    private static final VarHandle ERRORS;
    private static final VarHandle LATENCY_SUM;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CALLS = lookup.findVarHandle(PhaseCounters.class, "calls", long.class);
            ERRORS = lookup.findVarHandle(PhaseCounters.class, "errors", long.class);
            LATENCY_SUM = lookup.findVarHandle(PhaseCounters.class, "latencySumNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long p01, p02, p03, p04, p05, p06, p07;
    private long calls;
    private long errors;
    private long latencySumNanos;
    private long p11, p12, p13, p14, p15, p16, p17;

    /** Called by the owning worker only. */
    void publish(long callsNow, long errorsNow, long latencySumNow) {
        CALLS.setRelease(this, callsNow);
        ERRORS.setRelease(this, errorsNow);
        LATENCY_SUM.setRelease(this, latencySumNow);
    }

    /** Successful calls so far. */
    public long calls() {
        return (long) CALLS.getAcquire(this);
    }

    /** Failed calls so far. */
    public long errors() {
        return (long) ERRORS.getAcquire(this);
    }

    /** Sum of the successful calls' latencies so far, in nanoseconds. */
    public long latencySumNanos() {
        return (long) LATENCY_SUM.getAcquire(this);
    }
}
