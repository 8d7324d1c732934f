package io.querygov.cli.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source bound to a database after it was handed out: the examples' Hibernate model is built once, before
 * there is a target, for the catalog; its queries run once the target's pool is bound.
 */
final class LateDataSource implements DataSource {
    private volatile DataSource delegate;

    void bind(DataSource dataSource) {
        this.delegate = dataSource;
    }

    private DataSource delegate() throws SQLException {
        DataSource d = delegate;
        if (d == null) {
            throw new SQLException("querytool: no database is bound to the examples' model yet");
        }
        return d;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return delegate().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return delegate().getConnection(username, password);
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
        return delegate().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate().isWrapperFor(iface);
    }
}
