package io.querygov.bench;

/** How a query's work per call (plan, buffers, statements) compares with its baseline's. */
public enum WorkVerdict {
    /** Same plan, buffers and statements within the tolerance. */
    SAME,
    /** Same plan, fewer buffers or statements per call beyond the tolerance. */
    LESS,
    /** The plan changed, buffers per call grew beyond the tolerance and its floor, or more statements per call. */
    REGRESSION,
    /** Nothing to compare: not captured in one of the runs, or on other values. The reason says which. */
    NOT_COMPARED;

    /** Whether this verdict fails a CI gate: only a regression does. */
    public boolean isFailure() {
        return this == REGRESSION;
    }
}
