package io.querygov.cli.internal;

import io.querygov.bench.BenchOptions;
import io.querygov.bench.BenchParameters;
import io.querygov.bench.BenchProgress;
import io.querygov.bench.BenchProgressListener;
import io.querygov.bench.BenchReport;
import io.querygov.bench.BenchmarkEngine;
import io.querygov.bench.QueryBenchResult;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the benchmark engine over queries one at a time, with a progress line, and with a warmup fitted to each
 * query: unless the warmup calls were asked for, each query is called once first; when that call takes longer than
 * {@value #FAST_CALL_MILLIS} ms the query warms up with as many calls as fit in {@value #SLOW_WARMUP_MILLIS} ms,
 * and when it takes longer than that, it was the warmup. A bulk statement of seconds so does not spend a minute
 * warming up. The report holds the options asked for; each query's result says what its warmup did.
 */
public final class QueryBench {
    /** A first call up to this long keeps the full warmup. */
    static final long FAST_CALL_MILLIS = 50;
    /** A slower query warms up with as many calls as fit in this. */
    static final long SLOW_WARMUP_MILLIS = 1000;

    private final QueryRunner runner;
    private final BenchParameters parameters;
    private final Notes notes;
    private final boolean fitWarmup;

    /**
     * @param fitWarmup whether to fit each query's warmup calls to its speed; false when the user gave them
     */
    public QueryBench(QueryRunner runner, BenchParameters parameters, Notes notes, boolean fitWarmup) {
        this.runner = runner;
        this.parameters = parameters;
        this.notes = notes;
        this.fitWarmup = fitWarmup;
    }

    public BenchReport run(List<QueryDescriptor> queries, BenchOptions options, Map<String, String> environment) {
        Instant startedAt = Instant.now();
        List<QueryBenchResult> results = new ArrayList<>();
        Map<String, String> facts = environment;
        for (int i = 0; i < queries.size(); i++) {
            QueryDescriptor query = queries.get(i);
            BenchOptions own = fit(options, query);
            BenchReport one = BenchmarkEngine.builder(runner).options(own).parameters(parameters)
                    .progressListener(new Progress(i, queries.size())).environment(environment).build()
                    .run(List.of(query));
            results.addAll(one.queries());
            facts = one.environment();
        }
        notes.clearProgress();
        return new BenchReport(startedAt, Instant.now(), options, facts, results);
    }

    private BenchOptions fit(BenchOptions options, QueryDescriptor query) {
        if (!fitWarmup || !runner.supports(query) || options.warmupIterations() <= 1) {
            return options;
        }
        long started = System.nanoTime();
        try {
            notes.progress(query.name() + ": first call");
            runner.execute(query, parameters.forThread(query, 0).next());
        } catch (Exception | AssertionError e) {
            // the engine runs it again, records the failure and says why
            return options;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis <= FAST_CALL_MILLIS) {
            return options;
        }
        if (millis > SLOW_WARMUP_MILLIS) {
            // a call of seconds: the first one was the warmup
            return options.toBuilder().warmupIterations(0).warmup(java.time.Duration.ZERO).build();
        }
        int calls = (int) Math.max(1, Math.min(options.warmupIterations(), SLOW_WARMUP_MILLIS / millis));
        return options.toBuilder().warmupIterations(calls).build();
    }

    /** A progress line while a query runs, and a line per query when standard error is not a terminal. */
    private final class Progress implements BenchProgressListener {
        private final int index;
        private final int count;

        Progress(int index, int count) {
            this.index = index;
            this.count = count;
        }

        @Override
        public void progress(BenchProgress p) {
            notes.progress(String.format(Locale.ROOT, "[%d/%d] %s %s %.1fs: %d calls, %.0f/s, mean %.2f ms",
                    index + 1, count, p.query(), p.phase().name().toLowerCase(Locale.ROOT), p.elapsedNanos() / 1e9,
                    p.calls(), p.intervalThroughput(), p.intervalMeanLatencyMicros() / 1e3));
        }

        @Override
        public void queryFinished(QueryBenchResult q) {
            if (!notes.terminal()) {
                notes.note(String.format(Locale.ROOT, "[%d/%d] %s: %s", index + 1, count, q.name(), q.isMeasured()
                        ? String.format(Locale.ROOT, "%d calls, %.1f/s, p95 %.3f ms", q.calls(),
                        q.throughputPerSecond(), q.latency().p95Micros() / 1e3)
                        : q.status().name().toLowerCase(Locale.ROOT)));
            }
        }
    }
}
