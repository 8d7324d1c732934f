package io.querygov.bench;

/** What became of one query in a benchmark run. */
public enum BenchStatus {
    /** The query was measured; its result holds calls, errors and latencies. */
    MEASURED,
    /** The runner does not know how to run this query, so it was not run. */
    UNSUPPORTED,
    /**
     * The query could not be measured: its parameters could not be set up, every warmup call failed, or every
     * measured call failed. The result's error sample says why.
     */
    FAILED
}
