package io.querygov.cli.dashboard;

import io.querygov.bench.BenchOptions;
import io.querygov.bench.BenchParameters;
import io.querygov.bench.BenchPhase;
import io.querygov.bench.BenchProgress;
import io.querygov.bench.BenchProgressListener;
import io.querygov.bench.BenchReport;
import io.querygov.bench.BenchmarkEngine;
import io.querygov.bench.QueryBenchResult;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Benchmarks asked for from the dashboard, one at a time so that two never measure each other, each with its
 * progress readable while it runs. The latest result of each query is kept for its page. Thread-safe.
 */
final class BenchJobs implements AutoCloseable {
    /** Jobs kept for their progress to be read after they end. */
    private static final int KEPT_JOBS = 50;

    private final QueryRunner runner;
    private final BenchParameters parameters;
    private final BenchOptions options;
    private final Map<String, String> environment;
    private final UnaryOperator<String> redactor;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "querytool-dashboard-bench");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private final Map<String, QueryBenchResult> latest = new ConcurrentHashMap<>();

    BenchJobs(QueryRunner runner, BenchParameters parameters, BenchOptions options, Map<String, String> environment,
              UnaryOperator<String> redactor) {
        this.runner = runner;
        this.parameters = parameters;
        this.options = options;
        this.environment = Map.copyOf(environment);
        this.redactor = redactor;
    }

    BenchOptions options() {
        return options;
    }

    /** Queues a benchmark of the query, or returns the one already queued or running for it. */
    synchronized Job submit(QueryDescriptor query) {
        for (Job job : jobs.values()) {
            if (job.query.equals(query.name()) && !job.finished()) {
                return job;
            }
        }
        Job job = new Job(ids.incrementAndGet(), query.name());
        jobs.put(job.id, job);
        while (jobs.size() > KEPT_JOBS) {
            jobs.remove(jobs.keySet().iterator().next());
        }
        worker.execute(() -> run(job, query));
        return job;
    }

    synchronized Optional<Job> job(long id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The query's latest benchmark in this dashboard, if any. */
    Optional<QueryBenchResult> latest(String queryName) {
        return Optional.ofNullable(latest.get(queryName));
    }

    private void run(Job job, QueryDescriptor query) {
        job.update("running", "warming up", 0);
        try {
            BenchReport report = BenchmarkEngine.builder(runner).options(options).parameters(parameters)
                    .environment(environment).progressListener(new Progress(job, options)).build().run(java.util.List.of(query));
            QueryBenchResult result = report.queries().get(0);
            latest.put(query.name(), result);
            if (result.isMeasured()) {
                job.update("done", String.format(Locale.ROOT, "%,d calls, %.1f/s, p95 %.3f ms", result.calls(),
                        result.throughputPerSecond(), result.latency().p95Micros() / 1e3), 1);
            } else {
                job.update("failed", result.status().name().toLowerCase(Locale.ROOT) + result.firstError()
                        .map(e -> ": " + redactor.apply(e.toString())).orElse(""), 1);
            }
        } catch (RuntimeException | Error e) {
            job.update("failed", redactor.apply(String.valueOf(e.getMessage())), 1);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    /** Warmup is the first tenth of the bar, measurement the rest. */
    private record Progress(Job job, BenchOptions options) implements BenchProgressListener {

        @Override
        public void progress(BenchProgress p) {
            double fraction;
            if (p.phase() == BenchPhase.WARMUP) {
                double warmup = Math.max(1, options.warmup().toNanos());
                fraction = 0.1 * Math.min(1, p.elapsedNanos() / warmup);
            } else {
                double measured = options.length() instanceof BenchOptions.Length.ForDuration d
                        ? Math.max(1, d.duration().toNanos()) : Double.NaN;
                fraction = Double.isNaN(measured) ? 0.5 : 0.1 + 0.9 * Math.min(1, p.elapsedNanos() / measured);
            }
            job.update("running", String.format(Locale.ROOT, "%s %.1fs: %,d calls, %.0f/s",
                    p.phase().name().toLowerCase(Locale.ROOT), p.elapsedNanos() / 1e9, p.calls(),
                    p.intervalThroughput()), fraction);
        }
    }

    /** One benchmark's progress: state is queued, running, done or failed. */
    static final class Job {
        final long id;
        final String query;
        private volatile String state = "queued";
        private volatile String message = "queued";
        private volatile double fraction;

        Job(long id, String query) {
            this.id = id;
            this.query = query;
        }

        void update(String state, String message, double fraction) {
            this.message = message;
            this.fraction = fraction;
            this.state = state;
        }

        boolean finished() {
            return state.equals("done") || state.equals("failed");
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("query", query);
            m.put("state", state);
            m.put("message", message);
            m.put("fraction", Math.round(fraction * 1000) / 1000.0);
            return m;
        }
    }
}
