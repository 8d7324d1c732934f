package io.querygov.cache;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryListener;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A listener that counts the cache's hits, misses and evictions per query, and queues evictions to wait on. */
final class CacheCounts implements QueryListener {
    private final Map<String, AtomicLong> hits = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> misses = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> evictions = new ConcurrentHashMap<>();
    private final BlockingQueue<String> evicted = new LinkedBlockingQueue<>();

    @Override
    public void cacheHit(QueryDescriptor query) {
        hits.computeIfAbsent(query.name(), n -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void cacheMiss(QueryDescriptor query) {
        misses.computeIfAbsent(query.name(), n -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void cacheEvicted(QueryDescriptor query, int entries) {
        evictions.computeIfAbsent(query.name(), n -> new AtomicLong()).addAndGet(entries);
        evicted.add(query.name());
    }

    long hits(String query) {
        return count(hits, query);
    }

    long misses(String query) {
        return count(misses, query);
    }

    long evictions(String query) {
        return count(evictions, query);
    }

    /**
     * Waits until {@code query} has had {@code total} evictions in all. The bound only keeps a broken
     * build from hanging: the test asserts that the evictions happen, not how fast.
     */
    void awaitEvictions(String query, long total) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (evictions(query) < total) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("'" + query + "' had " + evictions(query) + " evictions after 60 s, not " + total);
            }
            evicted.poll(1, TimeUnit.SECONDS);
        }
    }

    private static long count(Map<String, AtomicLong> counts, String query) {
        AtomicLong n = counts.get(query);
        return n == null ? 0 : n.get();
    }
}
