package io.querygov.core;

import java.util.List;

/**
 * How a benchmark draws realistic values for one parameter. This is only the description; the
 * modules that talk to a database draw the values.
 */
public sealed interface ParameterSampler {

    /** No sampler: the value must be given, for example with {@code --param name=value}. */
    None NONE = new None();

    /** No sampler declared. */
    record None() implements ParameterSampler {
        @Override
        public String toString() {
            return "none";
        }
    }

    /** Values drawn from the rows of a query that returns one column. */
    record FromQuery(String sql) implements ParameterSampler {
        public FromQuery {
            if (sql == null || sql.isBlank()) {
                throw new IllegalArgumentException("a sample query cannot be empty");
            }
        }

        @Override
        public String toString() {
            return "sample: " + sql;
        }
    }

    /** Values drawn from a fixed list, as written in the declaration. */
    record FromValues(List<String> values) implements ParameterSampler {
        public FromValues {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a values list needs at least one value");
            }
        }

        @Override
        public String toString() {
            return "values: " + String.join(", ", values);
        }
    }

    /** Integers drawn uniformly from {@code min..max}, both included. */
    record FromRange(long min, long max) implements ParameterSampler {
        public FromRange {
            if (min > max) {
                throw new IllegalArgumentException("range " + min + ".." + max + " is empty: min must not exceed max");
            }
        }

        @Override
        public String toString() {
            return "range: " + min + ".." + max;
        }
    }
}
