package io.querygov.inspect;

/**
 * When a plan deserves a warning. {@link #defaults()} suits an OLTP service; a reporting database may want larger
 * tables before a sequential scan is worth mentioning.
 *
 * @param largeTableRows a sequential scan over a table with at least this many rows is a warning
 * @param misestimateFactor actual rows this many times more or fewer than estimated is a warning
 * @param misestimateMinRows ...but only when the larger of the two, over all loops, reaches this many rows:
 *        estimating 1 row and finding 12 is noise
 * @param filterRemovedFraction a filter that removes at least this fraction of the rows it sees is a warning
 * @param filterMinRemovedRows ...but only when it removes at least this many rows over all loops
 * @param nestedLoopMaxLoops a nested loop whose inner side runs at least this many times is a warning
 */
public record PlanThresholds(long largeTableRows, double misestimateFactor, long misestimateMinRows,
                             double filterRemovedFraction, long filterMinRemovedRows, long nestedLoopMaxLoops) {

    // public defaults, one a line on purpose, each with the reason for its value
    /** A sequential scan of this many rows costs tens of milliseconds; an index makes it microseconds. */
    public static final long DEFAULT_LARGE_TABLE_ROWS = 100_000;
    /** Beyond an order of magnitude the planner's choice of join and scan is likely wrong. */
    public static final double DEFAULT_MISESTIMATE_FACTOR = 10;
    public static final long DEFAULT_MISESTIMATE_MIN_ROWS = 100;
    /** Nine in ten rows read for nothing: an index on the filtered columns would skip them. */
    public static final double DEFAULT_FILTER_REMOVED_FRACTION = 0.9;
    public static final long DEFAULT_FILTER_MIN_REMOVED_ROWS = 1_000;
    /** A thousand index probes is where a hash join usually wins. */
    public static final long DEFAULT_NESTED_LOOP_MAX_LOOPS = 1_000;

    private static final PlanThresholds DEFAULTS = new PlanThresholds(DEFAULT_LARGE_TABLE_ROWS,
            DEFAULT_MISESTIMATE_FACTOR, DEFAULT_MISESTIMATE_MIN_ROWS, DEFAULT_FILTER_REMOVED_FRACTION,
            DEFAULT_FILTER_MIN_REMOVED_ROWS, DEFAULT_NESTED_LOOP_MAX_LOOPS);

    public PlanThresholds {
        if (largeTableRows < 1) {
            throw new IllegalArgumentException("largeTableRows must be at least 1, was " + largeTableRows);
        }
        if (!(misestimateFactor > 1)) {
            throw new IllegalArgumentException("misestimateFactor must be greater than 1, was " + misestimateFactor);
        }
        if (misestimateMinRows < 0) {
            throw new IllegalArgumentException("misestimateMinRows cannot be negative, was " + misestimateMinRows);
        }
        if (!(filterRemovedFraction > 0 && filterRemovedFraction <= 1)) {
            throw new IllegalArgumentException("filterRemovedFraction must be in (0, 1], was " + filterRemovedFraction);
        }
        if (filterMinRemovedRows < 0) {
            throw new IllegalArgumentException("filterMinRemovedRows cannot be negative, was " + filterMinRemovedRows);
        }
        if (nestedLoopMaxLoops < 1) {
            throw new IllegalArgumentException("nestedLoopMaxLoops must be at least 1, was " + nestedLoopMaxLoops);
        }
    }

    public static PlanThresholds defaults() {
        return DEFAULTS;
    }

    public PlanThresholds withLargeTableRows(long rows) {
        return new PlanThresholds(rows, misestimateFactor, misestimateMinRows, filterRemovedFraction,
                filterMinRemovedRows, nestedLoopMaxLoops);
    }

    public PlanThresholds withMisestimate(double factor, long minRows) {
        return new PlanThresholds(largeTableRows, factor, minRows, filterRemovedFraction, filterMinRemovedRows,
                nestedLoopMaxLoops);
    }

    public PlanThresholds withFilterRemoved(double fraction, long minRemovedRows) {
        return new PlanThresholds(largeTableRows, misestimateFactor, misestimateMinRows, fraction, minRemovedRows,
                nestedLoopMaxLoops);
    }

    public PlanThresholds withNestedLoopMaxLoops(long loops) {
        return new PlanThresholds(largeTableRows, misestimateFactor, misestimateMinRows, filterRemovedFraction,
                filterMinRemovedRows, loops);
    }
}
