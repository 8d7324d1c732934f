package io.querygov.bench.internal;

import io.querygov.bench.Arrivals;
import io.querygov.bench.BenchOptions;
import io.querygov.bench.ParameterSupplier;
import io.querygov.bench.Sleeper;
import io.querygov.core.QueryClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One benchmark thread for one query: warms up, waits for the others, then measures.
 *
 * <p>The loop is what the benchmark costs on top of the database, so it stays lean: two clock readings per
 * call, counters in locals, one plain {@link Histogram} per thread (merged only when the query is done), no
 * lock, no allocation unless a call fails. Progress is published with release stores that the reporting
 * thread reads whenever it likes.
 *
 * <p>With a rate, calls follow a fixed schedule: call {@code k} of thread {@code i} is due at
 * {@code origin + (i + k * concurrency) / rate}, so the threads' calls interleave evenly at the total rate; with
 * {@link Arrivals#POISSON}, each thread's gaps are exponential with a mean of {@code concurrency / rate}, seeded by
 * the thread's index, and the threads' processes add up to a Poisson process of the rate.
 * A thread that falls behind does not skip calls to catch up: it starts each late call at once, and the
 * latency it records counts from the time the call was due.
 *
 * <p>How long to measure stays a {@link BenchOptions.Length} down to the loop, which asks it before every call.
 */
public final class Worker implements Runnable {
    /**
     * A thread stops warming up after this many consecutive failed calls: a query that always hits its timeout would
     * otherwise cost the whole warmup's calls times the timeout (20 calls of a minute each) before it is reported.
     */
    public static final int FAIL_FAST_CALLS = 3;
    /** Intervals a measured duration is cut into. */
    static final int INTERVALS = 20;
    /** Intervals kept at most; later calls count in the last, so a long run by calls stays bounded. */
    static final int MAX_INTERVALS = 1000;

    private static final long FAST_CALL_NANOS = BenchOptions.ADAPTIVE_FAST_CALL.toNanos();
    private static final long WARMUP_BUDGET_NANOS = BenchOptions.ADAPTIVE_WARMUP_BUDGET.toNanos();

    private final QueryDescriptor query;
    private final QueryRunner runner;
    private final ParameterSupplier parameters;
    private final QueryClock clock;
    private final Sleeper sleeper;
    private final RunControl control;
    private final int threadIndex;
    private final int concurrency;
    private final long warmupNanos;
    private final long warmupCalls;
    private final boolean adaptiveWarmup;
    private final BenchOptions.Length length;
    /** Nanoseconds between two scheduled calls of the whole run, or 0 when not rate-limited. */
    private final double nanosPerCall;
    private final Arrivals arrivals;
    private java.util.SplittableRandom poisson;
    private long poissonK;
    private double poissonOffset;

    private final PhaseCounters warmupCounters = new PhaseCounters();
    private final PhaseCounters measureCounters = new PhaseCounters();
    private final Histogram latency = Histograms.newNanos();
    private final Histogram service;
    private final Histogram lag;
    /** One histogram per interval of the measured window, made when the interval begins: see LatencyIntervals. */
    private final java.util.ArrayList<Histogram> intervals = new java.util.ArrayList<>();
    private final long intervalNanos;
    private final long callsPerInterval;

    // Results, read by the engine after this worker's thread has ended.
    private long warmupOk;
    private long warmupFailed;
    private long ok;
    private long failed;
    private long rows;
    private long endNanos;
    private long missedStarts;
    private Throwable firstError;
    private long firstErrorNanos;
    private Throwable crash;
    private boolean interrupted;

    public Worker(BenchOptions options, ThreadContext context) {
        this.query = context.query();
        this.runner = context.runner();
        this.parameters = context.parameters();
        this.clock = context.clock();
        this.sleeper = context.sleeper();
        this.control = context.control();
        this.threadIndex = context.threadIndex();
        this.concurrency = options.concurrency();
        if (threadIndex >= concurrency) {
            throw new IllegalArgumentException("thread " + threadIndex + " of a query run on " + concurrency
                    + " threads");
        }
        this.warmupNanos = options.warmup().toNanos();
        this.warmupCalls = options.warmupIterations();
        this.adaptiveWarmup = options.adaptiveWarmup();
        this.length = options.length();
        boolean paced = options.rate().isPresent();
        this.nanosPerCall = paced ? 1e9 / options.rate().getAsDouble() : 0;
        this.arrivals = options.arrivals();
        this.service = paced ? Histograms.newNanos() : null;
        this.lag = paced ? Histograms.newNanos() : null;
        this.intervalNanos = intervalNanos(options);
        this.callsPerInterval = callsPerInterval(options);
    }

    /** Interval length: a twentieth of a measured duration (10 ms to 5 s); 0 when measured by calls. */
    public static long intervalNanos(BenchOptions options) {
        if (options.length() instanceof BenchOptions.Length.ForDuration d) {
            return Math.max(10_000_000L, Math.min(5_000_000_000L, d.duration().toNanos() / INTERVALS));
        }
        return 0;
    }

    /** Calls of a thread per interval when measured by calls: a twentieth of them, at least one. */
    static long callsPerInterval(BenchOptions options) {
        if (options.length() instanceof BenchOptions.Length.ForIterations i) {
            return Math.max(1, i.callsPerThread() / INTERVALS);
        }
        return 0;
    }

    @Override
    public void run() {
        try {
            warmup();
            if (control.warmupDone()) {
                measure();
            }
        } catch (InterruptedException e) {
            interrupted = true;
            control.stop();
        } catch (Throwable t) {
            // An Error from the runner, or a bug here: the engine reports it after stopping the others.
            crash = t;
            control.stop();
        }
    }

    private void warmup() throws InterruptedException {
        final long origin = control.warmupStartNanos();
        resetSchedule();
        long calls = warmupCalls;
        long timedNanos = warmupNanos;
        boolean fit = adaptiveWarmup && calls > 1;
        long k = 0;
        long good = 0;
        long bad = 0;
        int failedInARow = 0;
        long now = clock.monotonicNanos();
        while ((k < calls || now - origin < timedNanos) && !control.stopped()) {
            if (failedInARow >= FAIL_FAST_CALLS) {
                break;
            }
            Map<String, Object> values;
            try {
                values = parameters.next();
            } catch (RuntimeException e) {
                k++;
                bad++;
                failedInARow++;
                now = noteError(e);
                warmupCounters.publish(good, bad, 0);
                continue;
            }
            if (nanosPerCall > 0) {
                pace(origin + scheduled(k));
            }
            k++;
            long start = fit ? clock.monotonicNanos() : 0;
            try {
                runner.execute(query, values);
                good++;
                failedInARow = 0;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                bad++;
                failedInARow++;
                noteError(e);
            }
            now = clock.monotonicNanos();
            if (fit && good == 1) {
                // the first call that worked says how slow the query is; a failure says nothing of it
                fit = false;
                long took = now - start;
                if (took > WARMUP_BUDGET_NANOS) {
                    // a call of seconds: it was the warmup
                    calls = k;
                    timedNanos = 0;
                } else if (took > FAST_CALL_NANOS) {
                    calls = Math.max(1, Math.min(calls, WARMUP_BUDGET_NANOS / took));
                }
            }
            warmupCounters.publish(good, bad, 0);
        }
        warmupOk = good;
        warmupFailed = bad;
    }

    private void measure() throws InterruptedException {
        final long origin = control.measureStartNanos();
        resetSchedule();
        final boolean paced = nanosPerCall > 0;
        long k = 0;
        long good = 0;
        long bad = 0;
        long rowSum = 0;
        long latencySum = 0;
        long now = clock.monotonicNanos();
        int current = -1;
        Histogram interval = null;
        while (!length.reached(k, now - origin) && !control.stopped()) {
            Map<String, Object> values;
            try {
                values = parameters.next();
            } catch (RuntimeException e) {
                // as in the warmup: the call counts as failed, and the error's time is the loop's next reading
                k++;
                bad++;
                now = noteError(e);
                measureCounters.publish(good, bad, latencySum);
                continue;
            }
            long due = 0;
            if (paced) {
                long offset = scheduled(k);
                if (length.reached(k, offset)) {
                    // the schedule places this call at or past the end of the window
                    break;
                }
                due = origin + offset;
                pace(due);
            }
            k++;
            long start = clock.monotonicNanos();
            long result;
            try {
                result = runner.execute(query, values);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                bad++;
                now = noteError(e);
                measureCounters.publish(good, bad, latencySum);
                continue;
            }
            long end = clock.monotonicNanos();
            now = end;
            good++;
            rowSum += Math.max(0, result);
            long took = Math.max(0, end - (paced ? due : start));
            latency.recordValue(took);
            long at = intervalNanos > 0 ? Math.max(0, (paced ? due : start) - origin) / intervalNanos
                    : (k - 1) / callsPerInterval;
            int index = (int) Math.min(MAX_INTERVALS - 1, at);
            if (index != current) {
                // at most once per interval: the only allocation of the measured loop
                while (intervals.size() <= index) {
                    intervals.add(null);
                }
                if (intervals.get(index) == null) {
                    intervals.set(index, Histograms.newCoarseNanos());
                }
                interval = intervals.get(index);
                current = index;
            }
            interval.recordValue(took);
            latencySum += took;
            if (paced) {
                service.recordValue(Math.max(0, end - start));
                lag.recordValue(Math.max(0, start - due));
            }
            measureCounters.publish(good, bad, latencySum);
        }
        ok = good;
        failed = bad;
        rows = rowSum;
        endNanos = now;
        if (paced && length instanceof BenchOptions.Length.ForDuration d) {
            missedStarts = Math.max(0, slotsBefore(d.duration().toNanos(), k) - k);
        }
    }

    /** Starts a phase's schedule again from its origin; the Poisson draws repeat in every run. */
    private void resetSchedule() {
        if (arrivals == Arrivals.POISSON) {
            poisson = new java.util.SplittableRandom(0x9E3779B97F4A7C15L * (threadIndex + 1));
            poissonK = 0;
            poissonOffset = gap();
        }
    }

    /** An exponential gap between this thread's calls: the threads' Poisson processes add up to the rate. */
    private double gap() {
        return -Math.log(1 - poisson.nextDouble()) * concurrency * nanosPerCall;
    }

    /**
     * Offset from the schedule's origin of this thread's call {@code k}. With Poisson arrivals the offsets are drawn
     * as they are needed, so {@code k} must never decrease within a phase.
     */
    private long scheduled(long k) {
        if (arrivals == Arrivals.POISSON) {
            while (poissonK < k) {
                poissonOffset += gap();
                poissonK++;
            }
            return (long) poissonOffset;
        }
        return (long) ((threadIndex + (double) k * concurrency) * nanosPerCall);
    }

    /** How many of this thread's calls the schedule places before {@code offset}; {@code made} were made. */
    private long slotsBefore(long offset, long made) {
        if (arrivals == Arrivals.POISSON) {
            long k = made;
            while (scheduled(k) < offset) {
                k++;
            }
            return k;
        }
        long k = Math.max(0, (long) ((offset / nanosPerCall - threadIndex) / concurrency));
        while (scheduled(k) < offset) {
            k++;
        }
        while (k > 0 && scheduled(k - 1) >= offset) {
            k--;
        }
        return k;
    }

    private void pace(long due) throws InterruptedException {
        long wait = due - clock.monotonicNanos();
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }

    /** Keeps the first error; returns the time, which the loop needs next anyway. */
    private long noteError(Exception e) {
        long now = clock.monotonicNanos();
        if (firstError == null) {
            firstError = e;
            firstErrorNanos = now;
        }
        return now;
    }

    public PhaseCounters warmupCounters() {
        return warmupCounters;
    }

    public PhaseCounters measureCounters() {
        return measureCounters;
    }

    public Histogram latency() {
        return latency;
    }

    /** This thread's latencies interval by interval; an entry is null for an interval with no successful call. */
    public java.util.List<Histogram> intervals() {
        return intervals;
    }

    public long intervalNanos() {
        return intervalNanos;
    }

    /** Service times, or null when not rate-limited. */
    public Histogram service() {
        return service;
    }

    /** Schedule lag, or null when not rate-limited. */
    public Histogram lag() {
        return lag;
    }

    public long warmupOk() {
        return warmupOk;
    }

    public long warmupFailed() {
        return warmupFailed;
    }

    public long ok() {
        return ok;
    }

    public long failed() {
        return failed;
    }

    public long rows() {
        return rows;
    }

    public long endNanos() {
        return endNanos;
    }

    public long missedStarts() {
        return missedStarts;
    }

    public Throwable firstError() {
        return firstError;
    }

    public long firstErrorNanos() {
        return firstErrorNanos;
    }

    public Throwable crash() {
        return crash;
    }

    public boolean interrupted() {
        return interrupted;
    }
}
