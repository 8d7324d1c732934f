package io.querygov.metrics;

import java.util.Objects;

/**
 * What a result cache did for one query over a snapshot's window: calls answered from the cache
 * ({@code hits}), calls that ran the query ({@code misses}) and results dropped (expired, evicted to
 * make room, or invalidated by a write). Immutable.
 */
public record CacheStats(String name, long hits, long misses, long evictions) {

    public CacheStats {
        Objects.requireNonNull(name, "name");
        if (hits < 0 || misses < 0 || evictions < 0) {
            throw new IllegalArgumentException("cache counts of '" + name + "' cannot be negative: hits " + hits
                    + ", misses " + misses + ", evictions " + evictions);
        }
    }

    /** Calls that went through the cache: hits and misses. */
    public long lookups() {
        return hits + misses;
    }

    /** Hits over lookups, from 0 to 1; NaN when there was no lookup. */
    public double hitRate() {
        long lookups = lookups();
        return lookups == 0 ? Double.NaN : (double) hits / lookups;
    }
}
