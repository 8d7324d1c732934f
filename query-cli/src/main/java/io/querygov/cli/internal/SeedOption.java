package io.querygov.cli.internal;

import java.util.Map;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/** {@code --seed}: where the parameter samplers start, so that a run draws the same values again. */
public final class SeedOption {

    @Option(names = "--seed", defaultValue = "42", order = 7,
            description = "Seed of the parameter samplers (default: ${DEFAULT-VALUE}).")
    long seed;

    public long value() {
        return seed;
    }

    /** Values drawn from each query's samplers from this seed, none of them fixed. */
    public BenchValues drawnFrom(DataSource dataSource) {
        return new BenchValues(dataSource, seed, Map.of());
    }
}
