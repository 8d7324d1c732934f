package io.querygov.bench;

/** How a query of this run compares with the same query in a baseline. */
public enum Verdict {
    /** Faster beyond the noise band. */
    FASTER,
    /** Within the noise band either way. */
    SAME,
    /** Slower beyond the noise band, but within the tolerance: reported, not failing. */
    SLOWER,
    /**
     * The confidence interval of the change straddles the tolerance (or there were too few intervals to compute one,
     * and the point change is beyond it): neither a regression nor clear of one. Run longer. Fails a gate only when
     * it is strict.
     */
    UNSURE,
    /** Slower beyond the tolerance: fails a CI gate. */
    REGRESSION,
    /** Measured now, with no measurement in the baseline to compare with. */
    NEW,
    /** In the baseline but not measured now: filtered out, removed, or not supported by this run's runner. */
    MISSING,
    /** It failed in this run: every warmup or measured call failed, or its parameters could not be set up. */
    FAILED;

    /** Whether this verdict fails a CI gate: a regression, or a query that no longer runs. */
    public boolean isFailure() {
        return this == REGRESSION || this == FAILED;
    }
}
