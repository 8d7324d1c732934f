package io.querygov.metrics;

/** What {@link MetricsSnapshot#top(int, Ranking)} orders queries by, highest first. */
public enum Ranking {
    /** The sum of the durations: where the database time went. */
    TOTAL_TIME,
    /** The mean duration. */
    MEAN,
    /** The 95th percentile of the durations. */
    P95,
    /** The number of executions. */
    CALLS;

    /** The value this ranking orders by: nanoseconds, or the number of executions for {@link #CALLS}. */
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
            default:
                throw new AssertionError(this);
        }
    }
}
