package io.querygov.bench;

import io.querygov.core.QueryDescriptor;
import java.util.Map;
import java.util.Objects;

/**
 * Where a benchmark's parameter values come from: the engine asks once per query and thread for a
 * {@link ParameterSupplier} and never looks inside the values, so it needs to know nothing of SQL. A tool
 * plugs in its own samplers here, for example one seeded source per thread so that each thread draws a
 * reproducible sequence:
 *
 * <pre>{@code
 * BenchParameters parameters = (query, thread) -> {
 *     ParameterSource source = shared.withSeed(seed + thread);
 *     return () -> source.values(query, given);
 * };
 * }</pre>
 */
@FunctionalInterface
public interface BenchParameters {

    /** No parameters: every call gets an empty map. */
    BenchParameters NONE = new BenchParameters() {
        @Override
        public ParameterSupplier forThread(QueryDescriptor query, int threadIndex) {
            return Map::of;
        }

        @Override
        public String toString() {
            return "BenchParameters.NONE";
        }
    };

    /**
     * The supplier one thread uses for one query. Called before the thread starts; an exception here fails
     * that query (it is reported with the exception as its error sample) and the run goes on with the next.
     *
     * @param threadIndex 0 to concurrency - 1
     */
    ParameterSupplier forThread(QueryDescriptor query, int threadIndex);

    /** The same values for every call of every query: for queries whose values were given, not sampled. */
    static BenchParameters constant(Map<String, Object> values) {
        Map<String, Object> copy = Map.copyOf(Objects.requireNonNull(values, "values"));
        return (query, threadIndex) -> () -> copy;
    }
}
