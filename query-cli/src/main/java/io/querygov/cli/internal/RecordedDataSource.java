package io.querygov.cli.internal;

import io.querygov.jdbc.StatementRecorder;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Connections of a data source with every statement they run shown to a recorder: counted, or remembered. */
final class RecordedDataSource implements DataSource {
    private final DataSource source;
    private final StatementRecorder<?> recorder;

    RecordedDataSource(DataSource source, StatementRecorder<?> recorder) {
        this.source = source;
        this.recorder = recorder;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return recorder.track(source.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return recorder.track(source.getConnection(user, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return source.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        source.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        source.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return source.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return source.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : source.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || source.isWrapperFor(iface);
    }
}
