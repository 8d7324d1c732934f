package io.querygov.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.querygov.core.QueryClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryTracker;
import io.querygov.core.TrackedOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cache itself, behind {@link io.querygov.cache.QueryCache}: a Caffeine cache weighed in
 * estimated bytes with a TTL per entry, the tables each cached query reads, and invalidation.
 *
 * <h2>Why generations</h2>
 * Each cached query has a generation, bumped whenever a write to one of its tables is seen, and
 * each entry remembers the generation it was loaded under. A load that began before a write was
 * seen and finishes after it (so may hold the old rows) is stored under the old generation and is
 * never served: no lock is held while the query runs, and no race between a load and an
 * invalidation can leave a stale result behind. Entries are also removed at once, for their memory.
 */
public final class CacheCore {
    /** Caffeine's own bookkeeping per entry, roughly: node, its references, the expiry fields. */
    private static final long ENTRY_OVERHEAD = 96;

    private final QueryTracker tracker;
    private final Cache<CacheKey, Entry> cache;
    private final ConcurrentHashMap<String, QueryState> queries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<QueryState>> readersByTable = new ConcurrentHashMap<>();
    /** Per thread: the connections with writes not yet committed, so their own transaction bypasses the cache. */
    private final ThreadLocal<List<ConnectionWrites>> openWrites = ThreadLocal.withInitial(() -> new ArrayList<>(2));
    private final ConcurrentHashMap<Class<?>, Boolean> valueTypesChecked = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();

