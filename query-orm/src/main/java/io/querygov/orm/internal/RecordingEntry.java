package io.querygov.orm.internal;

/**
 * One statement seen while recording, filled in when it ends. Entries are added when statements
 * start, so a recording lists them in the order they were sent. Confined to the recording thread.
 */
public final class RecordingEntry {
    final String name;
    final SqlShape shape;
    final long unitOfWork;
    final long parameterValues;
    long rows = -1;
    boolean failed;

    RecordingEntry(String name, SqlShape shape, long unitOfWork, long parameterValues) {
        this.name = name;
        this.shape = shape;
        this.unitOfWork = unitOfWork;
        this.parameterValues = parameterValues;
    }

    public long parameterValues() {
        return parameterValues;
    }

    public String name() {
        return name;
    }

    public SqlShape shape() {
        return shape;
    }

    public long unitOfWork() {
        return unitOfWork;
    }

    public long rows() {
        return rows;
    }

    public boolean failed() {
        return failed;
    }
}
