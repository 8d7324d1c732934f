package io.querygov.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryExecution;
import io.querygov.core.QueryListener;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What plain JDBC on a tracked DataSource records, and under which names, on a real server. */
class TrackedDataSourceTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(
            "CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL)",
            "INSERT INTO item SELECT g, 'item ' || g FROM generate_series(1, 10) g");

    static final QueryDescriptor ITEM_BY_ID = QueryDescriptor.builder("item_by_id", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT name FROM item WHERE id = :id").build();

    /** Every execution, as "name type rows" or "name type failed". */
    static final class Executions implements QueryListener {
        final List<String> seen = new ArrayList<>();

        @Override
        public synchronized void afterExecution(QueryExecution e) {
            seen.add(e.query().name() + " " + e.query().type() + " " + (e.isError() ? "failed" : e.rows() + " rows"));
        }
    }

    private final Executions executions = new Executions();
    private final QueryTracker tracker = QueryTracker.create(executions);

    @Test
    void aStatementWithACatalogQuerysShapeIsRecordedUnderItsNameWhateverItsPlaceholders() throws SQLException {
        DataSource ds = TrackedDataSource.wrap(pg.dataSource(), tracker, QueryCatalog.of(ITEM_BY_ID));
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT name FROM item WHERE id = ?")) {
            ps.setInt(1, 3);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("item 3", rs.getString(1));
            }
        }
        assertEquals(List.of("item_by_id RAW_SQL_ANALYTICS 1 rows"), executions.seen);
    }

    @Test
    void otherStatementsAreAdhocTypedByWhatTheyDo() throws SQLException {
        DataSource ds = TrackedDataSource.wrap(pg.dataSource(), tracker);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try (ResultSet rs = s.executeQuery("SELECT id FROM item WHERE id <= 4")) {
                while (rs.next()) {
                    // read to the end: the execution ends with its row count
                }
            }
            assertEquals(10, s.executeUpdate("UPDATE item SET name = name"));
            c.rollback();
        }
        assertEquals(2, executions.seen.size(), executions.seen::toString);
        assertTrue(executions.seen.get(0).matches("adhoc:\\S+ RAW_SQL_ANALYTICS 4 rows"), executions.seen::toString);
        assertTrue(executions.seen.get(1).matches("adhoc:\\S+ RAW_SQL_BULK 10 rows"), executions.seen::toString);
    }

    @Test
    void aFailureIsRecordedAndReachesTheCallerUnchanged() throws SQLException {
        DataSource ds = TrackedDataSource.wrap(pg.dataSource(), tracker);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM no_such_table"));
            assertEquals("42P01", e.getSQLState());
        }
        assertEquals(1, executions.seen.size(), executions.seen::toString);
        assertTrue(executions.seen.get(0).endsWith(" failed"), executions.seen::toString);
    }

    @Test
    void unwrapReachesTheWrappedDataSourceAndItsConnectionsTheDriversOnes() throws SQLException {
        DataSource target = pg.dataSource();
        TrackedDataSource ds = TrackedDataSource.wrap(target, tracker);
        assertSame(target, ds.target());
        assertSame(target, ds.unwrap(target.getClass()));
        assertSame(ds, ds.unwrap(TrackedDataSource.class));
        assertTrue(ds.isWrapperFor(target.getClass()));
        try (Connection c = ds.getConnection()) {
            Connection driver = StatementRecorder.untracked(c);
            assertTrue(driver != c, "a tracked connection wraps the driver's");
            assertTrue(c.isWrapperFor(org.postgresql.PGConnection.class));
        }
    }
}
