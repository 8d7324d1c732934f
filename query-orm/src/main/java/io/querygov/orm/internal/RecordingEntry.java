package io.querygov.orm.internal;

import io.querygov.orm.RecordedStatement;

/**
 * One statement seen while recording, filled in when it ends. Entries are added when statements
 * start, so a recording lists them in the order they were sent. Confined to the recording thread.
 */
public final class RecordingEntry {
    private final String name;
    private final SqlShape shape;
    private final long unitOfWork;
    private final long parameterValues;
    private long rows = -1;
    private boolean failed;

    RecordingEntry(String name, SqlShape shape, long unitOfWork, long parameterValues) {
        this.name = name;
        this.shape = shape;
        this.unitOfWork = unitOfWork;
        this.parameterValues = parameterValues;
    }

    void succeeded(long count) {
        rows = count;
    }

    void failed() {
        failed = true;
    }

    /** The statement as a recording reports it: what it ran, and how it ended, if it has. */
    public RecordedStatement toStatement() {
        return new RecordedStatement(name, shape.type(), shape.sql(), shape.fingerprint(), rows, failed,
                shape.isRead(), shape.isMultiKey(), unitOfWork, parameterValues);
    }
}
