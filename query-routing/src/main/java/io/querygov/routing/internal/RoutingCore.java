package io.querygov.routing.internal;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryEvent;
import io.querygov.core.QueryListener;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.core.SqlFingerprint;
import io.querygov.core.sql.SqlClassification;
import io.querygov.routing.ReplicaStatus;
import io.querygov.routing.RoutingStats;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * The routing decisions, shared by every connection of one {@code ReplicaRouting}: what each SQL text
 * is (a write or a read, which registered query), this thread's hint and unreplayed write, and the
 * counts. No static state: two routings in one JVM know nothing of each other.
 */
public final class RoutingCore {
    /** Distinct SQL texts whose route is remembered; past this, they are classified again per statement. */
    private static final int MAX_REMEMBERED_STATEMENTS = 4096;

    /** Where a statement goes, before the replica's replay of this thread's write is known. */
    public enum Decision { PRIMARY, REPLICA, REPLICA_IF_REPLAYED }

    /** What a SQL text is, for routing. {@code query} is null when no registered query has its fingerprint. */
    public record StatementKind(String sql, boolean writes, QueryDescriptor query) {
        boolean replicaBound() {
            return query != null && RoutingCore.replicaBound(query);
        }
    }

    /** Whether the reads of {@code query} belong on the replica: RAW_SQL_ANALYTICS, or tagged {@value #REPLICA_TAG}. */
    public static boolean replicaBound(QueryDescriptor query) {
        return query.type() == QueryType.RAW_SQL_ANALYTICS || query.hasTag(REPLICA_TAG);
    }

    public static final String REPLICA_TAG = "replica";
    /** A plain {@code Statement}, whose SQL comes with each execute call: it may write. */
    static final StatementKind UNKNOWN = new StatementKind(null, true, null);

    private final DataSource primary;
    private final DataSource replica;
    private final ReplicaMonitor monitor;
    private final QueryClock clock;
    private final QueryTracker tracker;
    private final long readYourWritesNanos;
    private final Map<String, QueryDescriptor> byFingerprint;
    private final Map<String, StatementKind> kinds = new ConcurrentHashMap<>();
    private final ThreadLocal<Decision> hint = new ThreadLocal<>();
    /** How many tracked calls of replica-bound queries this thread is inside (see {@link #trackedCalls()}). */
    private final ThreadLocal<int[]> insideReplicaBoundCalls = ThreadLocal.withInitial(() -> new int[1]);
    private final ThreadLocal<PendingWrite> pendingWrite = ThreadLocal.withInitial(PendingWrite::new);
    private final LongAdder onReplica = new LongAdder();
    private final LongAdder onPrimary = new LongAdder();
    private final LongAdder readYourWrites = new LongAdder();
    private final LongAdder lagging = new LongAdder();
    private final LongAdder down = new LongAdder();

    /** The last write this thread routed to the primary, until the replica has replayed it or the window ends. */
    static final class PendingWrite {
        boolean open;
        long sinceNanos;
        /** The primary's WAL position once read after the write; {@link Lsn#NONE} until then. */
        long lsn;
    }

    public RoutingCore(DataSource primary, DataSource replica, ReplicaMonitor monitor, QueryClock clock,
                       QueryTracker tracker, long readYourWritesNanos, QueryCatalog catalog) {
        this.primary = primary;
        this.replica = replica;
        this.monitor = monitor;
        this.clock = clock;
        this.tracker = tracker;
        this.readYourWritesNanos = readYourWritesNanos;
        Map<String, QueryDescriptor> index = new HashMap<>();
        for (QueryDescriptor q : catalog) {
            q.fingerprint().ifPresent(f -> index.putIfAbsent(f.id(), q));
        }
        this.byFingerprint = Map.copyOf(index);
    }

    DataSource primary() {
        return primary;
    }

    DataSource replica() {
        return replica;
    }

    ReplicaMonitor monitor() {
        return monitor;
    }

    /** What {@code sql} is: a write, and which registered query, by its fingerprint. */
    public StatementKind kind(String sql) {
        if (sql == null) {
            return UNKNOWN;
        }
        StatementKind known = kinds.get(sql);
        if (known != null) {
            return known;
        }
        StatementKind kind = new StatementKind(sql, SqlClassification.of(sql).writes(),
                byFingerprint.get(SqlFingerprint.of(sql).id()));
        if (kinds.size() < MAX_REMEMBERED_STATEMENTS) {
            kinds.put(sql, kind);
        }
        return kind;
    }

