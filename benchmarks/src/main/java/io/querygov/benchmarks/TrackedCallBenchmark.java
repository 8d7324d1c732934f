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

/**
 * What the per-call tracking benchmarks share: one trivial operation per thread, tracked under one query name and
 * timed in nanoseconds per call, and the figure each of them is read against, {@link #trackedMetrics} ({@code
 * track(...)} recording into {@link QueryMetrics}). A subclass adds its own variants and runs them all at one thread;
 * its nested {@code TwoThreads} subclass, annotated {@code @Threads(2)}, runs the same at two threads on the same
 * query, the case where a shared recorder would become a lock convoy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@Threads(1)
public abstract class TrackedCallBenchmark {
    static final QueryDescriptor QUERY = QueryDescriptor.builder("find:Project", QueryType.ORM_SIMPLE)
            .sql("select * from projects where id = ?").build();
    /** A fixed count: the row counter's own cost is part of tracking, its arithmetic should not vary. */
    private static final RowCounter<Call> ONE_ROW = result -> 1;

    /** Shared by every benchmark thread, as in a service: one tracker recording into one metrics listener. */
    private QueryTracker withMetrics;

    /** Per-thread work, so the bare call does not share anything between threads. */
    @State(Scope.Thread)
    public static class Call {
        long counter;
        /** Returns a result allocated once: a boxed count would be the only allocation of the call, and not querygov's. */
        final TrackedOperation<Call, RuntimeException> operation = () -> {
            counter++;
            return this;
        };

        Object bare() {
            return operation.call();
        }

        Object trackedBy(QueryTracker tracker) {
            return tracker.track(QUERY, operation, ONE_ROW);
        }
    }

    @Setup
    public void setUpMetrics() {
        withMetrics = QueryTracker.create(QueryMetrics.create());
    }

    @Benchmark
    public Object trackedMetrics(Call call) {
        return call.trackedBy(withMetrics);
    }
}
