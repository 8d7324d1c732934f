package io.querygov.inspect;

import java.util.List;
import java.util.OptionalLong;

/**
 * What the database did for one call on one set of sampled values: see {@link WorkCapture}.
 *
 * @param valuesDigest the first 12 hex digits of a SHA-256 of the values as text, so runs can tell whether they
 *        sampled the same values without keeping them
 * @param planShape one line per plan node, depth first, indented two spaces per level; empty without a plan
 * @param buffers shared buffers hit plus read (EXPLAIN ANALYZE, BUFFERS), when measured
 * @param rows rows returned or changed, when measured
 * @param statements statements the call sent, when a runner ran it with a {@link StatementCounter}
 */
public record CapturedCall(String valuesDigest, List<String> planShape, OptionalLong buffers, OptionalLong rows,
                           OptionalLong statements) {
    public CapturedCall {
        planShape = List.copyOf(planShape);
    }
}
