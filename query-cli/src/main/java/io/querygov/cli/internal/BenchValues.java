package io.querygov.cli.internal;

import io.querygov.bench.BenchParameters;
import io.querygov.bench.ParameterSupplier;
import io.querygov.core.QueryDescriptor;
import io.querygov.inspect.ParameterSource;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Parameter values for a benchmark: each thread draws {@value #DRAWN} sets of values from the query's samplers
 * (with {@code --param} values fixed) before it starts, then cycles through them, so that a call costs an array
 * read rather than a draw: the benchmark measures the database, not the samplers. Draws are seeded per thread and
 * repeat from run to run.
 */
public final class BenchValues implements BenchParameters {
    /** Sets of values per thread; a power of two. */
    static final int DRAWN = 256;

    private final ParameterSource shared;
    private final long seed;
    private final Map<String, String> given;

    public BenchValues(DataSource dataSource, long seed, Map<String, String> given) {
        this.shared = ParameterSource.create(dataSource, seed);
        this.seed = seed;
        this.given = Map.copyOf(given);
    }

    /** The source the threads draw from, whose sample queries have run once: for other draws of the same run. */
    public ParameterSource source() {
        return shared;
    }

    @Override
    public ParameterSupplier forThread(QueryDescriptor query, int threadIndex) {
        ParameterSource source = shared.withSeed(seed * 1_000_003L + threadIndex);
        Map<String, String> mine = givenFor(query);
        Map<String, Object> first = source.values(query, mine);
        if (first.isEmpty()) {
            Map<String, Object> none = Map.of();
            return () -> none;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object>[] drawn = new Map[DRAWN];
        drawn[0] = first;
        for (int i = 1; i < DRAWN; i++) {
            drawn[i] = source.values(query, mine);
        }
        return new ParameterSupplier() {
            private int next;

            @Override
            public Map<String, Object> next() {
                return drawn[next++ & (DRAWN - 1)];
            }
        };
    }

    /** The given values this query has parameters for: {@code --param} applies to every query that uses it. */
    private Map<String, String> givenFor(QueryDescriptor query) {
        Map<String, String> mine = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (query.parameter(name).isPresent()) {
                mine.put(name, value);
            }
        });
        return mine;
    }
}
