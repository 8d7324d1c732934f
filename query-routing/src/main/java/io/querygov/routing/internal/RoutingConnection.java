package io.querygov.routing.internal;

import io.querygov.routing.internal.RoutingCore.Decision;
import io.querygov.routing.internal.RoutingCore.StatementKind;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection of a routing DataSource: no server connection until its first statement, then one
 * to the primary, the replica, or both, chosen per statement in autocommit and per transaction
 * otherwise (by the transaction's first statement, and kept until commit or rollback).
 *
 * <p>What the application sets on the connection (autocommit, read-only, isolation, schema, ...) is
 * kept and applied to each server connection when it is opened, and to those already open. The
 * statements and result sets returned are the driver's own: nothing is wrapped past the choice of
 * server, so {@code Statement.getConnection()} answers the server connection. Not thread-safe, like
 * the connections of every pool.
 */
public final class RoutingConnection implements InvocationHandler {
    private final RoutingCore core;
    private Connection primary;
    private Connection replica;
    /** The server connection the current transaction runs on; null outside one. */
    private Connection pinned;
    private boolean autoCommit = true;
    private boolean readOnly;
    /** Settings to apply to a server connection opened later: the setter and its arguments. */
    private final List<Object[]> settings = new ArrayList<>();
    private boolean closed;
    private Connection proxy;

    private RoutingConnection(RoutingCore core) {
        this.core = core;
    }

    public static Connection open(RoutingCore core) {
        RoutingConnection handler = new RoutingConnection(core);
        handler.proxy = (Connection) Proxy.newProxyInstance(RoutingConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
        return handler.proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "toString":
                return "routing connection (primary " + (primary != null ? "open" : "not open") + ", replica "
                        + (replica != null ? "open" : "not open") + (closed ? ", closed" : "") + ")";
            case "isClosed":
                return closed;
            case "close":
                close();
                return null;
            default:
                break;
        }
        if (closed) {
            throw new SQLException("This routing connection is closed", "08003");
        }
        switch (name) {
            case "prepareStatement":
            case "prepareCall":
                return forward(serverFor(core.kind((String) args[0])), method, args);
            case "createStatement":
                return forward(serverFor(RoutingCore.UNKNOWN), method, args);
            case "getAutoCommit":
                return autoCommit;
            case "isReadOnly":
                return readOnly;
            case "setAutoCommit":
                boolean on = (Boolean) args[0];
                forEachOpen(method, args);    // switching it on commits, as JDBC says
                if (on && !autoCommit) {
                    pinned = null;
                }
                autoCommit = on;
                return null;
            case "setReadOnly":
                forEachOpen(method, args);
                readOnly = (Boolean) args[0];
                return null;
            case "commit":
                forEachOpen(method, args);
                pinned = null;
                return null;
            case "rollback":
                if (args == null) {
                    forEachOpen(method, args);
                    pinned = null;
                    return null;
                }
                return forward(current(), method, args);
            case "unwrap":
                return ((Class<?>) args[0]).isInstance(self) ? self : forward(current(), method, args);
            case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(self) || (Boolean) forward(current(), method, args);
            case "abort":
                forEachOpen(method, args);
                closed = true;
                return null;
            case "clearWarnings":
            case "beginRequest":
            case "endRequest":
                // about the server connections there are: none is opened for them
                forEachOpen(method, args);
                return null;
            case "getWarnings":
                return pinned != null || primary != null || replica != null ? forward(current(), method, args) : null;
            default:
                break;
        }
        if (name.startsWith("set") && !name.equals("setSavepoint") && method.getReturnType() == void.class) {
            forEachOpen(method, args);
            settings.add(new Object[] {method, args});
            return null;
        }
        return forward(current(), method, args);
    }

    /** The server connection a statement of this kind runs on, opened if need be. */
    private Connection serverFor(StatementKind kind) throws SQLException {
        if (pinned != null) {
            core.ran(pinned == replica);
            if (pinned == primary && kind.writes()) {
                core.wrote();
            }
            return pinned;
        }
        boolean inTransaction = !autoCommit;
        Decision decision = core.decide(kind, inTransaction && !readOnly);
        Connection server = decision == Decision.PRIMARY ? primary() : replicaOrPrimary(kind, decision);
        if (inTransaction) {
            pinned = server;
        }
        boolean onReplica = server == replica;
        core.ran(onReplica);
        if (!onReplica && kind.writes()) {
            core.wrote();
        }
        return server;
    }

    private Connection replicaOrPrimary(StatementKind kind, Decision decision) throws SQLException {
        Connection server;
        try {
            server = replica();
        } catch (SQLException e) {
            core.replicaUnreachable(kind, e);
            return primary();
        }
        if (decision == Decision.REPLICA_IF_REPLAYED && !replayedThisThreadsWrite(server)) {
            core.readYourWrite();
            return primary();
        }
        return server;
    }

    /**
     * Whether the replica has replayed the primary's WAL position after this thread's last write. The
     * position is read on the primary at the first replica-bound read after the write, so it covers the
     * write once it committed; until then the read goes to the primary, which is where it would see it.
     */
    private boolean replayedThisThreadsWrite(Connection replicaServer) throws SQLException {
        RoutingCore.PendingWrite pending = core.pendingWrite();
        if (pending.lsn == Lsn.NONE) {
            pending.lsn = position(primary(), "SELECT pg_current_wal_lsn()");
        }
        long replayed = position(replicaServer, "SELECT pg_last_wal_replay_lsn()");
        if (Lsn.reached(replayed, pending.lsn)) {
            core.replayed(replayed);
            return true;
        }
        core.monitor().replayedAtLeast(replayed);
        return false;
    }

    /** Reads a WAL position; on a connection outside autocommit, ends the transaction the read began. */
    private long position(Connection server, String sql) throws SQLException {
        long lsn;
        try (Statement s = server.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            lsn = Lsn.parse(rs.getString(1));
        }
        if (!autoCommit) {
            // no statement of the application's transaction ran yet on this connection: the rollback ends only the probe
            server.rollback();
        }
        return lsn;
    }

    private Connection primary() throws SQLException {
        if (primary == null) {
            primary = prepare(core.primary().getConnection());
        }
        return primary;
    }

    private Connection replica() throws SQLException {
        if (replica == null) {
            replica = prepare(core.replica().getConnection());
        }
        return replica;
    }

    /** Applies what the application set on this connection to a server connection just opened. */
    private Connection prepare(Connection server) throws SQLException {
        try {
            if (!autoCommit) {
                server.setAutoCommit(false);
            }
            if (readOnly) {
                server.setReadOnly(true);
            }
            for (Object[] setting : settings) {
                forward(server, (Method) setting[0], (Object[]) setting[1]);
            }
            return server;
        } catch (Throwable t) {
            try {
                server.close();
            } catch (SQLException suppressed) {
                t.addSuppressed(suppressed);
            }
            if (t instanceof SQLException) {
                throw (SQLException) t;
            }
            throw new SQLException("Could not apply this connection's settings to a new server connection: " + t, t);
        }
    }

    /** The connection that answers what is not a statement: the transaction's, an open one, or the primary. */
    private Connection current() throws SQLException {
        if (pinned != null) {
            return pinned;
        }
        if (primary != null) {
            return primary;
        }
        return replica != null ? replica : primary();
    }

    private void forEachOpen(Method method, Object[] args) throws Throwable {
        Throwable first = null;
        for (Connection server : new Connection[] {primary, replica}) {
            if (server == null) {
                continue;
            }
            try {
                forward(server, method, args);
            } catch (Throwable t) {
                if (first == null) {
                    first = t;
                } else {
                    first.addSuppressed(t);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        pinned = null;
        SQLException first = null;
        for (Connection server : new Connection[] {primary, replica}) {
            if (server == null) {
                continue;
            }
            try {
                server.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        primary = null;
        replica = null;
        if (first != null) {
            throw first;
        }
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
