package io.querygov.benchmarks;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.core.RowCounter;
import io.querygov.core.TrackedOperation;
import io.querygov.metrics.QueryMetrics;
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
 * What tracking adds to a call: the same trivial operation bare, through {@code track(...)} with no
 * listener, and through {@code track(...)} recording into {@link QueryMetrics}, with one thread and
 * with two threads on the same query (the case where a shared recorder would become a lock convoy).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TrackingBenchmark}. Read the difference
 * between {@code tracked*} and {@code bare*} at the same thread count; two {@code System.nanoTime()}
 * calls (about 50 ns here) are its floor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class TrackingBenchmark {

    private static final QueryDescriptor QUERY = QueryDescriptor.builder("find:Project", QueryType.ORM_SIMPLE)
            .sql("select * from projects where id = ?").build();
    /** A fixed count: the row counter's own cost is part of tracking, its arithmetic should not vary. */
    private static final RowCounter<Work> ONE_ROW = result -> 1;

    /** Shared by every benchmark thread: one tracker and one metrics listener, as in a service. */
    @State(Scope.Benchmark)
    public static class Trackers {
        QueryTracker noListener;
        QueryTracker withMetrics;
        QueryMetrics metrics;

        @Setup
        public void setUp() {
            noListener = QueryTracker.create();
            metrics = QueryMetrics.create();
            withMetrics = QueryTracker.create(metrics);
        }
    }

    /** Per-thread work, so the bare call does not share anything between threads. */
    @State(Scope.Thread)
    public static class Work {
        long counter;
        /** Returns a result allocated once: a boxed count would be the only allocation of the call, and not querygov's. */
        final TrackedOperation<Work, RuntimeException> operation = () -> {
            counter++;
            return this;
        };
    }

    @Benchmark
    @Threads(1)
    public Object bare1(Work work) {
        return work.operation.call();
    }

    @Benchmark
    @Threads(1)
    public Object trackedNoListener1(Trackers t, Work work) {
        return t.noListener.track(QUERY, work.operation, ONE_ROW);
    }

    @Benchmark
    @Threads(1)
    public Object trackedMetrics1(Trackers t, Work work) {
        return t.withMetrics.track(QUERY, work.operation, ONE_ROW);
    }

    @Benchmark
    @Threads(2)
    public Object bare2(Work work) {
        return work.operation.call();
    }

    @Benchmark
    @Threads(2)
    public Object trackedNoListener2(Trackers t, Work work) {
        return t.noListener.track(QUERY, work.operation, ONE_ROW);
    }

    @Benchmark
    @Threads(2)
    public Object trackedMetrics2(Trackers t, Work work) {
        return t.withMetrics.track(QUERY, work.operation, ONE_ROW);
    }
}
