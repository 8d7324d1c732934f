package io.querygov.metrics.internal;

import io.querygov.core.QueryType;
import io.querygov.metrics.QueryStats;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/** Harvested executions of one query over some window; touched by the snapshot reader only. */
final class Totals {
    final Histogram histogram = new Histogram(Interval.SIGNIFICANT_DIGITS);
    long errors;
    long slow;
    long rows;
    long totalNanos;

    void add(AbstractHistogram h, long errors, long slow, long rows, long totalNanos) {
        histogram.add(h);
        this.errors += errors;
        this.slow += slow;
        this.rows += rows;
        this.totalNanos += totalNanos;
    }

    void add(Totals other) {
        add(other.histogram, other.errors, other.slow, other.rows, other.totalNanos);
    }

    long count() {
        return histogram.getTotalCount();
    }

    void reset() {
        histogram.reset();
        errors = 0;
        slow = 0;
        rows = 0;
        totalNanos = 0;
    }

    QueryStats toStats(String name, QueryType type, TimeUnit unit) {
        return QueryStats.of(name, type, errors, slow, rows, totalNanos, histogram, unit);
    }
}
