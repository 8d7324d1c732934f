package io.querygov.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a tracked connection reports to its recorder, statement by statement, on a real server. */
class TrackedConnectionTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(
            "CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL)",
            "INSERT INTO item SELECT g, 'item ' || g FROM generate_series(1, 10) g");

    /** Keeps every start and end, in order, as text. */
    static final class Log implements StatementRecorder<String> {
        final List<String> events = new ArrayList<>();
        int started;
        boolean skip;

        @Override
        public String start(Connection connection, String sql) {
            if (skip) {
                return null;
            }
            String id = "#" + (++started);
            events.add(id + " start " + sql);
            return id;
        }

        @Override
        public void succeeded(String execution, long rows) {
            events.add(execution + " ok " + rows);
        }

        @Override
        public void failed(String execution, Throwable error) {
            events.add(execution + " failed " + error.getClass().getSimpleName());
        }
    }

    private final Log log = new Log();

    @BeforeEach
    void clear() {
        log.events.clear();
    }

    private Connection open() throws SQLException {
        return log.track(pg.openConnection());
    }

    @Test
    void aQueryEndsWhenItsRowsAreReadToTheEndWithTheirCount() throws SQLException {
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement("SELECT id FROM item WHERE id <= ?")) {
            ps.setInt(1, 4);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertEquals(List.of("#1 start SELECT id FROM item WHERE id <= ?"), log.events);
                }
                assertEquals(List.of("#1 start SELECT id FROM item WHERE id <= ?", "#1 ok 4"), log.events);
                assertSame(ps, rs.getStatement());
                assertSame(c, ps.getConnection());
            }
        }
        assertEquals(2, log.events.size(), "closing after the end records nothing more: " + log.events);
    }

    @Test
    void aQueryClosedEarlyCountsTheRowsRead() throws SQLException {
        try (Connection c = open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM item ORDER BY id")) {
            assertTrue(rs.next());
            assertTrue(rs.next());
        }
        assertEquals(List.of("#1 start SELECT id FROM item ORDER BY id", "#1 ok 2"), log.events);
    }

    @Test
    void executingAgainEndsTheExecutionWhoseResultsWereStillOpen() throws SQLException {
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement("SELECT id FROM item WHERE id <= ?")) {
            ps.setInt(1, 3);
            ResultSet first = ps.executeQuery();
            assertTrue(first.next());
            ps.setInt(1, 5);
            try (ResultSet second = ps.executeQuery()) {
                while (second.next()) {
                    // read them all
                }
            }
            // the driver closed the first result set; reading it cannot count towards the second
            assertThrows(SQLException.class, first::next);
        }
        assertEquals(List.of("#1 start SELECT id FROM item WHERE id <= ?", "#1 ok 1",
                "#2 start SELECT id FROM item WHERE id <= ?", "#2 ok 5"), log.events);
    }

    @Test
    void updatesBatchesAndExecuteReportTheirCounts() throws SQLException {
        try (Connection c = open()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                assertEquals(3, s.executeUpdate("UPDATE item SET name = name WHERE id <= 3"));
                assertFalse(s.execute("DELETE FROM item WHERE id = 10"));
                assertTrue(s.execute("SELECT 1 UNION ALL SELECT 2"));
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        // two rows
                    }
                }
                s.addBatch("UPDATE item SET name = name WHERE id = 1");
                s.addBatch("UPDATE item SET name = name WHERE id <= 2");
                s.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE item SET name = ? WHERE id = ?")) {
                for (int id = 1; id <= 4; id++) {
                    ps.setString(1, "renamed");
                    ps.setInt(2, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.rollback();
        }
        assertEquals(List.of(
                "#1 start UPDATE item SET name = name WHERE id <= 3", "#1 ok 3",
                "#2 start DELETE FROM item WHERE id = 10", "#2 ok 1",
                "#3 start SELECT 1 UNION ALL SELECT 2", "#3 ok 2",
                "#4 start UPDATE item SET name = name WHERE id = 1", "#4 ok 3",
                "#5 start UPDATE item SET name = ? WHERE id = ?", "#5 ok 4"), log.events);
    }

    @Test
    void aFailingStatementIsRecordedAsFailedAndItsExceptionReachesTheCaller() throws SQLException {
        try (Connection c = open(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM no_such_table"));
            assertEquals("42P01", e.getSQLState());
        }
        assertEquals(List.of("#1 start SELECT * FROM no_such_table", "#1 failed PSQLException"), log.events);
    }

    @Test
    void aStatementTheRecorderDeclinesRunsUntrackedAndUnwrapsToTheDriver() throws SQLException {
        log.skip = true;
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM item");
             ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(10, rs.getInt(1));
            assertTrue(c.isWrapperFor(org.postgresql.PGConnection.class));
            Connection driver = StatementRecorder.untracked(c);
            assertTrue(driver instanceof org.postgresql.PGConnection, "untracked gives the driver's connection: " + driver);
        } finally {
            log.skip = false;
        }
        assertEquals(List.of(), log.events);
    }

    @Test
    void trackingATrackedConnectionRecordsEachStatementOnceWithTheRecorderAskedLast() throws SQLException {
        Log inner = new Log();
        try (Connection c = log.track(inner.track(pg.openConnection()));
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM item");
             ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(10, rs.getInt(1));
            assertTrue(StatementRecorder.untracked(c) instanceof org.postgresql.PGConnection,
                    "one wrapper over the driver's connection, not two: " + StatementRecorder.untracked(c));
        }
        assertEquals(List.of("#1 start SELECT count(*) FROM item", "#1 ok 1"), log.events);
        assertEquals(List.of(), inner.events);
    }
}
