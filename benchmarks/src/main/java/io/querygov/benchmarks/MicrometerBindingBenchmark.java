package io.querygov.benchmarks;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.core.RowCounter;
import io.querygov.core.TrackedOperation;
import io.querygov.metrics.QueryMetrics;
import io.querygov.micrometer.QueryMeters;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Micrometer binding adds to a tracked call, beside Micrometer's own Timer timing the same
 * call: {@code tracked*} is {@code track(...)} into {@link QueryMetrics}; {@code trackedBound*} the same
 * with {@link QueryMeters} as a second listener and bound to a Prometheus registry; {@code timerHistogram*}
 * times the call with a Timer publishing a percentile histogram, {@code timerPercentiles*} with one
 * computing client-side percentiles (p50, p95, p99). At 1 and 2 threads on the same query.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MicrometerBindingBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class MicrometerBindingBenchmark {
    private static final QueryDescriptor QUERY = QueryDescriptor.builder("find:Project", QueryType.ORM_SIMPLE)
            .sql("select * from projects where id = ?").build();
    private static final RowCounter<Work> ONE_ROW = result -> 1;

    @State(Scope.Benchmark)
    public static class Meters {
        QueryTracker tracked;
        QueryTracker trackedBound;
        Timer histogramTimer;
        Timer percentilesTimer;

        @Setup
        public void setUp() {
            tracked = QueryTracker.create(QueryMetrics.create());
            QueryMetrics metrics = QueryMetrics.create();
            QueryMeters meters = QueryMeters.create(metrics);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            meters.bindTo(registry);
            trackedBound = QueryTracker.builder().listener(metrics).listener(meters).build();
            histogramTimer = Timer.builder("query").tag("query", QUERY.name()).publishPercentileHistogram()
                    .register(registry);
            percentilesTimer = Timer.builder("query.percentiles").tag("query", QUERY.name())
                    .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        }
    }

    @State(Scope.Thread)
    public static class Work {
        long counter;
        /** Returns a result allocated once: a boxed count would be the only allocation of the call, and not querygov's. */
        final TrackedOperation<Work, RuntimeException> operation = () -> {
            counter++;
            return this;
        };
    }

    private static Object timed(Timer timer, Work work) {
        long start = System.nanoTime();
        Object result = work.operation.call();
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }

    @Benchmark
    @Threads(1)
    public Object tracked1(Meters m, Work w) {
        return m.tracked.track(QUERY, w.operation, ONE_ROW);
    }

    @Benchmark
    @Threads(1)
    public Object trackedBound1(Meters m, Work w) {
        return m.trackedBound.track(QUERY, w.operation, ONE_ROW);
    }

    @Benchmark
    @Threads(1)
    public Object timerHistogram1(Meters m, Work w) {
        return timed(m.histogramTimer, w);
    }

    @Benchmark
    @Threads(1)
    public Object timerPercentiles1(Meters m, Work w) {
        return timed(m.percentilesTimer, w);
    }

    @Benchmark
    @Threads(2)
    public Object tracked2(Meters m, Work w) {
        return m.tracked.track(QUERY, w.operation, ONE_ROW);
    }

    @Benchmark
    @Threads(2)
    public Object trackedBound2(Meters m, Work w) {
        return m.trackedBound.track(QUERY, w.operation, ONE_ROW);
    }

    @Benchmark
    @Threads(2)
    public Object timerHistogram2(Meters m, Work w) {
        return timed(m.histogramTimer, w);
    }

    @Benchmark
    @Threads(2)
    public Object timerPercentiles2(Meters m, Work w) {
        return timed(m.percentilesTimer, w);
    }
}
