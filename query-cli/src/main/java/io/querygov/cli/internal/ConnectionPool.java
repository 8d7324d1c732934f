package io.querygov.cli.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The smallest pool a benchmark needs: connections are opened on demand, handed back on {@code close()}, and
 * reused last-in first-out, so each benchmark thread keeps using a connection whose server-side prepared
 * statements are already in place, as a service's pool would. Nothing is validated or timed out: the benchmark
 * owns the server for its duration. Closing the pool closes every connection it opened.
 */
public final class ConnectionPool implements DataSource, AutoCloseable {
    private final DataSource source;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final List<Connection> opened = new ArrayList<>();
    private volatile boolean closed;

    public ConnectionPool(DataSource source) {
        this.source = source;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("the benchmark's connection pool is closed");
        }
        Connection c = idle.pollFirst();
        while (c != null && c.isClosed()) {
            c = idle.pollFirst();
        }
        if (c == null) {
            c = source.getConnection();
            synchronized (opened) {
                opened.add(c);
            }
        }
        return lease(c);
    }

    private Connection lease(Connection physical) {
        InvocationHandler handler = new InvocationHandler() {
            private boolean returned;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                switch (method.getName()) {
                    case "close" -> {
                        if (!returned) {
                            returned = true;
                            giveBack(physical);
                        }
                        return null;
                    }
                    case "isClosed" -> {
                        return returned || physical.isClosed();
                    }
                    default -> {
                        if (returned) {
                            throw new SQLException("connection already handed back to the pool");
                        }
                        try {
                            return method.invoke(physical, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private void giveBack(Connection physical) throws SQLException {
        if (physical.isClosed()) {
            return;
        }
        if (!physical.getAutoCommit()) {
            // whoever used it left a transaction open: end it, so the next user starts clean
            physical.rollback();
            physical.setAutoCommit(true);
        }
        if (closed) {
            physical.close();
        } else {
            idle.offerFirst(physical);
        }
    }

    /** How many connections were opened. */
    public int opened() {
        synchronized (opened) {
            return opened.size();
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (opened) {
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // the server may be gone already; nothing to do
                }
            }
            opened.clear();
        }
        idle.clear();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool connects as its target says");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
