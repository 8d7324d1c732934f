package io.querygov.cli.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The smallest pool a benchmark needs: connections are opened on demand and handed back on {@code close()}. A
 * thread gets the connection it had last whenever it is free, so each benchmark thread keeps a connection of its
 * own, whose server-side prepared statements are in place, as in a service's pool, and threads never contend on
 * shared state on the measured path; a new thread takes any free connection first. Nothing is validated or timed
 * out: the benchmark owns the server for its duration. Closing the pool closes every connection it opened.
 */
public final class ConnectionPool implements DataSource, AutoCloseable {
    private final DataSource source;
    private final List<Lease> all = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Lease> last = new ThreadLocal<>();
    private volatile boolean closed;

    public ConnectionPool(DataSource source) {
        this.source = source;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("the benchmark's connection pool is closed");
        }
        Lease lease = last.get();
        if (lease == null || !lease.take()) {
            lease = null;
            for (Lease l : all) {
                if (l.take()) {
                    lease = l;
                    break;
                }
            }
            if (lease == null) {
                lease = new Lease(source.getConnection());
                lease.take();
                all.add(lease);
            }
            last.set(lease);
        }
        if (lease.physical.isClosed()) {
            // the server or the network closed it: replace it
            all.remove(lease);
            lease = new Lease(source.getConnection());
            lease.take();
            all.add(lease);
            last.set(lease);
        }
        return lease.proxy;
    }

    /**
     * One physical connection, whether it is handed out, and the proxy handed out for it, made once: its
     * {@code close()} hands the connection back instead of closing it.
     */
    private final class Lease implements InvocationHandler {
        final Connection physical;
        final Connection proxy;
        private final AtomicBoolean inUse = new AtomicBoolean();

        Lease(Connection physical) {
            this.physical = physical;
            this.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, this);
        }

        boolean take() {
            return !inUse.get() && inUse.compareAndSet(false, true);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (inUse.get()) {
                        giveBack();
                    }
                    return null;
                }
                case "isClosed" -> {
                    return !inUse.get() || physical.isClosed();
                }
                default -> {
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        }

        private void giveBack() throws SQLException {
            try {
                if (!physical.isClosed() && !physical.getAutoCommit()) {
                    // whoever used it left a transaction open: end it, so the next user starts clean
                    physical.rollback();
                    physical.setAutoCommit(true);
                }
            } finally {
                inUse.set(false);
            }
        }
    }

    /** How many connections were opened. */
    public int opened() {
        return all.size();
    }

    @Override
    public void close() {
        closed = true;
        for (Lease l : all) {
            try {
                l.physical.close();
            } catch (SQLException e) {
                // the server may be gone already; nothing to do
            }
        }
        all.clear();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool connects as its target says");
    }

    // What DataSource asks of every implementation, answered for the pool itself: query-jdbc's ForwardingDataSource
    // would hand it to the source, and its unwrap would let a caller around the pool.
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
