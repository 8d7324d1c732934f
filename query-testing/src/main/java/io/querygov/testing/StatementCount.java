package io.querygov.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Counts the statements a unit of work sends through a data source, whatever sent them (Hibernate, Jdbi, jOOQ, plain
 * JDBC): wrap the data source the code under test uses, then assert on a block.
 *
 * <pre>{@code
 * StatementCount counted = StatementCount.wrap(pg.dataSource());
 * SessionFactory sessions = buildSessionFactory(counted);
 * counted.assertAtMost(2, () -> service.dashboard(ownerId));   // fails with every statement when it sends 1 + N
 * }</pre>
 *
 * <p>Each {@code execute*} call of a statement counts one; a batch counts as many as were added to it, which is what
 * the server runs. Counts are per thread, so work on other threads (a pool's housekeeping, another test) does not
 * count. The statements' SQL is kept for the failure message, shortened. Thread-safe.
 */
public final class StatementCount implements DataSource {
    private final DataSource target;
    private final ThreadLocal<List<String>> recording = new ThreadLocal<>();

    private StatementCount(DataSource target) {
        this.target = target;
    }

    /** A data source whose connections count what they execute. */
    public static StatementCount wrap(DataSource dataSource) {
        return new StatementCount(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** Code that sends statements. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** Runs the work on this thread and returns the SQL of every statement it sent through this data source. */
    public List<String> record(Work work) throws Exception {
        List<String> previous = recording.get();
        List<String> mine = new ArrayList<>();
        recording.set(mine);
        try {
            work.run();
        } finally {
            if (previous != null) {
                previous.addAll(mine);
                recording.set(previous);
            } else {
                recording.remove();
            }
        }
        return Collections.unmodifiableList(mine);
    }

    /** How many statements the work sent. */
    public int count(Work work) throws Exception {
        return record(work).size();
    }

    /** Fails, listing every statement, when the work sent more than {@code max}. */
    public List<String> assertAtMost(int max, Work work) throws Exception {
        if (max < 0) {
            throw new IllegalArgumentException("max cannot be negative, was " + max);
        }
        List<String> sent = record(work);
        if (sent.size() > max) {
            StringBuilder b = new StringBuilder("Expected at most ").append(max).append(max == 1 ? " statement" :
                    " statements").append(" in the unit of work, it sent ").append(sent.size()).append(':');
            for (int i = 0; i < sent.size(); i++) {
                b.append("\n  ").append(i + 1).append(". ").append(sent.get(i));
            }
            throw new AssertionError(b.toString());
        }
        return sent;
    }

    private void sent(String sql, int times) {
        List<String> list = recording.get();
        if (list != null) {
            String shown = sql == null ? "(batch)" : sql.strip().replaceAll("\\s+", " ");
            if (shown.length() > 160) {
                shown = shown.substring(0, 157) + "...";
            }
            for (int i = 0; i < times; i++) {
                list.add(shown);
            }
        }
    }

    // Wraps each connection as ForwardingDataSource.wrap does; see the forwarding below for why this is not that class.
    @Override
    public Connection getConnection() throws SQLException {
        return connection(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connection(target.getConnection(username, password));
    }

    private Connection connection(Connection real) {
        return (Connection) Proxy.newProxyInstance(StatementCount.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (result instanceof Statement s && method.getName().startsWith("prepare")) {
                        return statement(s, (String) args[0]);
                    }
                    if (result instanceof Statement s && method.getName().equals("createStatement")) {
                        return statement(s, null);
                    }
                    return result;
                });
    }

    private Statement statement(Statement real, String preparedSql) {
        Class<?> type = real instanceof CallableStatement ? CallableStatement.class
                : real instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        List<String> batch = new ArrayList<>();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("addBatch")) {
                batch.add(args != null && args.length == 1 ? (String) args[0] : preparedSql);
            } else if (name.equals("clearBatch")) {
                batch.clear();
            }
            Object result = invoke(real, method, args);
            if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                batch.forEach(sql -> sent(sql, 1));
                batch.clear();
            } else if (name.startsWith("execute")) {
                sent(args != null && args.length >= 1 && args[0] instanceof String sql ? sql : preparedSql, 1);
            }
            return result;
        };
        return (Statement) Proxy.newProxyInstance(StatementCount.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    // Forwarded here as query-jdbc's ForwardingDataSource forwards it, on purpose: query-jdbc's own tests use this
    // module, so query-testing cannot depend on query-jdbc to extend that class.
    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
