package io.querygov.core;

import java.time.Duration;
import java.time.Instant;

/**
 * One finished execution of a query, as handed to listeners. Immutable.
 *
 * @param query the descriptor the execution was tracked under
 * @param startEpochMillis when it started, in milliseconds since the epoch
 * @param durationNanos how long it took, from the tracker's monotonic clock
 * @param rows rows returned or changed, or {@link #UNKNOWN_ROWS}
 * @param outcome whether it returned or threw
 * @param errorClass the class name of what it threw, or {@code null} on success
 * @param slow whether it took longer than the slow-query threshold that applies to it
 */
public record QueryExecution(QueryDescriptor query, long startEpochMillis, long durationNanos, long rows,
                             Outcome outcome, String errorClass, boolean slow) {

    /** The row count of an execution whose rows nobody counted. */
    public static final long UNKNOWN_ROWS = -1;

    public QueryExecution {
        if (query == null) {
            throw new IllegalArgumentException("an execution needs its query");
        }
        if (outcome == null) {
            throw new IllegalArgumentException("an execution needs its outcome");
        }
        if (durationNanos < 0) {
            throw new IllegalArgumentException("duration cannot be negative, was " + durationNanos + " ns");
        }
        if (rows < UNKNOWN_ROWS) {
            throw new IllegalArgumentException("rows must be zero or more, or UNKNOWN_ROWS, was " + rows);
        }
        if ((outcome == Outcome.ERROR) != (errorClass != null)) {
            throw new IllegalArgumentException("an error outcome needs its exception class, and only an error outcome has one");
        }
    }

    /** The record of an execution that threw {@code failure}, or returned when it is null. */
    public static QueryExecution of(QueryDescriptor query, long startEpochMillis, long durationNanos, long rows,
                                    Throwable failure, boolean slow) {
        return new QueryExecution(query, startEpochMillis, durationNanos, rows,
                failure == null ? Outcome.SUCCESS : Outcome.ERROR,
                failure == null ? null : failure.getClass().getName(), slow);
    }

    public String name() {
        return query.name();
    }

    public QueryType type() {
        return query.type();
    }

    public Instant startTime() {
        return Instant.ofEpochMilli(startEpochMillis);
    }

    public Duration duration() {
        return Duration.ofNanos(durationNanos);
    }

    public boolean isError() {
        return outcome == Outcome.ERROR;
    }

    public boolean hasRowCount() {
        return rows != UNKNOWN_ROWS;
    }
}
