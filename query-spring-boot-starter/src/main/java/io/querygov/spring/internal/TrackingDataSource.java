package io.querygov.spring.internal;

import io.querygov.core.ActiveExecution;
import io.querygov.core.QueryTracker;
import io.querygov.jdbc.StatementRecorder;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A DataSource bean whose connections record every statement with the tracker. A {@link DelegatingDataSource}, so
 * that Boot's {@code DataSourceUnwrapper} (pool metrics, health) and {@code unwrap} still reach the pool.
 *
 * <p>Never twice: Hibernate's tracking wraps the connections it draws from here again, and query-jdbc then keeps
 * only Hibernate's recorder; a statement Jdbi's plugin records is claimed through {@link JdbiStatementClaims}.
 */
public final class TrackingDataSource extends DelegatingDataSource {
    private final Recorder recorder;

    public TrackingDataSource(DataSource target, QueryTracker tracker, StatementNames names, JdbiStatementClaims claims) {
        super(target);
        this.recorder = new Recorder(tracker, names, claims);
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

    private record Recorder(QueryTracker tracker, StatementNames names, JdbiStatementClaims claims)
            implements StatementRecorder<ActiveExecution> {

        @Override
        public ActiveExecution start(Connection connection, String sql) {
            return claims.take() ? null : tracker.start(names.descriptor(sql));
        }

        @Override
        public void succeeded(ActiveExecution execution, long rows) {
            execution.succeeded(rows);
        }

        @Override
        public void failed(ActiveExecution execution, Throwable error) {
            execution.failed(error);
        }
    }
}
