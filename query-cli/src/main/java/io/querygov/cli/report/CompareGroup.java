package io.querygov.cli.report;

import io.querygov.bench.QueryBenchResult;
import io.querygov.core.QueryDescriptor;
import java.util.List;
import java.util.Objects;

/**
 * One group of {@code compare}: the variants of a report, the reference first.
 *
 * @param name the group, as in its {@code compare:<group>} tag
 * @param variants the reference variant, then the others
 */
public record CompareGroup(String name, List<Variant> variants) {

    public CompareGroup {
        Objects.requireNonNull(name, "name");
        variants = List.copyOf(variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("group '" + name + "' needs at least one variant");
        }
    }

    /**
     * One variant's figures and how its rows compare with the reference's.
     *
     * @param query the variant
     * @param result its benchmark
     * @param sameResult how its rows compare with the reference's, in words ({@code same}, {@code DIFFERENT},
     *        {@code reference}, {@code FAILED: ...}), or null when they could not be compared
     * @param p50Ratio its p50 over the reference's, or null
     * @param p95Ratio its p95 over the reference's, or null
     */
    public record Variant(QueryDescriptor query, QueryBenchResult result, String sameResult, Double p50Ratio,
                          Double p95Ratio) {
        public Variant {
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(result, "result");
        }
    }
}
