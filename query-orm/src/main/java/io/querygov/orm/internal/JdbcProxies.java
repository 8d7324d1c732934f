package io.querygov.orm.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Wraps the JDBC objects a tracked session uses, so that every statement Hibernate sends is measured
 * where it runs: from its execute call until its results are read, with its rows counted. Only the
 * calls that execute, read rows or close are intercepted; everything else goes straight to the
 * driver's (or the pool's) object, and whatever that throws reaches Hibernate unchanged.
 *
 * <p>Dynamic proxies rather than hand-written delegates: JDBC's interfaces have hundreds of methods
 * and grow with each Java release, and a reflective call costs tens of nanoseconds against the
 * tens of microseconds of a round trip to the server.
 */
final class JdbcProxies {
    private static final ClassLoader LOADER = JdbcProxies.class.getClassLoader();
    // proxy classes are generated once; a cached constructor avoids Proxy.newProxyInstance's lookups
    private static final Constructor<?> CONNECTION = proxyConstructor(Connection.class);
    private static final Constructor<?> STATEMENT = proxyConstructor(Statement.class);
    private static final Constructor<?> PREPARED_STATEMENT = proxyConstructor(PreparedStatement.class);
    private static final Constructor<?> CALLABLE_STATEMENT = proxyConstructor(CallableStatement.class);
    private static final Constructor<?> RESULT_SET = proxyConstructor(ResultSet.class);

    private JdbcProxies() {
    }

    static Connection connection(Connection delegate, TrackingRuntime runtime, UnitOfWork unit) {
        return (Connection) instantiate(CONNECTION, new ConnectionHandler(delegate, runtime, unit));
    }

    /** The driver's connection behind a tracked one, or the connection itself when it is not tracked. */
    static Connection unwrapTracked(Connection connection) {
        if (Proxy.isProxyClass(connection.getClass())
                && Proxy.getInvocationHandler(connection) instanceof ConnectionHandler handler) {
            return handler.delegate;
        }
        return connection;
    }

