package io.querygov.inspect.advice;

import io.querygov.inspect.PlanThresholds;

/**
 * When a rule fires. {@link #defaults()} are the values the guide explains; each has an option in
 * {@code querytool advise}.
 *
 * @param largeTableRows a sequential scan matters on a table of at least this many rows (the plan warnings' own
 *        threshold, {@link PlanThresholds#largeTableRows()})
 * @param selectiveFraction a filter is selective when it keeps at most this fraction of the table's rows
 * @param maxRepeats an ORM call may run one statement shape this many times; more is QG-N1
 * @param hotP95Millis an ORM_COMPLEX query whose benchmarked p95 is at least this many milliseconds is hot: QG-OC
 */
public record AdviceThresholds(long largeTableRows, double selectiveFraction, int maxRepeats, double hotP95Millis) {
    /** A filter that keeps one row in twenty is where an index usually beats reading the table. */
    public static final double DEFAULT_SELECTIVE_FRACTION = 0.05;
    /** Twice is a coincidence; a third time is a loop. */
    public static final int DEFAULT_MAX_REPEATS = 2;
    /**
     * A millisecond at p95: below it an ORM_COMPLEX lookup is cheap whatever it joins; above it the generated joins
     * and the entities they hydrate are worth a hand-written statement that selects only what the caller uses.
     */
    public static final double DEFAULT_HOT_P95_MILLIS = 1.0;

    private static final AdviceThresholds DEFAULTS = new AdviceThresholds(PlanThresholds.DEFAULT_LARGE_TABLE_ROWS,
            DEFAULT_SELECTIVE_FRACTION, DEFAULT_MAX_REPEATS, DEFAULT_HOT_P95_MILLIS);

    public AdviceThresholds {
        if (largeTableRows < 1) {
            throw new IllegalArgumentException("largeTableRows must be at least 1, was " + largeTableRows);
        }
        if (!(selectiveFraction > 0 && selectiveFraction < 1)) {
            throw new IllegalArgumentException("selectiveFraction must be between 0 and 1, was " + selectiveFraction);
        }
        if (maxRepeats < 1) {
            throw new IllegalArgumentException("maxRepeats must be at least 1, was " + maxRepeats);
        }
        if (!(hotP95Millis > 0)) {
            throw new IllegalArgumentException("hotP95Millis must be positive, was " + hotP95Millis);
        }
    }

    public static AdviceThresholds defaults() {
        return DEFAULTS;
    }

    public AdviceThresholds withLargeTableRows(long rows) {
        return new AdviceThresholds(rows, selectiveFraction, maxRepeats, hotP95Millis);
    }

    public AdviceThresholds withSelectiveFraction(double fraction) {
        return new AdviceThresholds(largeTableRows, fraction, maxRepeats, hotP95Millis);
    }

    public AdviceThresholds withMaxRepeats(int repeats) {
        return new AdviceThresholds(largeTableRows, selectiveFraction, repeats, hotP95Millis);
    }

    public AdviceThresholds withHotP95Millis(double millis) {
        return new AdviceThresholds(largeTableRows, selectiveFraction, maxRepeats, millis);
    }

    /** The plan warnings' thresholds with this large-table size, for explaining the queries judged here. */
    public PlanThresholds planThresholds() {
        return PlanThresholds.defaults().withLargeTableRows(largeTableRows);
    }
}
