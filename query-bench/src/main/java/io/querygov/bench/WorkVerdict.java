package io.querygov.bench;

/** How a query's work per call (plan, buffers, statements) compares with its baseline's. */
public enum WorkVerdict {
    /** Same plan, buffers and statements within the tolerance. */
    SAME(false),
    /** Same plan, fewer buffers or statements per call beyond the tolerance. */
    LESS(false),
    /** The plan changed, buffers per call grew beyond the tolerance and its floor, or more statements per call. */
    REGRESSION(true),
    /** Nothing to compare: not captured in one of the runs, or on other values. The reason says which. */
    NOT_COMPARED(false);

    private final boolean failure;

    WorkVerdict(boolean failure) {
        this.failure = failure;
    }

    public boolean isFailure() {
        return failure;
    }
}
