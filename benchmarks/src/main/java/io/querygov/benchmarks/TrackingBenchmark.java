package io.querygov.benchmarks;

import io.querygov.core.QueryTracker;
import io.querygov.metrics.QueryMetrics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What tracking adds to a call: the same trivial operation bare, through {@code track(...)} with no
 * listener, and through {@code track(...)} recording into {@link QueryMetrics}, with one thread and
 * with two threads on the same query ({@link TwoThreads}: the case where a shared recorder would become a lock
 * convoy).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TrackingBenchmark}. Read the difference
 * between {@code tracked*} and {@code bare} at the same thread count; two {@code System.nanoTime()}
 * calls (about 50 ns here) are its floor.
 */
@Warmup(iterations = 5, time = 1)
public class TrackingBenchmark extends TrackedCallBenchmark {
    private QueryTracker noListener;

    @Setup
    public void setUp() {
        noListener = QueryTracker.create();
    }

    @Benchmark
    public Object bare(Call call) {
        return call.bare();
    }

    @Benchmark
    public Object trackedNoListener(Call call) {
        return call.trackedBy(noListener);
    }

    /** Every benchmark above, at two threads on the same query. */
    @Threads(2)
    public static class TwoThreads extends TrackingBenchmark {
    }
}
