package io.querygov.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that forwards every call to another: the base of DataSource wrappers that observe the connections
 * they hand out (a tracked DataSource, connection-wait timing, the result cache's invalidation, replica routing).
 * A wrapper that only wraps each connection overrides {@link #wrap(Connection)}; one that changes how a connection
 * is obtained overrides {@code getConnection} itself.
 *
 * <p>{@link #unwrap} and {@link #isWrapperFor} answer for the wrapper itself, then for what it wraps, so a pool's own
 * API (HikariCP's MXBean, its metrics) stays within reach. {@code createConnectionBuilder} is left to the interface's
 * default, which refuses it: a connection built that way would bypass what the wrapper observes.
 */
public abstract class ForwardingDataSource implements DataSource {
    /** The DataSource every call is forwarded to. */
    protected final DataSource delegate;

    protected ForwardingDataSource(DataSource delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(delegate.getConnection(username, password));
    }

    /** What {@code getConnection} hands out for a connection of the wrapped DataSource: here, that connection. */
    protected Connection wrap(Connection connection) throws SQLException {
        return connection;
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return type.isInstance(delegate) ? type.cast(delegate) : delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || type.isInstance(delegate) || delegate.isWrapperFor(type);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }
}
