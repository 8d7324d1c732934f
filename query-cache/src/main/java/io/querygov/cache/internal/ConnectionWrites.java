package io.querygov.cache.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one connection has written in its open transaction, and what it does when the transaction
 * ends: on commit, it tells the other instances (a {@code pg_notify} sent inside the transaction, so
 * PostgreSQL delivers it if and only if the transaction commits) and then evicts in this one; on
 * rollback it forgets. In autocommit mode each write is its own transaction: it notifies and evicts
 * right after the statement.
 */
final class ConnectionWrites {
    /** SQLSTATE in_failed_sql_transaction: an earlier statement failed, so COMMIT will roll back. */
    private static final String IN_FAILED_TRANSACTION = "25P02";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionWrites.class);

    private final CacheCore core;
    private final Notifications notifications;
    private final Set<String> tables = new HashSet<>();
    private boolean everything;

    /** @param notifications how to tell other instances, or null when this cache is local to its JVM */
    ConnectionWrites(CacheCore core, Notifications notifications) {
        this.core = core;
        this.notifications = notifications;
    }

    synchronized boolean hasPending() {
        return everything || !tables.isEmpty();
    }

    synchronized boolean touches(Set<String> read) {
        if (everything) {
            return true;
        }
        for (String t : read) {
            if (tables.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /** A statement that writes {@code writes} succeeded on {@code connection}. */
    void wrote(SqlTables.Writes writes, Connection connection) throws SQLException {
        if (!writes.any()) {
            return;
        }
        if (connection.getAutoCommit()) {
            try {
                notifyOthers(connection, writes.tables(), writes.everything());
            } catch (SQLException e) {
                // the write has committed: failing the statement now would tell the caller it did not
                LOG.warn("A write to {} committed, but the notification to the other instances failed ({}): they"
                        + " serve their cached results of it until those expire", describe(writes.tables(), writes.everything()), e.toString());
            }
            core.invalidate(writes.tables(), writes.everything());
            return;
        }
        boolean first;
        synchronized (this) {
            first = !hasPending();
            tables.addAll(writes.tables());
            everything |= writes.everything();
        }
        if (first) {
            core.transactionWrote(this);
        }
    }

    /**
     * Just before the transaction commits: the notification goes out with it, or not at all. When it
     * cannot be sent the commit is not attempted and the caller gets the reason: a write is never
     * committed unheard. The one exception is a transaction that has already failed, whose COMMIT
     * rolls back: then nothing was written, and the commit goes ahead as the application asked.
     *
     * @return false when the transaction had already failed, so the commit will roll it back
     */
    boolean beforeCommit(Connection connection) throws SQLException {
        Set<String> pendingTables;
        boolean pendingEverything;
        synchronized (this) {
            if (!hasPending()) {
                return true;
            }
            pendingTables = Set.copyOf(tables);
            pendingEverything = everything;
        }
        try {
            notifyOthers(connection, pendingTables, pendingEverything);
            return true;
        } catch (SQLException e) {
            if (IN_FAILED_TRANSACTION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** The transaction committed: evict here, now that the new rows are what every new read sees. */
    void committed() {
        Set<String> pendingTables;
        boolean pendingEverything;
        synchronized (this) {
            if (!hasPending()) {
                return;
            }
            pendingTables = Set.copyOf(tables);
            pendingEverything = everything;
            tables.clear();
            everything = false;
        }
        core.transactionEnded(this);
        core.invalidate(pendingTables, pendingEverything);
    }

    /** The transaction rolled back, or the connection closed without committing: nothing was written. */
    void rolledBack() {
        synchronized (this) {
            if (!hasPending()) {
                return;
            }
            tables.clear();
            everything = false;
        }
        core.transactionEnded(this);
    }

    private static String describe(Set<String> written, boolean all) {
        return all ? "tables a statement does not name" : String.join(", ", written);
    }

    private void notifyOthers(Connection connection, Set<String> written, boolean all) throws SQLException {
        if (notifications == null) {
            return;
        }
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, notifications.channel());
            notify.setString(2, notifications.payload(written, all));
            notify.execute();
        }
    }
}
