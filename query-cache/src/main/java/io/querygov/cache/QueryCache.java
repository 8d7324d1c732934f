package io.querygov.cache;

import io.querygov.cache.internal.CacheCore;
import io.querygov.cache.internal.InvalidatingDataSource;
import io.querygov.cache.internal.NotificationListener;
import io.querygov.cache.internal.Notifications;
import io.querygov.core.QueryClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryTracker;
import io.querygov.core.TrackedOperation;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A result cache for the queries that ask for one: a query is cached only when its descriptor has a
 * {@linkplain QueryDescriptor#cacheTtl() cache TTL} ({@code -- cache: 30s} in its SQL file), and
 * every other query passes straight through.
 *
 * <pre>{@code
 * QueryCache cache = QueryCache.builder(tracker).crossInstance(listenDataSource).build();
 * DataSource dataSource = cache.invalidatingDataSource(hikari);    // what Jdbi and Hibernate are given
 * List<Stats> stats = cache.get(PROJECT_STATS, List.of(projectId), () -> dao.projectStats(projectId));
 * }</pre>
 *
 * <h2>Keys, size, lifetime</h2>
 * A result is kept under the query's name and the parameter values it was called with (compared by
 * value: pass ids, strings, numbers, dates, records; a value compared by identity is refused). The
 * cache is bounded by an estimate of the bytes its results hold (Caffeine's weigher; 64 MiB unless
 * set), and each result lives at most its query's TTL. A cached result is shared by every caller
 * that gets it: do not change it (the Jdbi and Hibernate integrations return unmodifiable lists).
 *
 * <h2>Invalidation</h2>
 * A write evicts the cached results of every query that reads a table it writes, the tables being
 * read from both statements' text (the targets of INSERT, UPDATE, DELETE, MERGE, TRUNCATE, COPY
 * FROM; the names after FROM and JOIN). The writes it sees are those made on connections of
 * {@link #invalidatingDataSource(DataSource)}: give that DataSource to everything that writes
 * (Jdbi, Hibernate, plain JDBC). Eviction happens when the writing transaction commits, never on
 * rollback; until then, the writing transaction itself bypasses the cache for the tables it wrote,
 * so it reads its own writes.
 *
 * <p>With {@link Builder#crossInstance(DataSource)}, instances of a service tell each other through
 * PostgreSQL: each commit that wrote sends {@code pg_notify} inside the writing transaction, which
 * PostgreSQL delivers if and only if the transaction commits; each instance listens on a dedicated
 * connection. A write committed in one JVM then evicts in all of them within the notification
 * latency. While that connection is lost, results are bounded by their TTL only ({@link
 * #invalidationStatus()} says so, and a warning is logged); once it is back, everything cached is
 * evicted, since writes made meanwhile were not heard.
 *
 * <p>What the text of a statement cannot tell is not seen: a view hides its tables, and a function
 * called from a SELECT may write anything. Give such queries a TTL you can live with. A statement
 * that cannot name what it writes ({@code CALL}, {@code DO}) evicts everything.
 *
 * <h2>Counts</h2>
 * Hits, misses and evictions are reported per query to the tracker's listeners ({@link
 * io.querygov.core.QueryListener#cacheHit} and its siblings), so {@code QueryMetrics} snapshots
 * carry them beside each query's latencies. A hit runs nothing, so it is not an execution.
 *
 * <p>Thread-safe. Holds no static state: build one per service instance, and close it at shutdown.
 */
public final class QueryCache implements AutoCloseable {
    /** The default bound on the estimated bytes of the cached results: 64 MiB. */
    public static final long DEFAULT_MAXIMUM_BYTES = 64L * 1024 * 1024;
    /** The default LISTEN/NOTIFY channel instances share. */
    public static final String DEFAULT_CHANNEL = "querygov_cache";

    private final CacheCore core;
    private final Notifications notifications;
    private final NotificationListener listener;
    private final long maximumBytes;
    private volatile boolean closed;

    private QueryCache(Builder b) {
        this.maximumBytes = b.maximumBytes;
        this.core = new CacheCore(b.tracker, b.maximumBytes, b.clock, b.executor);
        if (b.listenDataSource == null) {
            this.notifications = null;
            this.listener = null;
        } else {
            this.notifications = new Notifications(b.channel, UUID.randomUUID().toString());
            this.listener = new NotificationListener(core, notifications, b.listenDataSource, b.livenessCheckInterval,
                    b.firstReconnectDelay, b.maxReconnectDelay, b.statusListener, b.threadFactory);
            listener.start();
        }
    }

    /** A cache that reports its hits, misses and evictions to {@code tracker}'s listeners. */
    public static Builder builder(QueryTracker tracker) {
        return new Builder(tracker);
    }

    /**
     * The result of {@code query} for these positional parameter values: the cached one when there
     * is one, else what {@code loader} returns, which is then cached. A query without a cache TTL
     * just runs {@code loader}. Whatever {@code loader} throws reaches the caller unchanged, and
     * nothing is cached.
     */
    public <T, X extends Exception> T get(QueryDescriptor query, List<?> parameterValues, TrackedOperation<T, X> loader)
            throws X {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(loader, "loader");
        if (closed) {
            return loader.call();
        }
        return core.get(query, parameterValues.toArray(), loader);
    }

    /** As {@link #get(QueryDescriptor, List, TrackedOperation)}, with named values (their order does not matter). */
    public <T, X extends Exception> T get(QueryDescriptor query, Map<String, ?> parameterValues,
                                          TrackedOperation<T, X> loader) throws X {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(loader, "loader");
        if (closed || query.cacheTtl().isEmpty()) {
            return loader.call();
        }
        Object[] values = new Object[parameterValues.size() * 2];
        int i = 0;
        for (Map.Entry<String, ?> e : new TreeMap<>(parameterValues).entrySet()) {
            values[i++] = e.getKey();
            values[i++] = e.getValue();
        }
        return core.get(query, values, loader);
    }

    /**
     * A DataSource whose connections report what they write to this cache, and, with
     * {@link Builder#crossInstance}, notify the other instances when they commit. Wrap the pool
     * once and give the result to Jdbi, Hibernate and any other code that writes.
     */
    public DataSource invalidatingDataSource(DataSource dataSource) {
        return new InvalidatingDataSource(dataSource, core, notifications);
    }

    /**
     * Evicts, in this instance only, the results of every cached query that reads one of
     * {@code tables} (names without schema; unquoted ones in lower case): for writes this cache
     * cannot see, such as a batch job on another connection.
     */
    public void invalidateTables(Collection<String> tables) {
        core.invalidate(Set.copyOf(tables), false);
    }

    /** Evicts every cached result in this instance. */
    public void invalidateAll() {
        core.invalidate(Set.of(), true);
    }

    /** Whether writes of other instances are heard now. */
    public InvalidationStatus invalidationStatus() {
        if (closed) {
            return InvalidationStatus.CLOSED;
        }
        return listener == null ? InvalidationStatus.LOCAL_ONLY : listener.status();
    }

    /** Times the listening connection was lost or could not be opened since the cache was built. */
    public long listenerDisconnects() {
        return listener == null ? 0 : listener.disconnects();
    }

    /**
     * The backend process id of the connection that listens for other instances' writes, or -1 when
     * there is none: to find it in {@code pg_stat_activity}.
     */
    public int listenerBackendPid() {
        return listener == null ? -1 : listener.backendPid();
    }

    /** Results held now (Caffeine's estimate: expired ones may still count until its next maintenance). */
    public long entries() {
        core.cleanUp();
        return core.entries();
    }

    /** The estimated bytes of the results held now. */
    public long estimatedBytes() {
        core.cleanUp();
        return core.weightedBytes();
    }

    public long maximumBytes() {
        return maximumBytes;
    }

    /** Stops listening and drops every result; later calls run their loaders uncached. */
    @Override
    public void close() {
        closed = true;
        if (listener != null) {
            listener.close();
        }
        core.clear();
    }

    @Override
    public String toString() {
        return "QueryCache[" + core.entries() + " results, " + core.weightedBytes() + " of " + maximumBytes
                + " bytes, " + invalidationStatus() + "]";
    }

    /** Configures a {@link QueryCache}; each setter checks its value at once. */
    // Shaped like the other public builders (QueryMetrics', QueryMeters') on purpose: one setter per option, checked at once.
    public static final class Builder {
        private final QueryTracker tracker;
        private long maximumBytes = DEFAULT_MAXIMUM_BYTES;
        private QueryClock clock;
        private Executor executor = Runnable::run;
        private DataSource listenDataSource;
        private String channel = DEFAULT_CHANNEL;
        private Duration livenessCheckInterval = Duration.ofSeconds(10);
        private Duration firstReconnectDelay = Duration.ofMillis(100);
        private Duration maxReconnectDelay = Duration.ofSeconds(30);
        private Consumer<InvalidationStatus> statusListener = s -> { };
        private ThreadFactory threadFactory = runnable -> {
            Thread t = new Thread(runnable, "querygov-cache-listener");
            t.setDaemon(true);
            return t;
        };

        private Builder(QueryTracker tracker) {
            this.tracker = Objects.requireNonNull(tracker, "tracker");
            this.clock = tracker.clock();
        }

        /** The bound on the estimated bytes of the cached results, at least 1 KiB; 64 MiB unless set. */
        public Builder maximumBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maximumBytes must be at least 1024, was " + bytes);
            }
            this.maximumBytes = bytes;
            return this;
        }

        /** Where TTLs are measured; the tracker's clock unless set (a ManualClock in tests). */
        public Builder clock(QueryClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where Caffeine runs its maintenance and removal notices. The calling thread unless set, so
         * a cache starts no threads of its own for them.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Makes this cache one of several instances on the same database: commits that wrote notify
         * the others, and a dedicated connection from {@code listenDataSource} listens for theirs.
         * Give it a plain DataSource (pgjdbc's {@code PGSimpleDataSource}) rather than the pool: the
         * connection is held for the cache's lifetime.
         */
        public Builder crossInstance(DataSource listenDataSource) {
            this.listenDataSource = Objects.requireNonNull(listenDataSource, "listenDataSource");
            return this;
        }

        /** The channel instances notify each other on; {@value QueryCache#DEFAULT_CHANNEL} unless set. */
        public Builder channel(String channel) {
            if (channel == null || channel.isEmpty() || channel.length() > 63) {
                throw new IllegalArgumentException("channel must be 1 to 63 characters (a PostgreSQL identifier), was '"
                        + channel + "'");
            }
            this.channel = channel;
            return this;
        }

        /** How long the listening connection may be quiet before it is checked with SELECT 1; 10 s unless set. */
        public Builder livenessCheckInterval(Duration interval) {
            this.livenessCheckInterval = positive(interval, "livenessCheckInterval");
            return this;
        }

        /**
         * How long to wait before reopening a lost listening connection, doubled after each failure up
         * to {@code max}; 100 ms and 30 s unless set.
         */
        public Builder reconnectDelay(Duration first, Duration max) {
            this.firstReconnectDelay = positive(first, "first reconnect delay");
            this.maxReconnectDelay = positive(max, "max reconnect delay");
            if (max.compareTo(first) < 0) {
                throw new IllegalArgumentException("max reconnect delay " + max + " is shorter than the first, " + first);
            }
            return this;
        }

        /** Told each time {@link QueryCache#invalidationStatus()} changes, on the listening thread: keep it quick. */
        public Builder statusListener(Consumer<InvalidationStatus> listener) {
            this.statusListener = Objects.requireNonNull(listener, "statusListener");
            return this;
        }

        /** Makes the listening thread; a daemon thread named {@code querygov-cache-listener} unless set. */
        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
            return this;
        }

        public QueryCache build() {
            return new QueryCache(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
