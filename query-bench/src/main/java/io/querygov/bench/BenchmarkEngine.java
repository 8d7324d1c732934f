package io.querygov.bench;

import io.querygov.bench.internal.Histograms;
import io.querygov.bench.internal.PhaseCounters;
import io.querygov.bench.internal.RunControl;
import io.querygov.bench.internal.ThreadContext;
import io.querygov.bench.internal.Worker;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryGovException;
import io.querygov.core.QueryRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs registered queries through a {@link QueryRunner} and measures them, one query after another in the
 * order given, each on {@link BenchOptions#concurrency()} threads of its own:
 *
 * <ol>
 *   <li><b>Warmup.</b> Every thread calls the query unmeasured until it has made
 *       {@link BenchOptions#warmupIterations()} calls and {@link BenchOptions#warmup()} has passed. The calls
 *       matter more than the time: pgjdbc prepares a statement on the server after 5 executions on a
 *       connection, and PostgreSQL may switch to a generic plan after 5 more; a benchmark that measures
 *       before both would measure plans that a running service no longer uses. With
 *       {@link BenchOptions#adaptiveWarmup()}, a thread whose first successful call is slow makes fewer warmup
 *       calls, so that a bulk statement of seconds does not warm up for a minute.</li>
 *   <li><b>Measurement.</b> When the last thread has warmed up, all threads start measuring at once, for a
 *       duration or a number of calls each. Calls that started before the deadline run to their end; the
 *       measured window ends when the last one does, and throughput is successful calls over that window.</li>
 * </ol>
 *
 * <p><b>Errors</b> never stop the run. A failed call is counted and the query's first error is kept, as class
 * and message. A thread stops warming up early after 3 consecutive failed calls (a query that always hits
 * its timeout costs 3 timeouts, not the whole warmup's); a query whose warmup calls all failed is not
 * measured, and neither counts as measured a query whose measured calls all failed: both are
 * {@link BenchStatus#FAILED}, and the run goes on with the next query. An {@link Error} thrown by the runner
 * is not a query failure but a broken JVM or runner, and ends the run with a {@link QueryGovException}.
 *
 * <p><b>Fixed rate.</b> With {@link BenchOptions#rate()}, calls are paced on a fixed schedule and each call's
 * latency counts from when it was due, not from when it started: see {@link RateResult} for why. The result
 * then also holds service times and schedule lag, as pgbench {@code -R} reports.
 *
 * <p><b>Overhead.</b> The engine measures the database, not itself: each thread records into its own plain
 * HdrHistogram, takes two clock readings per call, keeps its counts in locals and publishes them for the
 * progress listener with release stores; nothing is locked or allocated per call. Parameter values are drawn
 * before a call's clock starts.
 *
 * <p>An engine holds no state between runs and may be reused; it is not meant to run two benchmarks at once
 * (the database would measure both).
 */
public final class BenchmarkEngine {
    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkEngine.class);

    private final QueryRunner runner;
    private final BenchOptions options;
    private final BenchParameters parameters;
    private final BenchProgressListener listener;
    private final Map<String, String> environment;
    private final QueryClock clock;
    private final Sleeper sleeper;
    private final WorkProbe workProbe;

    // Copied from its builder as BenchGate is from its own: two public types, each built by its own builder
    private BenchmarkEngine(Builder b) {
        this.workProbe = b.workProbe;
        this.runner = b.runner;
        this.options = b.options;
        this.parameters = b.parameters;
        this.listener = b.listener;
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        this.clock = b.clock;
        this.sleeper = b.sleeper;
    }

    /** Starts an engine that runs queries through this runner. */
    public static Builder builder(QueryRunner runner) {
        return new Builder(runner);
    }

    public BenchOptions options() {
        return options;
    }

    /** Benchmarks every query of the catalog, in catalog order. */
    public BenchReport run(QueryCatalog catalog) {
        return run(catalog.queries());
    }

    /**
     * Benchmarks these queries, in this order.
     *
     * @throws QueryGovException when the calling thread is interrupted, or the runner throws an {@link Error}
     */
    public BenchReport run(List<QueryDescriptor> queries) {
        Instant startedAt = Instant.ofEpochMilli(clock.wallTimeMillis());
        List<QueryBenchResult> results = new ArrayList<>(queries.size());
        ListenerGuard guard = new ListenerGuard(listener);
        for (int i = 0; i < queries.size(); i++) {
            results.add(runQuery(queries.get(i), i, queries.size(), guard));
        }
        Instant finishedAt = Instant.ofEpochMilli(clock.wallTimeMillis());
        return new BenchReport(startedAt, finishedAt, options, environment(), results);
    }

    /** Benchmarks one query. */
    public QueryBenchResult runQuery(QueryDescriptor query) {
        return runQuery(query, 0, 1, new ListenerGuard(listener));
    }

    /**
     * The caller's facts (PostgreSQL version, settings) followed by the JVM's and the machine's; a key the
     * caller gave keeps the caller's value.
     */
    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(environment);
        Runtime rt = Runtime.getRuntime();
        env.putIfAbsent("jvm.version", System.getProperty("java.runtime.version", System.getProperty("java.version")));
        env.putIfAbsent("jvm.vendor", System.getProperty("java.vm.vendor", ""));
        env.putIfAbsent("jvm.name", System.getProperty("java.vm.name", ""));
        env.putIfAbsent("jvm.maxHeapBytes", Long.toString(rt.maxMemory()));
        env.putIfAbsent("os.name", System.getProperty("os.name", ""));
        env.putIfAbsent("os.version", System.getProperty("os.version", ""));
        env.putIfAbsent("os.arch", System.getProperty("os.arch", ""));
        env.putIfAbsent("cpu.availableProcessors", Integer.toString(rt.availableProcessors()));
        return env;
    }

    private QueryBenchResult runQuery(QueryDescriptor query, int index, int count, ListenerGuard guard) {
        Objects.requireNonNull(query, "query");
        guard.queryStarted(query, index, count);
        QueryBenchResult result = measure(query, index, count, guard);
        if (result.isMeasured() && workProbe != WorkProbe.NONE) {
            result = captureWork(query, result);
        }
        LOG.debug("Benchmarked {}", result);
        guard.queryFinished(result);
        return result;
    }

    /** After the measurement, never during it: the probe's statements must not compete with measured calls. */
    private QueryBenchResult captureWork(QueryDescriptor query, QueryBenchResult result) {
        long start = clock.monotonicNanos();
        try {
            Optional<QueryWork> work = workProbe.capture(query, result);
            long took = Math.max(0, clock.monotonicNanos() - start);
            // the engine's clock says what the capture cost, whatever the probe reported
            return work.map(w -> result.withWork(new QueryWork(w.samples(), w.note(), took))).orElse(result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryGovException("Benchmark interrupted while capturing the work of query '" + query.name()
                    + "'", e);
        } catch (Exception e) {
            LOG.debug("Work capture of {} failed", query.name(), e);
            return result.withWork(QueryWork.none("capture failed: " + ErrorSample.of(e),
                    Math.max(0, clock.monotonicNanos() - start)));
        }
    }

    private QueryBenchResult measure(QueryDescriptor query, int index, int count, ListenerGuard guard) {
        if (!runner.supports(query)) {
            return notRun(query, BenchStatus.UNSUPPORTED, null);
        }
        int threads = options.concurrency();
        List<ParameterSupplier> suppliers = new ArrayList<>(threads);
        try {
            for (int i = 0; i < threads; i++) {
                suppliers.add(Objects.requireNonNull(parameters.forThread(query, i),
                        () -> "BenchParameters returned no supplier for query '" + query.name() + "'"));
            }
        } catch (RuntimeException e) {
            return notRun(query, BenchStatus.FAILED, e);
        }

        Worker[] workers = new Worker[threads];
        RunControl control = new RunControl(clock, threads, () -> warmupSucceeded(workers));
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(options, new ThreadContext(query, runner, suppliers.get(i), clock, sleeper, control,
                    i));
        }

        CountDownLatch finished = new CountDownLatch(threads);
        List<Thread> started = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            Worker w = workers[i];
            Thread t = new Thread(() -> {
                try {
                    w.run();
                } finally {
                    finished.countDown();
                }
            }, "querygov-bench-" + i);
            // A call stuck in the database must not keep the JVM alive after the tool has given up on it.
            t.setDaemon(true);
            started.add(t);
            t.start();
        }

        Progress progress = new Progress(query, index, count, workers, control, guard);
        try {
            // Real time decides when to look, the engine's clock what is reported: a slow listener delays the
            // next look, never a call.
            long intervalNanos = options.progressInterval().toNanos();
            while (!finished.await(intervalNanos, TimeUnit.NANOSECONDS)) {
                progress.tick();
            }
            for (Thread t : started) {
                t.join();
            }
        } catch (InterruptedException e) {
            control.stop();
            started.forEach(Thread::interrupt);
            joinQuietly(started);
            Thread.currentThread().interrupt();
            throw new QueryGovException("Benchmark interrupted while running query '" + query.name() + "'", e);
        }

        for (int i = 0; i < threads; i++) {
            if (workers[i].crash() != null) {
                Throwable crash = workers[i].crash();
                throw new QueryGovException("Benchmark of query '" + query.name() + "' stopped: thread " + i
                        + " failed with " + crash, crash);
            }
            if (workers[i].interrupted()) {
                throw new QueryGovException("Benchmark of query '" + query.name() + "' stopped: thread " + i
                        + " was interrupted");
            }
        }
        QueryBenchResult result = collect(query, workers, control);
        progress.finish(result);
        return result;
    }

    private static boolean warmupSucceeded(Worker[] workers) {
        return total(workers, Worker::warmupOk) > 0 || total(workers, Worker::warmupFailed) == 0;
    }

    /** One of the workers' figures, summed over the query's threads. */
    private static long total(Worker[] workers, ToLongFunction<Worker> figure) {
        long sum = 0;
        for (Worker w : workers) {
            sum += figure.applyAsLong(w);
        }
        return sum;
    }

    private QueryBenchResult collect(QueryDescriptor query, Worker[] workers, RunControl control) {
        long ok = total(workers, Worker::ok);
        long failed = total(workers, Worker::failed);
        long end = control.measureStartNanos();
        Throwable firstError = null;
        long firstErrorNanos = 0;
        boolean paced = options.isRateLimited();
        Histogram latency = Histograms.newNanos();
        Histogram service = paced ? Histograms.newNanos() : null;
        Histogram lag = paced ? Histograms.newNanos() : null;
        for (Worker w : workers) {
            end = Math.max(end, w.endNanos());
            latency.add(w.latency());
            if (paced) {
                service.add(w.service());
                lag.add(w.lag());
            }
            if (w.firstError() != null && (firstError == null || w.firstErrorNanos() < firstErrorNanos)) {
                firstError = w.firstError();
                firstErrorNanos = w.firstErrorNanos();
            }
        }
        WarmupResult warmup = new WarmupResult(total(workers, Worker::warmupOk), total(workers, Worker::warmupFailed),
                control.measureStartNanos() - control.warmupStartNanos());
        boolean measured = control.measuring();
        BenchStatus status = !measured || (ok == 0 && failed > 0) ? BenchStatus.FAILED : BenchStatus.MEASURED;
        Optional<RateResult> rateResult = paced
                ? Optional.of(new RateResult(options.rate().getAsDouble(), LatencySummary.ofNanos(service),
                Histograms.encode(service), LatencySummary.ofNanos(lag), total(workers, Worker::missedStarts)))
                : Optional.empty();
        return new QueryBenchResult(query.name(), query.type(), status, warmup, ok, failed,
                Optional.ofNullable(firstError).map(ErrorSample::of), total(workers, Worker::rows),
                measured ? end - control.measureStartNanos() : 0, LatencySummary.ofNanos(latency),
                Histograms.encode(latency), rateResult, Optional.empty(),
                status == BenchStatus.MEASURED ? intervals(workers) : LatencyIntervals.NONE);
    }

    /** The workers' interval histograms merged interval by interval; empty intervals left out. */
    private static LatencyIntervals intervals(Worker[] workers) {
        int count = 0;
        for (Worker w : workers) {
            count = Math.max(count, w.intervals().size());
        }
        List<LatencySummary> summaries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Histogram merged = null;
            for (Worker w : workers) {
                Histogram h = i < w.intervals().size() ? w.intervals().get(i) : null;
                if (h != null) {
                    if (merged == null) {
                        merged = h.copy();
                    } else {
                        merged.add(h);
                    }
                }
            }
            if (merged != null && merged.getTotalCount() > 0) {
                summaries.add(LatencySummary.ofNanos(merged));
            }
        }
        return new LatencyIntervals(workers.length == 0 ? 0 : workers[0].intervalNanos(), summaries);
    }

    private QueryBenchResult notRun(QueryDescriptor query, BenchStatus status, Throwable error) {
        Histogram empty = Histograms.newNanos();
        String encoded = Histograms.encode(empty);
        Optional<RateResult> rate = options.rate().isPresent()
                ? Optional.of(new RateResult(options.rate().getAsDouble(), LatencySummary.EMPTY, encoded,
                LatencySummary.EMPTY, 0))
                : Optional.empty();
        return new QueryBenchResult(query.name(), query.type(), status, WarmupResult.NONE, 0, 0,
                Optional.ofNullable(error).map(ErrorSample::of), 0, 0, LatencySummary.EMPTY, encoded, rate);
    }

    private static void joinQuietly(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads the workers' counters and tells the listener, from the thread that runs the benchmark. */
    private final class Progress {
        private final QueryDescriptor query;
        private final int index;
        private final int count;
        private final Worker[] workers;
        private final RunControl control;
        private final ListenerGuard guard;
        private final boolean warmupConfigured;
        private boolean warmupReported;
        private BenchPhase phase = BenchPhase.WARMUP;
        private long lastCalls;
        private long lastLatencySum;
        private long lastNanos;

        // Fields from the constructor's arguments: alike any such constructor in shape only
        Progress(QueryDescriptor query, int index, int count, Worker[] workers, RunControl control,
                 ListenerGuard guard) {
            this.query = query;
            this.index = index;
            this.count = count;
            this.workers = workers;
            this.control = control;
            this.guard = guard;
            this.warmupConfigured = options.warmupIterations() > 0 || !options.warmup().isZero();
            this.lastNanos = control.warmupStartNanos();
        }

        void tick() {
            if (control.warmupOver()) {
                finishWarmup();
                if (control.measuring()) {
                    emit(BenchPhase.MEASURE, clock.monotonicNanos(), false);
                }
            } else if (warmupConfigured) {
                emit(BenchPhase.WARMUP, clock.monotonicNanos(), false);
            }
        }

        void finish(QueryBenchResult result) {
            finishWarmup();
            if (control.measuring()) {
                emit(BenchPhase.MEASURE, control.measureStartNanos() + result.measuredNanos(), true);
            }
        }

        private void finishWarmup() {
            if (!warmupReported) {
                warmupReported = true;
                if (warmupConfigured && control.warmupOver()) {
                    emit(BenchPhase.WARMUP, control.measureStartNanos(), true);
                }
            }
        }

        private void emit(BenchPhase p, long now, boolean last) {
            if (p != phase) {
                phase = p;
                lastCalls = 0;
                lastLatencySum = 0;
                lastNanos = control.measureStartNanos();
            }
            Function<Worker, PhaseCounters> counters = p == BenchPhase.WARMUP
                    ? Worker::warmupCounters : Worker::measureCounters;
            long calls = 0;
            long errors = 0;
            long latencySum = 0;
            for (Worker w : workers) {
                PhaseCounters c = counters.apply(w);
                calls += c.calls();
                errors += c.errors();
                latencySum += c.latencySumNanos();
            }
            long start = p == BenchPhase.WARMUP ? control.warmupStartNanos() : control.measureStartNanos();
            long dt = now - lastNanos;
            long dc = calls - lastCalls;
            double throughput = dt > 0 ? dc * 1e9 / dt : 0;
            double meanMicros = p == BenchPhase.MEASURE && dc > 0 ? (latencySum - lastLatencySum) / 1e3 / dc : Double.NaN;
            lastCalls = calls;
            lastLatencySum = latencySum;
            lastNanos = now;
            guard.progress(new BenchProgress(query.name(), query.type(), index, count, p, now - start, calls, errors,
                    throughput, meanMicros, last));
        }
    }

    /** Calls the listener; one that throws is logged, once per run, and the benchmark goes on. */
    private static final class ListenerGuard {
        private final BenchProgressListener listener;
        private boolean failureLogged;

        ListenerGuard(BenchProgressListener listener) {
            this.listener = listener;
        }

        void queryStarted(QueryDescriptor query, int index, int count) {
            try {
                listener.queryStarted(query, index, count);
            } catch (RuntimeException e) {
                failed("queryStarted", e);
            }
        }

        void progress(BenchProgress progress) {
            try {
                listener.progress(progress);
            } catch (RuntimeException e) {
                failed("progress", e);
            }
        }

        void queryFinished(QueryBenchResult result) {
            try {
                listener.queryFinished(result);
            } catch (RuntimeException e) {
                failed("queryFinished", e);
            }
        }

        private void failed(String method, RuntimeException e) {
            if (!failureLogged) {
                failureLogged = true;
                LOG.warn("Benchmark progress listener {} threw from {}; the benchmark goes on, and later failures of"
                        + " this listener in this run are logged at debug level", listener, method, e);
            } else {
                LOG.debug("Benchmark progress listener {} threw from {}", listener, method, e);
            }
        }
    }

    // One setter per setting, each refusing null at once: the shape of every builder of a public type here and in
    // the other modules, which share no settings with this one
    /** Builds a {@link BenchmarkEngine}; every option has a default but the runner. */
    public static final class Builder {
        private final QueryRunner runner;
        private BenchOptions options = BenchOptions.defaults();
        private BenchParameters parameters = BenchParameters.NONE;
        private BenchProgressListener listener = BenchProgressListener.NOP;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private QueryClock clock = QueryClock.SYSTEM;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private WorkProbe workProbe = WorkProbe.NONE;

        private Builder(QueryRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
        }

        /**
         * What captures each measured query's work per call (plan, buffers, rows, statements), after its
         * measurement; none by default.
         */
        public Builder workProbe(WorkProbe probe) {
            this.workProbe = Objects.requireNonNull(probe, "probe");
            return this;
        }

        public Builder options(BenchOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Where parameter values come from; by default every call gets none. */
        public Builder parameters(BenchParameters parameters) {
            this.parameters = Objects.requireNonNull(parameters, "parameters");
            return this;
        }

        public Builder progressListener(BenchProgressListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * A fact about the environment for the report, such as {@code postgres.version} or a server setting;
         * the engine adds the JVM's and the machine's own.
         */
        public Builder environment(String key, String value) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("an environment key cannot be empty");
            }
            environment.put(key, Objects.requireNonNull(value, () -> "environment value of '" + key + "'"));
            return this;
        }

        /** Facts about the environment, in order: see {@link #environment(String, String)}. */
        public Builder environment(Map<String, String> facts) {
            facts.forEach(this::environment);
            return this;
        }

        /** Where time is read; {@link QueryClock#SYSTEM} by default. Tests inject a {@code ManualClock}. */
        public Builder clock(QueryClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How a rate-limited run waits; {@link Sleeper#SYSTEM} by default. Must agree with the clock. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public BenchmarkEngine build() {
            return new BenchmarkEngine(this);
        }
    }

    @Override
    public String toString() {
        return "BenchmarkEngine[" + options + "]";
    }
}
