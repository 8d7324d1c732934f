package io.querygov.inspect;

/**
 * Something in a plan worth a look.
 *
 * @param kind what was found
 * @param nodeId the {@link PlanNode#id()} of the node it was found on
 * @param node the node's {@link PlanNode#label()}
 * @param message what was found, with the numbers, and what usually helps
 */
public record PlanWarning(Kind kind, int nodeId, String node, String message) {

    /** The kinds of warning, each with the threshold in {@link PlanThresholds} that decides it. */
    public enum Kind {
        /** A sequential scan over a large table ({@link PlanThresholds#largeTableRows()}). */
        SEQ_SCAN_LARGE_TABLE,
        /** Actual rows far from the estimate ({@link PlanThresholds#misestimateFactor()}). */
        ROW_MISESTIMATE,
        /** A sort that did not fit in {@code work_mem} and went to disk. */
        SORT_SPILL,
        /** A hash join's table or a hashed aggregate that did not fit in memory and went to disk in batches. */
        HASH_SPILL,
        /** A filter that threw away most rows it read ({@link PlanThresholds#filterRemovedFraction()}). */
        FILTER_REMOVES_MOST_ROWS,
        /** A nested loop whose inner side ran many times ({@link PlanThresholds#nestedLoopMaxLoops()}). */
        NESTED_LOOP_MANY_LOOPS,
        /** The generic plan a prepared statement switches to differs from the plan for these values. */
        GENERIC_PLAN_DIFFERS
    }
}
