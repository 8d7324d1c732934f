package io.querygov.bench;

/** The part of a query's benchmark that is running. */
public enum BenchPhase {
    /** Calls that are made but not measured, to reach steady state: prepared statements, plans, JIT, caches. */
    WARMUP,
    /** Calls that are measured. */
    MEASURE
}
