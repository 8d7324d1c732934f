package io.querygov.metrics.internal;

import io.querygov.metrics.CacheStats;
import java.util.concurrent.atomic.LongAdder;

/**
 * The result cache's counts for one query name. Writers add to LongAdders (no contention between
 * threads hitting the same query); the reader, under the metrics' snapshot lock, remembers what the
 * previous interval took so that interval snapshots partition the totals.
 */
public final class CacheCounters {
    private final String name;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private long takenHits;
    private long takenMisses;
    private long takenEvictions;

    public CacheCounters(String name) {
        this.name = name;
    }

    public void hit() {
        hits.increment();
    }

    public void miss() {
        misses.increment();
    }

    public void evicted(int entries) {
        evictions.add(entries);
    }

    /** What was counted since the previous call, or null if nothing was. Reader only. */
    public CacheStats takeInterval() {
        long h = hits.sum();
        long m = misses.sum();
        long e = evictions.sum();
        if (h == takenHits && m == takenMisses && e == takenEvictions) {
            return null;
        }
        CacheStats interval = new CacheStats(name, h - takenHits, m - takenMisses, e - takenEvictions);
        takenHits = h;
        takenMisses = m;
        takenEvictions = e;
        return interval;
    }

    /** Everything counted so far, or null if nothing was. */
    public CacheStats cumulative() {
        long h = hits.sum();
        long m = misses.sum();
        long e = evictions.sum();
        return h == 0 && m == 0 && e == 0 ? null : new CacheStats(name, h, m, e);
    }
}
