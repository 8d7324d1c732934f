package io.querygov.bench.internal;

import io.querygov.bench.ParameterSupplier;
import io.querygov.bench.Sleeper;
import io.querygov.core.QueryClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;

/**
 * What one benchmark thread works with, besides the options: the query and its runner, its own parameter values,
 * where it reads time and how it waits, what it shares with the query's other threads, and its place among them.
 *
 * @param threadIndex 0 to concurrency - 1: places the thread's calls on a fixed-rate schedule
 */
public record ThreadContext(QueryDescriptor query, QueryRunner runner, ParameterSupplier parameters, QueryClock clock,
                            Sleeper sleeper, RunControl control, int threadIndex) {

    /**
     * Checks the thread's index only: the engine, which alone makes these, has refused a null of every other
     * component where it took it (its builder, {@code runQuery}, the parameter suppliers).
     */
    public ThreadContext {
        if (threadIndex < 0) {
            throw new IllegalArgumentException("threadIndex cannot be negative, was " + threadIndex);
        }
    }
}
