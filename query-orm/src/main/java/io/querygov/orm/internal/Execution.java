package io.querygov.orm.internal;

import io.querygov.core.ActiveExecution;

/**
 * One statement between its execute call and the end of its results: rows are counted as the
 * result set is read, and the execution ends when it is exhausted or closed, or its statement is
 * closed, whichever comes first. Confined to the thread running the statement.
 */
final class Execution {
    private final ActiveExecution active;
    private final RecordingEntry entry;
    private long rows;
    private boolean done;

    Execution(ActiveExecution active, RecordingEntry entry) {
        this.active = active;
        this.entry = entry;
    }

    void row() {
        rows++;
    }

    /** Ends with the rows counted so far. */
    void finish() {
        succeeded(rows);
    }

    void succeeded(long count) {
        if (done) {
            return;
        }
        done = true;
        if (entry != null) {
            entry.rows = count;
        }
        active.succeeded(count);
    }

    void failed(Throwable error) {
        if (done) {
            return;
        }
        done = true;
        if (entry != null) {
            entry.failed = true;
        }
        active.failed(error);
    }

    boolean isDone() {
        return done;
    }
}
