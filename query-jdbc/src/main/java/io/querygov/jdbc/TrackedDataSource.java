package io.querygov.jdbc;

import io.querygov.core.ActiveExecution;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryTracker;
import io.querygov.jdbc.internal.StatementNames;
import java.sql.Connection;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A DataSource whose connections record every statement with a {@link QueryTracker}: what plain JDBC, Spring's
 * {@code JdbcTemplate}, jOOQ or MyBatis run on it is tracked without changing a call.
 *
 * <pre>{@code
 * DataSource tracked = TrackedDataSource.wrap(pool, tracker, catalog);
 * }</pre>
 *
 * <p>A statement is recorded under the catalog's query whose SQL is its text, or whose fingerprint is its own (so
 * {@code :project_id} in a .sql file matches the {@code ?} a JdbcTemplate sends), and otherwise as
 * {@code adhoc:<fingerprint>}, typed by what it does: a read is RAW_SQL_ANALYTICS, anything else RAW_SQL_BULK. No
 * statement is recorded twice: Hibernate's tracking, given a connection from here, replaces this recorder with its
 * own (see {@link StatementRecorder#track}).
 *
 * <p>{@link #unwrap} and {@link #isWrapperFor} reach the wrapped DataSource, so a pool's own API (HikariCP's
 * metrics, its MXBean) stays within reach. Thread-safe, as the wrapped DataSource is.
 */
public final class TrackedDataSource extends ForwardingDataSource {
    private final StatementRecorder<?> recorder;

    private TrackedDataSource(DataSource target, StatementRecorder<?> recorder) {
        super(Objects.requireNonNull(target, "target"));
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    /** {@code target} with every statement recorded by {@code tracker} under the names {@code catalog} gives them. */
    public static TrackedDataSource wrap(DataSource target, QueryTracker tracker, QueryCatalog catalog) {
        return new TrackedDataSource(target, recorder(tracker, catalog));
    }

    /** {@code target} with every statement recorded as {@code adhoc:<fingerprint>}: no catalog names them. */
    public static TrackedDataSource wrap(DataSource target, QueryTracker tracker) {
        return wrap(target, tracker, QueryCatalog.empty());
    }

    /** {@code target} with every statement handed to {@code recorder}, for an integration that names them itself. */
    public static TrackedDataSource wrap(DataSource target, StatementRecorder<?> recorder) {
        return new TrackedDataSource(target, recorder);
    }

    /**
     * The recorder {@link #wrap(DataSource, QueryTracker, QueryCatalog)} uses, for a DataSource that must be of
     * another class (Spring's {@code DelegatingDataSource}, say) or a recorder that leaves some statements to
     * others: return null from {@code start} for those.
     */
    public static StatementRecorder<ActiveExecution> recorder(QueryTracker tracker, QueryCatalog catalog) {
        return new CatalogRecorder(Objects.requireNonNull(tracker, "tracker"), new StatementNames(catalog));
    }

    /** The DataSource the connections come from. */
    public DataSource target() {
        return delegate;
    }

    @Override
    protected Connection wrap(Connection connection) {
        return recorder.track(connection);
    }

    @Override
    public String toString() {
        return "tracked " + delegate;
    }

    private record CatalogRecorder(QueryTracker tracker, StatementNames names) implements StatementRecorder<ActiveExecution> {
        @Override
        public ActiveExecution start(Connection connection, String sql) {
            return tracker.start(names.descriptor(sql));
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
