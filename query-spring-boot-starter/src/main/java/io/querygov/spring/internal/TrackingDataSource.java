package io.querygov.spring.internal;

import io.querygov.core.ActiveExecution;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryTracker;
import io.querygov.jdbc.StatementRecorder;
import io.querygov.jdbc.TrackedDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A DataSource bean whose connections record every statement with the tracker, named as query-jdbc's
 * {@link TrackedDataSource} names them. A {@link DelegatingDataSource} rather than a TrackedDataSource, so that Boot's
 * {@code DataSourceUnwrapper} (pool metrics, health) still reaches the pool.
 *
 * <p>Never twice: Hibernate's tracking wraps the connections it draws from here again, and query-jdbc then keeps
 * only Hibernate's recorder; a statement Jdbi's plugin records is claimed through {@link JdbiStatementClaims}.
 */
public final class TrackingDataSource extends DelegatingDataSource {
    private final Recorder recorder;

    public TrackingDataSource(DataSource target, QueryTracker tracker, QueryCatalog catalog, JdbiStatementClaims claims) {
        super(target);
        this.recorder = new Recorder(TrackedDataSource.recorder(tracker, catalog), claims);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return recorder.track(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return recorder.track(super.getConnection(username, password));
    }

    @Override
    public String toString() {
        return "tracked " + getTargetDataSource();
    }

    /** query-jdbc's recorder, except for the statements Jdbi records itself. */
    private record Recorder(StatementRecorder<ActiveExecution> named, JdbiStatementClaims claims)
            implements StatementRecorder<ActiveExecution> {

        @Override
        public ActiveExecution start(Connection connection, String sql) throws SQLException {
            return claims.take() ? null : named.start(connection, sql);
        }

        @Override
        public void succeeded(ActiveExecution execution, long rows) {
            named.succeeded(execution, rows);
        }

        @Override
        public void failed(ActiveExecution execution, Throwable error) {
            named.failed(execution, error);
        }
    }
}
