package io.querygov.core;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tracks real statements against PostgreSQL and checks what the tracker recorded. */
class TrackerPostgresTest {

    // Declared as every PostgresExtension test declares its schema: the extension's builder is the shared part.
    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(
            "CREATE TABLE jobs (id int PRIMARY KEY, status text NOT NULL)",
            "INSERT INTO jobs SELECT g, CASE WHEN g % 4 = 0 THEN 'failed' ELSE 'completed' END FROM generate_series(1, 200) g");

    private static final QueryDescriptor FAILED_JOBS = QueryDescriptor.builder("failed_jobs", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT id FROM jobs WHERE status = ?").build();
    private static final QueryDescriptor RETRY_JOBS = QueryDescriptor.builder("retry_jobs", QueryType.RAW_SQL_BULK)
            .sql("UPDATE jobs SET status = 'pending' WHERE status = ?").build();
    private static final QueryDescriptor BROKEN = QueryDescriptor.builder("broken", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT * FROM no_such_table").build();

    private final List<QueryExecution> recorded = new CopyOnWriteArrayList<>();
    private QueryTracker tracker;

    @BeforeEach
    void tracker() {
        tracker = QueryTracker.create(new QueryListener() {
            @Override
            public void afterExecution(QueryExecution execution) {
                recorded.add(execution);
            }
        });
    }

    @Test
    void recordsRowsReadAndRowsChanged() throws SQLException {
        try (Connection c = pg.openConnection()) {
            c.setAutoCommit(false);
            List<Integer> failed = tracker.track(FAILED_JOBS, () -> ids(c, FAILED_JOBS, "failed"));
            int changed = tracker.track(RETRY_JOBS, () -> update(c, RETRY_JOBS, "failed"), RowCounter.UPDATE_COUNT);
            c.rollback();

            assertEquals(50, failed.size());
            assertEquals(50, changed);
        }
        assertEquals(List.of("failed_jobs", "retry_jobs"), recorded.stream().map(QueryExecution::name).toList());
        assertEquals(List.of(50L, 50L), recorded.stream().map(QueryExecution::rows).toList());
        assertTrue(recorded.stream().allMatch(e -> e.outcome() == Outcome.SUCCESS && e.durationNanos() > 0));
        assertEquals(QueryType.RAW_SQL_BULK, recorded.get(1).type());
    }

    @Test
    void theServersErrorReachesTheCallerAndIsRecorded() throws SQLException {
        try (Connection c = pg.openConnection()) {
            SQLException[] thrownInside = new SQLException[1];
            SQLException thrown = assertThrows(SQLException.class, () -> tracker.track(BROKEN, () -> {
                try (PreparedStatement ps = c.prepareStatement(BROKEN.statement().orElseThrow())) {
                    return ps.executeQuery();
                } catch (SQLException e) {
                    thrownInside[0] = e;
                    throw e;
                }
            }));
            assertSame(thrownInside[0], thrown);
            assertEquals("42P01", thrown.getSQLState());
            // the connection is still usable: the failure was the statement's, nothing else broke
            assertEquals(1, tracker.track(FAILED_JOBS, () -> ids(c, FAILED_JOBS, "nobody").size() + 1, RowCounter.UPDATE_COUNT));
        }
        QueryExecution error = recorded.get(0);
        assertEquals(Outcome.ERROR, error.outcome());
        assertEquals("org.postgresql.util.PSQLException", error.errorClass());
        assertEquals(QueryExecution.UNKNOWN_ROWS, error.rows());
        assertFalse(recorded.get(1).isError());
    }

    @Test
    void concurrentExecutionsAreEachRecordedOnce() throws Exception {
        int threads = 4;
        int perThread = 25;
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Connection c = pg.dataSource().getConnection()) {
                    for (int i = 0; i < perThread; i++) {
                        tracker.track(FAILED_JOBS, () -> ids(c, FAILED_JOBS, "completed"));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(threads * perThread, recorded.size());
        assertTrue(recorded.stream().allMatch(e -> e.rows() == 150));
    }

    private static List<Integer> ids(Connection c, QueryDescriptor q, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(q.statement().orElseThrow())) {
            ps.setString(1, status);
            try (ResultSet rs = ps.executeQuery()) {
                List<Integer> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
                return ids;
            }
        }
    }

    private static int update(Connection c, QueryDescriptor q, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(q.statement().orElseThrow())) {
            ps.setString(1, status);
            return ps.executeUpdate();
        }
    }
}