    public CacheCore(QueryTracker tracker, long maximumBytes, QueryClock clock, Executor executor) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maximumBytes)
                .weigher((CacheKey key, Entry entry) -> entry.weight)
                .expireAfter(new Expiry<CacheKey, Entry>() {
                    @Override
                    public long expireAfterCreate(CacheKey key, Entry entry, long currentTime) {
                        return entry.ttlNanos;
                    }

                    @Override
                    public long expireAfterUpdate(CacheKey key, Entry entry, long currentTime, long currentDuration) {
                        return entry.ttlNanos;
                    }

                    @Override
                    public long expireAfterRead(CacheKey key, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .ticker(clock::monotonicNanos)
                .executor(executor)
                .removalListener(this::removed)
                .build();
    }

    /** A cached result, the query it belongs to and the generation it was loaded under. */
    private record Entry(QueryState state, Object value, long generation, long ttlNanos, int weight) {
    }

    /** One cached query: its tables, its generation, the keys it has in the cache. */
    private static final class QueryState {
        final QueryDescriptor query;
        final Set<String> tables;
        final AtomicLong generation = new AtomicLong();
        final Set<CacheKey> keys = ConcurrentHashMap.newKeySet();

        QueryState(QueryDescriptor query, Set<String> tables) {
            this.query = query;
            this.tables = tables;
        }
    }

    public <T, X extends Exception> T get(QueryDescriptor query, Object[] values, TrackedOperation<T, X> loader) throws X {
        Duration ttl = query.cacheTtl().orElse(null);
        if (ttl == null) {
            return loader.call();
        }
        QueryState state = state(query);
        if (ownTransactionWrote(state)) {
            // this thread's open transaction wrote a table the query reads: only the database has what it sees
            tracker.cacheMiss(query);
            return loader.call();
        }
        for (Object v : values) {
            checkValueEquality(query, v);
        }
        CacheKey key = new CacheKey(query.name(), values);
        long generation = state.generation.get();
        Entry entry = cache.getIfPresent(key);
        if (entry != null && entry.generation == generation) {
            tracker.cacheHit(query);
            @SuppressWarnings("unchecked")
            T value = (T) entry.value;
            return value;
        }
        tracker.cacheMiss(query);
        T loaded = loader.call();
        if (state.generation.get() == generation) {
            long weight = ENTRY_OVERHEAD + key.estimatedBytes() + SizeEstimator.estimate(loaded);
            state.keys.add(key);
            cache.put(key, new Entry(state, loaded, generation, ttl.toNanos(), (int) Math.min(Integer.MAX_VALUE, weight)));
        }
        return loaded;
    }

    private QueryState state(QueryDescriptor query) {
        QueryState state = queries.get(query.name());
        if (state != null && (state.query == query || state.query.equals(query))) {
            return state;
        }
        return queries.compute(query.name(), (name, existing) -> {
            if (existing != null && (existing.query == query || existing.query.equals(query))) {
                return existing;
            }
            QueryState created = new QueryState(query, query.statement().map(SqlTables::read).orElse(Set.of()));
            if (existing != null) {
                // the same name with another statement: its old results must not answer for the new one
                unregister(existing);
                evict(existing);
            }
            for (String table : created.tables) {
                readersByTable.computeIfAbsent(table, t -> ConcurrentHashMap.newKeySet()).add(created);
            }
            return created;
        });
    }

    private void unregister(QueryState state) {
        for (String table : state.tables) {
            Set<QueryState> readers = readersByTable.get(table);
            if (readers != null) {
                readers.remove(state);
            }
        }
    }

    /** Refuses a parameter value compared by identity: a key holding it could never be found again. */
    private void checkValueEquality(QueryDescriptor query, Object value) {
        if (value == null || value.getClass().isArray() || valueTypesChecked.containsKey(value.getClass())) {
            return;
        }
        Class<?> type = value.getClass();
        boolean byValue;
        try {
            byValue = type.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            byValue = false;
        }
        if (!byValue) {
            throw new IllegalArgumentException("Query '" + query.name() + "' is cached, but a parameter value of type "
                    + type.getName() + " is compared by identity (it does not override equals): a cache key holding it"
                    + " would never be found again. Pass a value type (its id, a String, a record) instead.");
        }
        valueTypesChecked.put(type, Boolean.TRUE);
    }

    private boolean ownTransactionWrote(QueryState state) {
        List<ConnectionWrites> writes = openWrites.get();
        if (writes.isEmpty()) {
            return false;
        }
        for (ConnectionWrites w : writes) {
            if (w.touches(state.tables)) {
                return true;
            }
        }
        return false;
    }

    /** Called by a connection whose open transaction wrote for the first time, on its thread. */
    void transactionWrote(ConnectionWrites writes) {
        List<ConnectionWrites> list = openWrites.get();
        if (!list.contains(writes)) {
            list.add(writes);
        }
    }

    /** Called by a connection when its transaction ended, committed or not, on its thread. */
    void transactionEnded(ConnectionWrites writes) {
        openWrites.get().remove(writes);
    }

    /**
     * Evicts the results of every cached query that reads one of {@code tables}; with
     * {@code everything}, of every cached query.
     *
     * @return the queries whose results were evicted
     */
    public int invalidate(Collection<String> tables, boolean everything) {
        invalidations.incrementAndGet();
        if (everything) {
            List<QueryState> all = new ArrayList<>(queries.values());
            all.forEach(this::evict);
            return all.size();
        }
        Set<QueryState> affected = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (String table : tables) {
            Set<QueryState> readers = readersByTable.get(table);
            if (readers != null) {
                affected.addAll(readers);
            }
        }
        affected.forEach(this::evict);
        return affected.size();
    }

    /** Makes every result of the query stale at once, then removes them. */
    private void evict(QueryState state) {
        state.generation.incrementAndGet();
        List<CacheKey> keys = new ArrayList<>(state.keys);
        if (!keys.isEmpty()) {
            cache.invalidateAll(keys);
        }
    }

    private void removed(CacheKey key, Entry entry, RemovalCause cause) {
        if (cause == RemovalCause.REPLACED || key == null || entry == null) {
            return;
        }
        entry.state.keys.remove(key);
        tracker.cacheEvicted(entry.state.query, 1);
    }

    /** Results held now. */
    public long entries() {
        return cache.estimatedSize();
    }

    /** The estimated bytes of the results held now. */
    public long weightedBytes() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    /** Runs Caffeine's pending maintenance (expiry, size eviction) now: for tests and snapshots. */
    public void cleanUp() {
        cache.cleanUp();
    }

    /** Drops every result, as when the cache closes. */
    public void clear() {
        queries.values().forEach(s -> s.generation.incrementAndGet());
        cache.invalidateAll();
    }

    /** Calls of {@link #invalidate} so far. */
    public long invalidations() {
        return invalidations.get();
    }
}
