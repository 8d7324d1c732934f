package io.querygov.core;

import java.util.Objects;

/**
 * A named parameter of a registered query.
 *
 * @param name the name used in the statement, without the leading colon
 * @param sqlType the PostgreSQL type, as written ({@code uuid}, {@code timestamptz}, {@code int})
 * @param sampler how a benchmark draws values for it
 */
public record QueryParameter(String name, String sqlType, ParameterSampler sampler) {

    public QueryParameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a name");
        }
        if (sqlType == null || sqlType.isBlank()) {
            throw new IllegalArgumentException("parameter '" + name + "' needs a SQL type");
        }
        sampler = Objects.requireNonNullElse(sampler, ParameterSampler.NONE);
    }

    /** A parameter without a sampler. */
    public static QueryParameter of(String name, String sqlType) {
        return new QueryParameter(name, sqlType, ParameterSampler.NONE);
    }
}
