package io.querygov.bench.internal;

import io.querygov.bench.ParameterSupplier;
import io.querygov.bench.Sleeper;
import io.querygov.core.QueryClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import java.util.Objects;

/**
 * What one benchmark thread works with, besides the options: the query and its runner, its own parameter values,
 * where it reads time and how it waits, what it shares with the query's other threads, and its place among them.
 *
 * @param threadIndex 0 to concurrency - 1: places the thread's calls on a fixed-rate schedule
 */
public record ThreadContext(QueryDescriptor query, QueryRunner runner, ParameterSupplier parameters, QueryClock clock,
                            Sleeper sleeper, RunControl control, int threadIndex) {

    public ThreadContext {
        // One null check per component, like the saved-run model's records: a wiring mistake fails before a thread runs
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(control, "control");
        if (threadIndex < 0) {
            throw new IllegalArgumentException("threadIndex cannot be negative, was " + threadIndex);
        }
    }
}
