package io.querygov.benchmarks;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.querygov.core.QueryTracker;
import io.querygov.metrics.QueryMetrics;
import io.querygov.micrometer.QueryMeters;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Micrometer binding adds to a tracked call, beside Micrometer's own Timer timing the same
 * call: {@code trackedMetrics} is {@code track(...)} into {@link QueryMetrics}; {@code trackedBound} the same
 * with {@link QueryMeters} as a second listener and bound to a Prometheus registry; {@code timerHistogram}
 * times the call with a Timer publishing a percentile histogram, {@code timerPercentiles} with one
 * computing client-side percentiles (p50, p95, p99). At 1 and 2 threads ({@link TwoThreads}) on the same query.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MicrometerBindingBenchmark -prof gc}.
 */
@Warmup(iterations = 3, time = 1)
public class MicrometerBindingBenchmark extends TrackedCallBenchmark {
    private QueryTracker trackedBound;
    private Timer histogramTimer;
    private Timer percentilesTimer;

    @Setup
    public void setUp() {
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

    private static Object timed(Timer timer, Call call) {
        long start = System.nanoTime();
        Object result = call.operation.call();
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }

    @Benchmark
    public Object trackedBound(Call call) {
        return call.trackedBy(trackedBound);
    }

    @Benchmark
    public Object timerHistogram(Call call) {
        return timed(histogramTimer, call);
    }

    @Benchmark
    public Object timerPercentiles(Call call) {
        return timed(percentilesTimer, call);
    }

    /** Every benchmark above, at two threads on the same query. */
    @Threads(2)
    public static class TwoThreads extends MicrometerBindingBenchmark {
    }
}
