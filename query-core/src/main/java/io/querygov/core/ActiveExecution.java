package io.querygov.core;

/**
 * An execution that has started and not yet ended: see {@link QueryTracker#start(QueryDescriptor)}.
 * Complete it exactly once. Not thread-safe: start and end it on the threads the instrumented
 * library uses, which hand it over safely.
 */
public final class ActiveExecution {
    // Fields, constructor and accessor like any small class's: mutable (completed), so not a record.
    private final QueryTracker tracker;
    private final QueryDescriptor query;
    private final long startNanos;
    private boolean completed;

    ActiveExecution(QueryTracker tracker, QueryDescriptor query, long startNanos) {
        this.tracker = tracker;
        this.query = query;
        this.startNanos = startNanos;
    }

    public QueryDescriptor query() {
        return query;
    }

    /** Nanoseconds since the start, on the tracker's clock. */
    public long elapsedNanos() {
        return tracker.clock().monotonicNanos() - startNanos;
    }

    /** Ends the execution as a success with this many rows ({@link QueryExecution#UNKNOWN_ROWS} if unknown). */
    public QueryExecution succeeded(long rows) {
        return complete(Math.max(rows, QueryExecution.UNKNOWN_ROWS), null);
    }

    /** Ends the execution as an error. */
    public QueryExecution failed(Throwable error) {
        if (error == null) {
            throw new IllegalArgumentException("failed(...) needs the exception the query threw");
        }
        return complete(QueryExecution.UNKNOWN_ROWS, error);
    }

    public boolean isCompleted() {
        return completed;
    }

    private QueryExecution complete(long rows, Throwable error) {
        long end = tracker.clock().monotonicNanos();
        if (completed) {
            throw new IllegalStateException("execution of '" + query.name() + "' was already completed");
        }
        completed = true;
        return tracker.finishAndDescribe(query, startNanos, end, rows, error);
    }
}