    /** Runs {@code operation} with this thread's replica-bound reads sent as {@code to} says. */
    public <R, X extends Exception> R withHint(Decision to, io.querygov.core.TrackedOperation<R, X> operation) throws X {
        Decision previous = hint.get();
        hint.set(to);
        try {
            return operation.call();
        } finally {
            if (previous == null) {
                hint.remove();
            } else {
                hint.set(previous);
            }
        }
    }

    /**
     * Where a statement that starts a transaction, or runs in autocommit, goes. Counts nothing: the
     * connection counts where it ran ({@link #ran}), since a replica that cannot be reached sends it elsewhere.
     */
    Decision decide(StatementKind kind, boolean readWriteTransaction) {
        Decision hinted = hint.get();
        if (readWriteTransaction || hinted == Decision.PRIMARY) {
            return Decision.PRIMARY;
        }
        boolean asked = hinted == Decision.REPLICA || insideReplicaBoundCalls.get()[0] > 0;
        boolean replicaBound = kind == UNKNOWN ? asked : !kind.writes() && (asked || kind.replicaBound());
        if (!replicaBound) {
            return Decision.PRIMARY;
        }
        ReplicaStatus status = monitor.status();
        if (status.state() == ReplicaStatus.State.LAGGING) {
            fellBack(kind, lagging, QueryEvent.REPLICA_LAGGING);
            return Decision.PRIMARY;
        }
        if (status.state() == ReplicaStatus.State.DOWN) {
            fellBack(kind, down, QueryEvent.REPLICA_DOWN);
            return Decision.PRIMARY;
        }
        PendingWrite pending = pendingWrite.get();
        if (pending.open) {
            if (clock.monotonicNanos() - pending.sinceNanos >= readYourWritesNanos) {
                pending.open = false;      // the window ended: the replica is trusted again, replayed or not
            } else if (pending.lsn != Lsn.NONE && Lsn.reached(monitor.replayed(), pending.lsn)) {
                pending.open = false;
            } else {
                return Decision.REPLICA_IF_REPLAYED;
            }
        }
        return Decision.REPLICA;
    }

    /** This thread's unreplayed write, for the connection's probe. */
    PendingWrite pendingWrite() {
        return pendingWrite.get();
    }

    /** The replica has replayed this thread's write. */
    void replayed(long replicaLsn) {
        monitor.replayedAtLeast(replicaLsn);
        pendingWrite.get().open = false;
    }

    /** A replica-bound read runs on the primary: the replica has not replayed this thread's write. */
    void readYourWrite() {
        readYourWrites.increment();
    }

    /** The replica could not be reached when a replica-bound read asked for it. */
    void replicaUnreachable(StatementKind kind, java.sql.SQLException e) {
        monitor.unreachable(e);
        fellBack(kind, down, QueryEvent.REPLICA_DOWN);
    }

    /** A statement the connection routed to the primary may write: reads of this thread wait for its replay. */
    void wrote() {
        if (readYourWritesNanos <= 0) {
            return;
        }
        PendingWrite pending = pendingWrite.get();
        pending.open = true;
        pending.sinceNanos = clock.monotonicNanos();
        pending.lsn = Lsn.NONE;      // read again: the position after this write
    }

    void ran(boolean onTheReplica) {
        (onTheReplica ? onReplica : onPrimary).increment();
    }

    private void fellBack(StatementKind kind, LongAdder counter, QueryEvent event) {
        counter.increment();
        if (tracker != null) {
            String name = kind.query() != null ? kind.query().name()
                    : kind.sql() != null ? QueryDescriptor.adhocSql(kind.sql(), QueryType.RAW_SQL_ANALYTICS).name()
                    : "adhoc:statement";
            tracker.event(name, event);
        }
    }

    /**
     * The listener that makes a tracked call of a replica-bound query a replica hint for the reads made inside it.
     * Counted per thread, entered in {@code beforeExecution} and left in {@code onExecution} with the same query, so
     * nested calls balance; allocates nothing.
     */
    public QueryListener trackedCalls() {
        return new QueryListener() {
            @Override
            public void beforeExecution(QueryDescriptor query) {
                if (replicaBound(query)) {
                    insideReplicaBoundCalls.get()[0]++;
                }
            }

            @Override
            public void onExecution(QueryDescriptor query, long startEpochMillis, long durationNanos, long rows,
                                    Throwable failure, boolean slow) {
                if (replicaBound(query)) {
                    int[] depth = insideReplicaBoundCalls.get();
                    depth[0] = Math.max(0, depth[0] - 1);
                }
            }

            @Override
            public String toString() {
                return "replica routing's tracked calls";
            }
        };
    }

    public RoutingStats stats() {
        return new RoutingStats(onReplica.sum(), onPrimary.sum(), readYourWrites.sum(), lagging.sum(), down.sum());
    }
}
