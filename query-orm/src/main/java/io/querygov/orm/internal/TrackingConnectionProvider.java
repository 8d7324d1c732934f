package io.querygov.orm.internal;

import io.querygov.jdbc.StatementRecorder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.jdbc.connections.spi.DatabaseConnectionInfo;
import org.hibernate.engine.jdbc.env.spi.ExtractedDatabaseMetaData;
import org.hibernate.service.spi.Configurable;
import org.hibernate.service.spi.ServiceRegistryAwareService;
import org.hibernate.service.spi.ServiceRegistryImplementor;
import org.hibernate.service.spi.Startable;
import org.hibernate.service.spi.Stoppable;

/**
 * The connection provider Hibernate would have used (a DataSource, HikariCP, its own pool), with
 * each connection it hands out wrapped for tracking (query-jdbc's tracked connection, with a recorder
 * that names statements after the call in progress). Each lease is one unit of work for N+1.
 * Forwards the service lifecycle (configure, start, stop) the registry would have called on it.
 */
final class TrackingConnectionProvider
        implements ConnectionProvider, Configurable, Startable, Stoppable, ServiceRegistryAwareService {
    /** Hibernate's service types are Serializable; a tracking service is never serialized. */
    private static final long serialVersionUID = 1L;

    private final ConnectionProvider delegate;
    private final TrackingRuntime runtime;

    TrackingConnectionProvider(ConnectionProvider delegate, TrackingRuntime runtime) {
        this.delegate = delegate;
        this.runtime = runtime;
    }

    // Each of Hibernate's ways of leasing a connection wraps what the wrapped provider returns, as every JDBC wrapper's
    // overloads do (query-jdbc's ForwardingDataSource, TrackedJdbc's createStatement): one override per SPI method.
    @Override
    public Connection getConnection() throws SQLException {
        return track(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return track(delegate.getConnection(user, password));
    }

    @Override
    public Connection getReadOnlyConnection() throws SQLException {
        return track(delegate.getReadOnlyConnection());
    }

    private Connection track(Connection connection) {
        return new LeaseRecorder(runtime, runtime.newUnitOfWork()).track(connection);
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        release(connection, delegate::closeConnection);
    }

    @Override
    public void closeReadOnlyConnection(Connection connection) throws SQLException {
        release(connection, delegate::closeReadOnlyConnection);
    }

    /** Hands the driver's connection behind {@code connection} back to {@code close}, and ends its lease. */
    private void release(Connection connection, ConnectionCloser close) throws SQLException {
        Connection physical = StatementRecorder.untracked(connection);
        try {
            close.close(physical);
        } finally {
            runtime.released(physical);
        }
    }

    /** One of the wrapped provider's ways of taking a connection back. */
    @FunctionalInterface
    private interface ConnectionCloser {
        void close(Connection connection) throws SQLException;
    }

    /**
     * Records the statements of one lease of a connection, which is one unit of work for N+1. Ends its executions as
     * TrackedDataSource's recorder ends the tracker's, on purpose: an {@link Execution} also ends the unit of work's
     * statement, so the two recorders share the shape and not a type.
     */
    private record LeaseRecorder(TrackingRuntime runtime, UnitOfWork unit) implements StatementRecorder<Execution> {
        @Override
        public Execution start(Connection connection, String sql) throws SQLException {
            return runtime.begin(unit, connection, connection.getAutoCommit(), sql);
        }

        @Override
        public void succeeded(Execution execution, long rows) {
            execution.succeeded(rows);
        }

        @Override
        public void failed(Execution execution, Throwable error) {
            execution.failed(error);
        }
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return delegate.supportsAggressiveRelease();
    }

    @Override
    public boolean handlesConnectionSchema() {
        return delegate.handlesConnectionSchema();
    }

    @Override
    public boolean handlesConnectionReadOnly() {
        return delegate.handlesConnectionReadOnly();
    }

    @Override
    public DatabaseConnectionInfo getDatabaseConnectionInfo(Dialect dialect) {
        return delegate.getDatabaseConnectionInfo(dialect);
    }

    @Override
    public DatabaseConnectionInfo getDatabaseConnectionInfo(Dialect dialect, ExtractedDatabaseMetaData metaData) {
        return delegate.getDatabaseConnectionInfo(dialect, metaData);
    }

    @Override
    public boolean isUnwrappableAs(Class<?> unwrapType) {
        return unwrapType.isInstance(this) || delegate.isUnwrappableAs(unwrapType);
    }

    @Override
    public <T> T unwrap(Class<T> unwrapType) {
        return unwrapType.isInstance(this) ? unwrapType.cast(this) : delegate.unwrap(unwrapType);
    }

    @Override
    public void injectServices(ServiceRegistryImplementor serviceRegistry) {
        if (delegate instanceof ServiceRegistryAwareService aware) {
            aware.injectServices(serviceRegistry);
        }
    }

    @Override
    public void configure(Map<String, Object> configurationValues) {
        if (delegate instanceof Configurable configurable) {
            configurable.configure(configurationValues);
        }
    }

    @Override
    public void start() {
        if (delegate instanceof Startable startable) {
            startable.start();
        }
    }

    @Override
    public void stop() {
        if (delegate instanceof Stoppable stoppable) {
            stoppable.stop();
        }
    }

    @Override
    public String toString() {
        return "tracked " + delegate;
    }
}
