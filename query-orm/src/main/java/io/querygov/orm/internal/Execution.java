package io.querygov.orm.internal;

import io.querygov.core.ActiveExecution;

/**
 * One statement between its execute call and the end of its results, as the tracked connection
 * reports them (it counts the rows and ends each execution exactly once): the tracker's execution,
 * and the entry of a {@code record} in progress, if any. Confined to the thread running the statement.
 */
record Execution(ActiveExecution active, RecordingEntry entry, UnitOfWork unit) {
    void succeeded(long count) {
        if (entry != null) {
            entry.succeeded(count);
        }
        unit.statementEnded(active.succeeded(count).durationNanos(), false);
    }

    void failed(Throwable error) {
        if (entry != null) {
            entry.failed();
        }
        unit.statementEnded(active.failed(error).durationNanos(), true);
    }
}
