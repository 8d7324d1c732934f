package io.querygov.orm.internal;

import io.querygov.core.ActiveExecution;

/**
 * One statement between its execute call and the end of its results, as the tracked connection
 * reports them (it counts the rows and ends each execution exactly once): the tracker's execution,
 * and the entry of a {@code record} in progress, if any. Confined to the thread running the statement.
 */
final class Execution {
    private final ActiveExecution active;
    private final RecordingEntry entry;

    Execution(ActiveExecution active, RecordingEntry entry) {
        this.active = active;
        this.entry = entry;
    }

    void succeeded(long count) {
        if (entry != null) {
            entry.rows = count;
        }
        active.succeeded(count);
    }

    void failed(Throwable error) {
        if (entry != null) {
            entry.failed = true;
        }
        active.failed(error);
    }
}
