package io.querygov.routing.internal;

import io.querygov.core.QueryClock;
import io.querygov.routing.ReplicaStatus;
import io.querygov.routing.ReplicaStatus.State;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica's health and lag, from checks that read the primary's WAL position and then the
 * replica's replay position.
 *
 * <p>Lag is measured on this JVM's monotonic clock rather than from the replica's
 * {@code pg_last_xact_replay_timestamp()}, which compares two servers' clocks and reads as hours on a
 * replica whose primary was idle for hours: each check remembers when it first saw the primary at a
 * position, and the lag is the time since the earliest remembered position the replica has not
 * replayed. A replica with paused replay, a broken WAL stream or a slow disk all show as lag growing.
 *
 * <p>A state change is logged once, at WARN when reads leave the replica and at INFO when they come back.
 */
public final class ReplicaMonitor {
    private static final Logger LOG = LoggerFactory.getLogger("io.querygov.routing");
    /** Remembered primary positions; past this, new ones are not added, which only coarsens the lag. */
    private static final int MAX_SAMPLES = 1024;
    private static final String NOT_CHECKED = "unknown";

    // plain final fields and their assignment below, alike other classes' in form only
    private final DataSource primary;
    private final DataSource replica;
    private final QueryClock clock;
    private final long maxLagNanos;
    /** Primary positions and when a check first saw them, oldest first; guarded by {@code this}. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private volatile ReplicaStatus status = new ReplicaStatus(State.UP, Duration.ZERO, NOT_CHECKED, Optional.empty());
    /** The highest replay position seen, by a check or by a read-your-writes probe. */
    private volatile long replayed = Lsn.NONE;

    public ReplicaMonitor(DataSource primary, DataSource replica, QueryClock clock, Duration maxLag) {
        this.primary = primary;
        this.replica = replica;
        this.clock = clock;
        this.maxLagNanos = maxLag.toNanos();
    }

    public ReplicaStatus status() {
        return status;
    }

    public long replayed() {
        return replayed;
    }

    /** A replay position seen outside a check (a read-your-writes probe on the replica). */
    public void replayedAtLeast(long lsn) {
        if (Long.compareUnsigned(lsn, replayed) > 0) {
            replayed = lsn;
        }
    }

    /** Checks the replica now; never throws: a failure is the replica's state. */
    public synchronized ReplicaStatus check() {
        long primaryLsn;
        try {
            primaryLsn = query(primary, "SELECT pg_current_wal_lsn()").lsn;
        } catch (SQLException | RuntimeException e) {
            // without the primary's position there is no lag to compute: keep what the last check found
            LOG.debug("Replica check could not read the primary's WAL position: {}", e.toString());
            return status;
        }
        long now = clock.monotonicNanos();
        long[] newest = samples.peekLast();
        if ((newest == null || Long.compareUnsigned(primaryLsn, newest[0]) > 0) && samples.size() < MAX_SAMPLES) {
            samples.addLast(new long[] {primaryLsn, now});
        }
        Reading r;
        try {
            r = query(replica, "SELECT pg_last_wal_replay_lsn(), pg_is_in_recovery()");
        } catch (SQLException | RuntimeException e) {
            return change(new ReplicaStatus(State.DOWN, status.lag(), status.replayed(),
                    Optional.of("cannot be reached: " + e.getMessage())));
        }
        if (!r.inRecovery) {
            return change(new ReplicaStatus(State.DOWN, Duration.ZERO, Lsn.format(r.lsn),
                    Optional.of("is not in recovery (promoted, or not a standby): its reads may miss the primary's writes")));
        }
        replayedAtLeast(r.lsn);
        while (!samples.isEmpty() && Lsn.reached(r.lsn, samples.peekFirst()[0])) {
            samples.removeFirst();
        }
        long lagNanos = samples.isEmpty() ? 0 : Math.max(0, now - samples.peekFirst()[1]);
        Duration lag = Duration.ofNanos(lagNanos);
        if (lagNanos > maxLagNanos) {
            return change(new ReplicaStatus(State.LAGGING, lag, Lsn.format(r.lsn), Optional.of("lags " + lag.toMillis()
                    + " ms behind the primary (" + Lsn.format(r.lsn) + " replayed of " + Lsn.format(primaryLsn)
                    + "), over the threshold of " + Duration.ofNanos(maxLagNanos).toMillis() + " ms")));
        }
        return change(new ReplicaStatus(State.UP, lag, Lsn.format(r.lsn), Optional.empty()));
    }

    /** A connection to the replica failed outside a check: down until a check reaches it. */
    public synchronized void unreachable(SQLException e) {
        change(new ReplicaStatus(State.DOWN, status.lag(), status.replayed(),
                Optional.of("cannot be reached: " + e.getMessage())));
    }

    private ReplicaStatus change(ReplicaStatus next) {
        ReplicaStatus previous = status;
        status = next;
        if (previous.state() != next.state()) {
            if (next.state() == State.UP) {
                LOG.info("Replica is back: replica-bound reads go to it again ({})", next);
            } else {
                LOG.warn("Replica-bound reads go to the primary: the {}", next);
            }
        }
        return next;
    }

    private static Reading query(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                Reading r = new Reading(Lsn.parse(rs.getString(1)),
                        rs.getMetaData().getColumnCount() < 2 || rs.getBoolean(2));
                if (!c.getAutoCommit()) {
                    c.rollback();      // a pool that hands out non-autocommit connections: end the read's transaction
                }
                return r;
            }
        }
    }

    private record Reading(long lsn, boolean inRecovery) {
    }
}
