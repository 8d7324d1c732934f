package io.querygov.metrics;

/** What {@link MetricsSnapshot#top(int, Ranking)} orders queries by, highest first. */
public enum Ranking {
    /** The sum of the durations: where the database time went. */
    TOTAL_TIME,
    /** The mean duration. */
    MEAN,
    /** The 95th percentile of the durations. */
    P95,
    /** The number of executions (of units of work, for units). */
    CALLS,
    /**
     * Statements per unit of work at the 95th percentile ({@link QueryStats#p95Statements()}): what
     * puts an N+1 path above its JOIN FETCH fix. 0 for every query, which then rank by name.
     */
    STATEMENTS;

    /**
     * The value this ranking orders by: nanoseconds, the number of executions for {@link #CALLS}, or
     * of statements for {@link #STATEMENTS}.
     */
    public long value(QueryStats stats) {
        switch (this) {
            case TOTAL_TIME:
                return stats.totalTime().toNanos();
            case MEAN:
                return stats.mean().toNanos();
            case P95:
                return stats.p95().toNanos();
            case CALLS:
                return stats.count();
            case STATEMENTS:
                return stats.p95Statements();
            default:
                throw new AssertionError(this);
        }
    }
}
