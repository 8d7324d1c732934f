package io.querygov.routing;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryClock;
import io.querygov.core.QueryEvent;
import io.querygov.core.QueryListener;
import io.querygov.core.QueryTracker;
import io.querygov.core.TrackedOperation;
import io.querygov.jdbc.ForwardingDataSource;
import io.querygov.routing.internal.ReplicaMonitor;
import io.querygov.routing.internal.RoutingConnection;
import io.querygov.routing.internal.RoutingCore;
import io.querygov.routing.internal.RoutingCore.Decision;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Read-replica routing at the DataSource, so that everything built on it (Jdbi, Hibernate, JdbcTemplate,
 * plain JDBC) follows it without knowing:
 *
 * <pre>{@code
 * ReplicaRouting routing = ReplicaRouting.builder(primaryPool, replicaPool)
 *         .catalog(sqlCatalog)              // which statements are RAW_SQL_ANALYTICS or tagged 'replica'
 *         .tracker(tracker)                 // fallbacks counted per query (QueryEvent.REPLICA_LAGGING, REPLICA_DOWN)
 *         .build();
 * Jdbi jdbi = Jdbi.create(routing.dataSource());
 * settings.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, routing.dataSource());     // Hibernate
 * List<Row> rows = routing.onReplica(() -> dao.monthlyReport(month));                   // a per-call hint
 * }</pre>
 *
 * <p>Per statement, in this order:
 * <ol>
 *   <li>Inside a read-write transaction (autocommit off, not read-only), everything runs on the primary.
 *       A transaction runs on one server: the one its first statement went to, until commit or rollback.</li>
 *   <li>{@link #onPrimary} sends the thread's statements to the primary.</li>
 *   <li>A statement that may write ({@code SqlClassification.writes()}: DML, DDL, locking reads, functions
 *       with side effects) runs on the primary.</li>
 *   <li>A read goes to the replica if it is replica-bound: its fingerprint is that of a catalog query of type
 *       {@code RAW_SQL_ANALYTICS} or tagged {@value #REPLICA_TAG}, or it runs inside {@link #onReplica}, or inside
 *       a tracked call of such a query (with {@link #trackedCalls()} among the tracker's listeners).
 *       Every other read runs on the primary.</li>
 *   <li>Read-your-writes: after this thread sent a write to the primary, its replica-bound reads run on the
 *       primary until the replica has replayed past the primary's WAL position ({@code pg_current_wal_lsn()},
 *       read at the first such read, against {@code pg_last_wal_replay_lsn()} on the replica), or until the
 *       {@linkplain Builder#readYourWritesWindow window} since the write ends.</li>
 *   <li>A replica whose {@linkplain ReplicaStatus#lag() lag} is over {@linkplain Builder#maxLag the threshold},
 *       that cannot be reached, or that is not a standby sends replica-bound reads to the primary: logged at
 *       WARN when it starts and at INFO when it ends, counted in {@link #stats()} and reported to the tracker
 *       per query as {@link QueryEvent#REPLICA_LAGGING} or {@link QueryEvent#REPLICA_DOWN}.</li>
 * </ol>
 *
 * <p>A connection of {@link #dataSource()} opens no server connection until its first statement, and then
 * up to one to each server; closing it returns them to their pools. Give the replica's pool a short
 * connection timeout: a read that finds the replica down waits for it once before falling back.
 * {@link #close()} stops the background check; it closes neither pool.
 */
public final class ReplicaRouting implements AutoCloseable {
    /** The tag that sends a catalog query's reads to the replica whatever its type. */
    public static final String REPLICA_TAG = RoutingCore.REPLICA_TAG;

    private final RoutingCore core;
    private final ReplicaMonitor monitor;
    private final ScheduledExecutorService checks;
    private final DataSource dataSource;
    private final QueryListener trackedCalls;

    private ReplicaRouting(Builder b) {
        this.monitor = new ReplicaMonitor(b.primary, b.replica, b.clock, b.maxLag);
        this.core = new RoutingCore(b.primary, b.replica, monitor, b.clock, b.tracker,
                b.readYourWritesWindow.toNanos(), b.catalog);
        this.dataSource = new RoutingDataSource(core, b.primary);
        this.trackedCalls = core.trackedCalls();
        if (b.checkInterval.isZero()) {
            this.checks = null;
        } else {
            this.checks = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "querygov-replica-check");
                t.setDaemon(true);
                return t;
            });
            long every = b.checkInterval.toNanos();
            checks.scheduleWithFixedDelay(monitor::check, 0, every, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Routing between {@code primary} and {@code replica}, each a pool (or any DataSource) of its own server.
     */
    public static Builder builder(DataSource primary, DataSource replica) {
        return new Builder(primary, replica);
    }

    /** The DataSource to give the application: its connections route each statement. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code operation} with this thread's reads sent to the replica (its writes and read-write
     * transactions still go to the primary, and the replica's guards still apply); returns its result.
     */
    public <R, X extends Exception> R onReplica(TrackedOperation<R, X> operation) throws X {
        return core.withHint(Decision.REPLICA, Objects.requireNonNull(operation, "operation"));
    }

    /**
     * A listener for the service's tracker, so that the tracker's current call routes as a hint does: inside
     * {@code tracker.track(query, ...)} of a RAW_SQL_ANALYTICS or {@value #REPLICA_TAG}-tagged query, the thread's
     * reads go to the replica, whatever SQL they run (the report's DAO may run statements no catalog names).
     *
     * <pre>{@code
     * QueryTracker tracker = QueryTracker.builder().listener(metrics).listener(routing.trackedCalls()).build();
     * List<Row> rows = tracker.track(MONTHLY_REPORT, () -> dao.monthlyReport(month));    // reads on the replica
     * }</pre>
     *
     * Integrations that report a statement only once it runs (Jdbi's, Hibernate's) come too late for that
     * statement: for them the catalog's fingerprints decide.
     */
    public QueryListener trackedCalls() {
        return trackedCalls;
    }

    /** Runs {@code operation} with all of this thread's statements sent to the primary; returns its result. */
    public <R, X extends Exception> R onPrimary(TrackedOperation<R, X> operation) throws X {
        return core.withHint(Decision.PRIMARY, Objects.requireNonNull(operation, "operation"));
    }

    /** Checks the replica's health and lag now, as the background check does, and returns what it found. */
    public ReplicaStatus checkReplica() {
        return monitor.check();
    }

    // One-line views of the monitor and the core: shaped like any list of accessors (BaselineComparison's), with
    // nothing to share but the shape
    /** What the last check found, or the last failure to reach the replica. */
    public ReplicaStatus replicaStatus() {
        return monitor.status();
    }

    /** Where statements went so far. */
    public RoutingStats stats() {
        return core.stats();
    }

    /** Stops the background check. Connections already handed out keep working, on the last status. */
    @Override
    public void close() {
        if (checks != null) {
            checks.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "ReplicaRouting[" + monitor.status() + ", " + core.stats() + "]";
    }

    /** Configures a {@link ReplicaRouting}; each setter checks its value at once. */
    public static final class Builder {
        private final DataSource primary;
        private final DataSource replica;
        private QueryCatalog catalog = QueryCatalog.empty();
        private QueryTracker tracker;
        private QueryClock clock = QueryClock.SYSTEM;
        private Duration maxLag = Duration.ofSeconds(5);
        private Duration readYourWritesWindow = Duration.ofSeconds(5);
        private Duration checkInterval = Duration.ofSeconds(1);

        private Builder(DataSource primary, DataSource replica) {
            this.primary = Objects.requireNonNull(primary, "primary");
            this.replica = Objects.requireNonNull(replica, "replica");
            if (primary == replica) {
                throw new IllegalArgumentException("the primary and the replica must be two DataSources, one per server");
            }
        }

        // Setters shaped like those of querygov's other builders (QueryCache's, the bench's) on purpose: each checks
        // and keeps one value of its own builder's type
        /** The queries whose type and tags route their statements, found by fingerprint; empty by default. */
        public Builder catalog(QueryCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** Where fallbacks to the primary are reported per query, as {@link QueryEvent}s; none by default. */
        public Builder tracker(QueryTracker tracker) {
            this.tracker = Objects.requireNonNull(tracker, "tracker");
            return this;
        }

        /** The monotonic clock lag and the read-your-writes window are measured on; tests inject a ManualClock. */
        public Builder clock(QueryClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The replication lag over which replica-bound reads go to the primary; 5 seconds by default. */
        public Builder maxLag(Duration maxLag) {
            if (maxLag == null || maxLag.isNegative()) {
                throw new IllegalArgumentException("maxLag must be zero or more, was " + maxLag);
            }
            this.maxLag = maxLag;
            return this;
        }

        /**
         * How long after a write this thread's replica-bound reads wait for the replica to replay it, on the
         * primary; 5 seconds by default, after which they trust the replica again. Zero turns read-your-writes off.
         */
        public Builder readYourWritesWindow(Duration window) {
            if (window == null || window.isNegative()) {
                throw new IllegalArgumentException("readYourWritesWindow must be zero or more, was " + window);
            }
            this.readYourWritesWindow = window;
            return this;
        }

        /**
         * How often a background thread checks the replica's health and lag; 1 second by default. Zero starts
         * no thread: the replica is then checked only by {@link ReplicaRouting#checkReplica()}.
         */
        public Builder checkInterval(Duration interval) {
            if (interval == null || interval.isNegative() || (!interval.isZero() && interval.toMillis() < 10)) {
                throw new IllegalArgumentException("checkInterval must be zero (no background check) or at least 10 ms, was "
                        + interval);
            }
            this.checkInterval = interval;
            return this;
        }

        public ReplicaRouting build() {
            return new ReplicaRouting(this);
        }
    }

    /**
     * The application's DataSource: each connection routes its statements. The log writer, login timeout and parent
     * logger are the primary's.
     */
    private static final class RoutingDataSource extends ForwardingDataSource {
        private final RoutingCore core;

        RoutingDataSource(RoutingCore core, DataSource primary) {
            super(primary);
            this.core = core;
        }

        @Override
        public Connection getConnection() {
            return RoutingConnection.open(core);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("A routing DataSource uses its two pools' own credentials: "
                    + "call getConnection() without a user name and password");
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(this)) {
                return iface.cast(this);
            }
            throw new SQLException("A routing DataSource wraps two DataSources, the primary's and the replica's: "
                    + "unwrap those instead of it");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return iface.isInstance(this);
        }

        @Override
        public String toString() {
            return "replica-routing DataSource";
        }
    }
}