    private static Constructor<?> proxyConstructor(Class<?> type) {
        Object sample = Proxy.newProxyInstance(LOADER, new Class<?>[] {type}, (p, m, a) -> null);
        try {
            return sample.getClass().getConstructor(InvocationHandler.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a JDK proxy class has no (InvocationHandler) constructor", e);
        }
    }

    private static Object instantiate(Constructor<?> constructor, InvocationHandler handler) {
        try {
            return constructor.newInstance(handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate a JDBC proxy", e);
        }
    }

    private static Object call(Object delegate, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object identity(Object proxy, Method method, Object[] args, Object delegate) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return "tracked " + delegate;
        }
    }

    private static boolean isObjectMethod(Method method) {
        return method.getDeclaringClass() == Object.class;
    }

    private static final class ConnectionHandler implements InvocationHandler {
        final Connection delegate;
        private final TrackingRuntime runtime;
        private final UnitOfWork unit;

        ConnectionHandler(Connection delegate, TrackingRuntime runtime, UnitOfWork unit) {
            this.delegate = delegate;
            this.runtime = runtime;
            this.unit = unit;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (isObjectMethod(method)) {
                return identity(proxy, method, args, delegate);
            }
            switch (method.getName()) {
                case "prepareStatement":
                    return statement(PREPARED_STATEMENT, (Statement) call(delegate, method, args), (String) args[0], proxy);
                case "prepareCall":
                    return statement(CALLABLE_STATEMENT, (Statement) call(delegate, method, args), (String) args[0], proxy);
                case "createStatement":
                    return statement(STATEMENT, (Statement) call(delegate, method, args), null, proxy);
                default:
                    return call(delegate, method, args);
            }
        }

        private Object statement(Constructor<?> type, Statement statement, String sql, Object connectionProxy) {
            StatementHandler handler = new StatementHandler(statement, sql, connectionProxy, delegate, runtime, unit);
            Object proxy = instantiate(type, handler);
            handler.self = proxy;
            return proxy;
        }
    }

    private static final class StatementHandler implements InvocationHandler {
        private final Statement delegate;
        private final String sql;
        private final Object connectionProxy;
        private final Connection connectionDelegate;
        private final TrackingRuntime runtime;
        private final UnitOfWork unit;
        Object self;
        /** The execution whose results are still being read, if any. */
        private Execution open;
        private String firstBatchSql;

        StatementHandler(Statement delegate, String sql, Object connectionProxy, Connection connectionDelegate,
                         TrackingRuntime runtime, UnitOfWork unit) {
            this.delegate = delegate;
            this.connectionDelegate = connectionDelegate;
            this.sql = sql;
            this.connectionProxy = connectionProxy;
            this.runtime = runtime;
            this.unit = unit;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (isObjectMethod(method)) {
                return identity(proxy, method, args, delegate);
            }
            switch (method.getName()) {
                case "executeQuery":
                    return executeQuery(method, args);
                case "executeUpdate":
                case "executeLargeUpdate":
                    return executeUpdate(method, args);
                case "execute":
                    return execute(method, args);
                case "executeBatch":
                case "executeLargeBatch":
                    return executeBatch(method, args);
                case "addBatch":
                    if (args != null && firstBatchSql == null) {
                        firstBatchSql = (String) args[0];
                    }
                    return call(delegate, method, args);
                case "clearBatch":
                    firstBatchSql = null;
                    return call(delegate, method, args);
                case "getResultSet":
                    return resultSet((ResultSet) call(delegate, method, args), open);
                case "getConnection":
                    return connectionProxy;
                case "close":
                    finishOpen();
                    return call(delegate, method, args);
                default:
                    return call(delegate, method, args);
            }
        }

        private String sqlOf(Object[] args) {
            return args != null && args.length > 0 && args[0] instanceof String s ? s : sql;
        }

        private Execution begin(String statementSql) {
            finishOpen();
            boolean autoCommit;
            try {
                autoCommit = connectionDelegate.getAutoCommit();
            } catch (SQLException e) {
                // the statement itself will report what is wrong with the connection
                autoCommit = false;
            }
            return runtime.begin(unit, autoCommit, statementSql == null ? "" : statementSql);
        }

        private Object executeQuery(Method method, Object[] args) throws Throwable {
            Execution execution = begin(sqlOf(args));
            ResultSet rs;
            try {
                rs = (ResultSet) call(delegate, method, args);
            } catch (Throwable t) {
                execution.failed(t);
                throw t;
            }
            open = execution;
            return resultSet(rs, execution);
        }

        private Object executeUpdate(Method method, Object[] args) throws Throwable {
            Execution execution = begin(sqlOf(args));
            Object count;
            try {
                count = call(delegate, method, args);
            } catch (Throwable t) {
                execution.failed(t);
                throw t;
            }
            execution.succeeded(Math.max(((Number) count).longValue(), 0));
            return count;
        }

        private Object execute(Method method, Object[] args) throws Throwable {
            Execution execution = begin(sqlOf(args));
            boolean hasResultSet;
            try {
                hasResultSet = (Boolean) call(delegate, method, args);
            } catch (Throwable t) {
                execution.failed(t);
                throw t;
            }
            if (hasResultSet) {
                // rows are counted when the caller reads getResultSet()
                open = execution;
            } else {
                execution.succeeded(Math.max(delegate.getUpdateCount(), 0));
            }
            return hasResultSet;
        }

        private Object executeBatch(Method method, Object[] args) throws Throwable {
            Execution execution = begin(sql != null ? sql : firstBatchSql);
            firstBatchSql = null;
            Object counts;
            try {
                counts = call(delegate, method, args);
            } catch (Throwable t) {
                execution.failed(t);
                throw t;
            }
            long rows = 0;
            if (counts instanceof int[] ints) {
                for (int n : ints) {
                    rows += Math.max(n, 0);
                }
            } else if (counts instanceof long[] longs) {
                for (long n : longs) {
                    rows += Math.max(n, 0);
                }
            }
            execution.succeeded(rows);
            return counts;
        }

        private Object resultSet(ResultSet rs, Execution execution) {
            if (rs == null || execution == null || execution.isDone()) {
                return rs;
            }
            return instantiate(RESULT_SET, new ResultSetHandler(rs, execution, self));
        }

        private void finishOpen() {
            if (open != null) {
                open.finish();
                open = null;
            }
        }
    }

    private static final class ResultSetHandler implements InvocationHandler {
        private final ResultSet delegate;
        private final Execution execution;
        private final Object statementProxy;

        ResultSetHandler(ResultSet delegate, Execution execution, Object statementProxy) {
            this.delegate = delegate;
            this.execution = execution;
            this.statementProxy = statementProxy;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (isObjectMethod(method)) {
                return identity(proxy, method, args, delegate);
            }
            switch (method.getName()) {
                case "next":
                    return next(method, args);
                case "close":
                    execution.finish();
                    return call(delegate, method, args);
                case "getStatement":
                    return statementProxy;
                default:
                    return call(delegate, method, args);
            }
        }

        private Object next(Method method, Object[] args) throws Throwable {
            boolean more;
            try {
                more = (Boolean) call(delegate, method, args);
            } catch (Throwable t) {
                execution.failed(t);
                throw t;
            }
            if (more) {
                execution.row();
            } else {
                execution.finish();
            }
            return more;
        }
    }
}
