package io.querygov.cache.internal;

import io.querygov.jdbc.ForwardingDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * A DataSource whose connections tell the cache what they write: the connection notes the tables
 * each successful write names, and acts on them when its transaction commits or rolls back (see
 * {@link ConnectionWrites}).
 *
 * <p>Reads cost a first-word check when they are prepared and nothing after: their statements are
 * the driver's own, unwrapped. Only statements that may write, and plain {@link Statement}s (whose
 * SQL comes with each execute call), are wrapped, to see whether they succeeded. The wrappers are
 * {@link Proxy} instances: the forwarding is the JDK's, so no JDBC method can be missed.
 */
public final class InvalidatingDataSource extends ForwardingDataSource {
    /** Distinct SQL texts whose writes are remembered; past this, they are read again per call. */
    private static final int MAX_REMEMBERED_STATEMENTS = 4096;

    private final CacheCore core;
    private final Notifications notifications;
    private final Map<String, SqlTables.Writes> writesBySql = new ConcurrentHashMap<>();

    public InvalidatingDataSource(DataSource delegate, CacheCore core, Notifications notifications) {
        super(Objects.requireNonNull(delegate, "dataSource"));
        this.core = core;
        this.notifications = notifications;
    }

    @Override
    protected Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(InvalidatingDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new ConnectionHandler(connection));
    }

    SqlTables.Writes writes(String sql) {
        if (sql == null || !SqlTables.mayWrite(sql)) {
            return SqlTables.Writes.none();
        }
        SqlTables.Writes known = writesBySql.get(sql);
        if (known != null) {
            return known;
        }
        SqlTables.Writes writes = SqlTables.written(sql);
        if (writesBySql.size() < MAX_REMEMBERED_STATEMENTS) {
            writesBySql.put(sql, writes);
        }
        return writes;
    }

    @Override
    public String toString() {
        return "cache-invalidating " + delegate;
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * What a connection's and a statement's proxy answer alike: unwrap and isWrapperFor (see {@link #wrapperCall}),
     * equals and hashCode by identity, toString as what it wraps after {@code shownAs}; every other call is forwarded.
     */
    private static Object proxyCall(Object proxy, Object target, Method method, Object[] args, String shownAs)
            throws Throwable {
        return switch (method.getName()) {
            case "unwrap", "isWrapperFor" -> wrapperCall(proxy, target, method, args);
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> shownAs + target;
            default -> forward(target, method, args);
        };
    }

    /** unwrap and isWrapperFor answer for the proxy first, then for what it wraps. */
    private static Object wrapperCall(Object proxy, Object target, Method method, Object[] args) throws Throwable {
        Class<?> iface = (Class<?>) args[0];
        if (method.getName().equals("unwrap")) {
            return iface.isInstance(proxy) ? proxy : forward(target, method, args);
        }
        return iface.isInstance(proxy) || (Boolean) forward(target, method, args);
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection connection;
        private final ConnectionWrites writes;

        ConnectionHandler(Connection connection) {
            this.connection = connection;
            this.writes = new ConnectionWrites(core, notifications);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "prepareStatement":
                case "prepareCall": {
                    String sql = (String) args[0];
                    SqlTables.Writes w = writes(sql);
                    Statement statement = (Statement) forward(connection, method, args);
                    if (!w.any()) {
                        return statement;
                    }
                    Class<?> kind = method.getName().equals("prepareCall") ? CallableStatement.class : PreparedStatement.class;
                    return statementProxy(statement, kind, new StatementHandler(statement, (Connection) proxy, w));
                }
                case "createStatement": {
                    Statement statement = (Statement) forward(connection, method, args);
                    return statementProxy(statement, Statement.class, new StatementHandler(statement, (Connection) proxy, null));
                }
                case "commit": {
                    boolean written = writes.beforeCommit(connection);
                    connection.commit();
                    if (written) {
                        writes.committed();
                    } else {
                        writes.rolledBack();
                    }
                    return null;
                }
                case "setAutoCommit": {
                    // switching autocommit on commits the open transaction (JDBC says so)
                    boolean on = (Boolean) args[0];
                    boolean committing = on && !connection.getAutoCommit();
                    boolean written = !committing || writes.beforeCommit(connection);
                    connection.setAutoCommit(on);
                    if (committing) {
                        if (written) {
                            writes.committed();
                        } else {
                            writes.rolledBack();
                        }
                    }
                    return null;
                }
                case "rollback":
                    if (args == null || args.length == 0) {
                        connection.rollback();
                        writes.rolledBack();
                        return null;
                    }
                    // back to a savepoint: what was written before it stays pending; what came after
                    // may be counted too, which costs a needless eviction at most
                    return forward(connection, method, args);
                case "close":
                    try {
                        return forward(connection, method, args);
                    } finally {
                        // a transaction still open is rolled back by the pool or the server
                        writes.rolledBack();
                    }
                default:
                    return proxyCall(proxy, connection, method, args, "cache-invalidating ");
            }
        }

        private Statement statementProxy(Statement statement, Class<?> kind, StatementHandler handler) {
            return (Statement) Proxy.newProxyInstance(InvalidatingDataSource.class.getClassLoader(),
                    new Class<?>[] {kind}, handler);
        }

        /**
         * A statement that may write: after each successful execute, what it wrote is noted. A
         * prepared statement's writes are known from its SQL; a plain statement's from each call's.
         */
        private final class StatementHandler implements InvocationHandler {
            private final Statement statement;
            private final Connection connectionProxy;
            private final SqlTables.Writes prepared;
            private final List<String> batch = new ArrayList<>();

            StatementHandler(Statement statement, Connection connectionProxy, SqlTables.Writes prepared) {
                this.statement = statement;
                this.connectionProxy = connectionProxy;
                this.prepared = prepared;
            }

            /** Whether the update count says the statement changed nothing; unknown counts say it may have. */
            private boolean changedNoRow(String method, Object result) throws SQLException {
                switch (method) {
                    case "executeUpdate":
                        return (Integer) result == 0;
                    case "executeLargeUpdate":
                        return (Long) result == 0L;
                    case "execute":
                        return !(Boolean) result && statement.getUpdateCount() == 0;
                    default:
                        return false; // executeQuery: INSERT ... RETURNING, rows not counted here
                }
            }

            private boolean batchChangedNoRow(Object counts) {
                if (counts instanceof int[] ints) {
                    for (int n : ints) {
                        if (n != 0) {
                            return false; // rows changed, or SUCCESS_NO_INFO
                        }
                    }
                    return true;
                }
                if (counts instanceof long[] longs) {
                    for (long n : longs) {
                        if (n != 0) {
                            return false;
                        }
                    }
                    return true;
                }
                return false;
            }

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                String name = method.getName();
                switch (name) {
                    case "execute":
                    case "executeQuery":
                    case "executeUpdate":
                    case "executeLargeUpdate": {
                        Object result = forward(statement, method, args);
                        SqlTables.Writes w = args != null && args.length > 0 && args[0] instanceof String sql
                                ? writes(sql) : prepared;
                        if (w != null && w.any() && !(w.countsRows() && changedNoRow(name, result))) {
                            ConnectionHandler.this.writes.wrote(w, connection);
                        }
                        return result;
                    }
                    case "addBatch":
                        if (args != null && args.length == 1 && args[0] instanceof String sql) {
                            batch.add(sql);
                        }
                        return forward(statement, method, args);
                    case "clearBatch":
                        batch.clear();
                        return forward(statement, method, args);
                    case "executeBatch":
                    case "executeLargeBatch": {
                        Object result = forward(statement, method, args);
                        if (prepared != null && !(prepared.countsRows() && batchChangedNoRow(result))) {
                            ConnectionHandler.this.writes.wrote(prepared, connection);
                        }
                        for (String sql : batch) {
                            ConnectionHandler.this.writes.wrote(writes(sql), connection);
                        }
                        batch.clear();
                        return result;
                    }
                    case "getConnection":
                        return connectionProxy;
                    default:
                        return proxyCall(proxy, statement, method, args, "");
                }
            }
        }
    }
}
