package io.querygov.inspect;

import io.querygov.inspect.internal.PlanParser;

/**
 * A plan as {@code EXPLAIN (FORMAT JSON)} gave it: PostgreSQL's own JSON, and the same parsed into a tree.
 *
 * @param root the top plan node
 * @param planningTimeMillis planning time, or null unless ANALYZE was on
 * @param executionTimeMillis execution time, or null unless ANALYZE was on
 * @param queryId the query identifier (EXPLAIN VERBOSE on PostgreSQL 14+ when {@code compute_query_id} is on, or
 *        auto with pg_stat_statements loaded), or null
 * @param json the server's JSON, unchanged
 */
public record QueryPlan(PlanNode root, Double planningTimeMillis, Double executionTimeMillis, Long queryId,
                        String json) {

    /**
     * Parses the output of {@code EXPLAIN (FORMAT JSON)}, with or without ANALYZE, BUFFERS and VERBOSE.
     *
     * @throws IllegalArgumentException when the text is not such output
     */
    public static QueryPlan parse(String json) {
        return PlanParser.parse(json);
    }

    /** Whether the plan was made with ANALYZE. */
    public boolean analyzed() {
        return root.analyzed();
    }
}
