package io.querygov.bench;

/** How the calls of a rate-limited run are spaced. */
public enum Arrivals {
    /** Evenly: call {@code k} due at {@code k / rate}. The default; the steadiest load, the smallest lag. */
    EVEN,
    /**
     * As a Poisson process of the rate, as pgbench {@code -R} schedules: exponential gaps with the rate's mean, seeded
     * per thread so that a run repeats. Closer to independent users, with bursts that queue behind each other.
     */
    POISSON
}
