package io.querygov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.querygov.examples.reports.MonthlyJobs;
import io.querygov.examples.reports.OrmReports;
import io.querygov.examples.reports.ProjectAnalytics;
import io.querygov.examples.reports.ProjectWithStats;
import io.querygov.testing.PostgresExtension;

import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each ORM report, loop and HQL, returns the rows of its SQL file, at scale 0.01. */
class OrmReportsTest {

    @RegisterExtension
    static PostgresExtension pg = ExamplePostgres.withData(0.01);

    private static final List<Instant> SINCE = List.of(Instant.parse("2023-06-01T00:00:00Z"),
            Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-12-31T12:00:00Z"));

    private static SessionFactory sessions;
    private static List<UUID> users;
    private static List<UUID> projects;

    @BeforeAll
    static void setUp() throws SQLException {
        sessions = ExampleDatabase.sessionFactory(pg.dataSource());
        try (Connection connection = pg.openConnection()) {
            users = Db.strings(connection, "SELECT id FROM users ORDER BY id").stream().map(UUID::fromString).toList();
            projects = Db.strings(connection, "SELECT id FROM projects ORDER BY id").stream()
                    .map(UUID::fromString).toList();
        }
    }

    @AfterAll
    static void close() {
        sessions.close();
    }

    @Test
    void projectAnalyticsAgree() throws SQLException {
        long rows = compareForEach(projects, (raw, project, since) -> {
            long compared = 0;
            for (int minJobs : new int[] {1, 20}) {
                List<ProjectAnalytics> expected = raw.projectAnalytics(project, since, minJobs);
                String what = "project_analytics " + project + " " + since + " " + minJobs;
                assertRows(expected, orm(r -> r.projectAnalytics(project, since, minJobs)), what);
                assertRows(expected, orm(r -> r.projectAnalyticsHql(project, since, minJobs)), what + " HQL");
                compared += expected.size();
            }
            return compared;
        });
        assertTrue(rows > 200, "compared only " + rows + " rows");
        assertEquals(List.of(), orm(r -> r.projectAnalytics(UUID.randomUUID(), SINCE.get(0), 1)));
        assertEquals("minJobs must be at least 1, was 0: a project without completed jobs has no mean or p95 to report",
                assertThrows(IllegalArgumentException.class,
                        () -> orm(r -> r.projectAnalytics(projects.get(0), SINCE.get(0), 0))).getMessage());
    }

    @Test
    void monthlyReportsAgree() throws SQLException {
        long rows = compareForEach(users, (raw, user, since) -> {
            List<MonthlyJobs> expected = raw.monthlyReport(user, since);
            assertRows(expected, orm(r -> r.monthlyReport(user, since)), "monthly_report " + user + " " + since);
            return expected.size();
        });
        assertTrue(rows > 100, "compared only " + rows + " rows");
    }

    @Test
    void projectsWithStatsAgree() throws SQLException {
        long rows = compareForEach(users, (raw, user, since) -> {
            List<ProjectWithStats> expected = raw.projectWithStats(user, since);
            String what = "project_with_stats " + user + " " + since;
            assertRows(expected, orm(r -> r.projectWithStats(user, since)), what);
            assertRows(expected, orm(r -> r.projectWithStatsHql(user, since)), what + " HQL");
            return expected.size();
        });
        assertEquals(3 * 100, rows, "every project, for each date");
    }

    @Test
    void archivingAgrees() throws SQLException {
        for (Instant before : List.of(Instant.parse("2023-07-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"))) {
            String expected;
            long archived;
            try (Connection connection = pg.openConnection()) {
                connection.setAutoCommit(false);
                archived = new RawReports(connection).archiveOldJobs(before);
                expected = archivedIds(connection);
                connection.rollback();
            }
            assertTrue(archived > 100, "archived only " + archived);
            for (boolean hql : new boolean[] {false, true}) {
                try (Session session = sessions.openSession()) {
                    session.beginTransaction();
                    OrmReports reports = new OrmReports(session);
                    assertEquals(archived, hql ? reports.archiveOldJobsHql(before) : reports.archiveOldJobs(before));
                    assertEquals(expected, session.doReturningWork(OrmReportsTest::archivedIds), "HQL " + hql);
                    session.getTransaction().rollback();
                }
            }
        }
        try (Connection connection = pg.openConnection()) {
            assertEquals(0, Db.number(connection, "SELECT count(*) FROM reconciliation_jobs WHERE archived"));
        }
    }

    private static String archivedIds(Connection connection) throws SQLException {
        return Db.strings(connection, "SELECT md5(string_agg(id::text, ',' ORDER BY id)) FROM reconciliation_jobs "
                + "WHERE archived").get(0);
    }

    /** One report's comparison for an id and a date, on the raw reports of one connection: the rows it compared. */
    @FunctionalInterface
    private interface Comparison {
        long compare(RawReports raw, UUID id, Instant since) throws SQLException;
    }

    /** Runs {@code comparison} for each of {@code ids} with each of {@link #SINCE}; the rows compared in all. */
    private static long compareForEach(List<UUID> ids, Comparison comparison) throws SQLException {
        long rows = 0;
        try (Connection connection = pg.openConnection()) {
            RawReports raw = new RawReports(connection);
            for (UUID id : ids) {
                for (Instant since : SINCE) {
                    rows += comparison.compare(raw, id, since);
                }
            }
        }
        return rows;
    }

    /** Runs a report in a fresh session, as each real request would. */
    private static <T> T orm(Function<OrmReports, T> report) {
        try (Session session = sessions.openSession()) {
            return report.apply(new OrmReports(session));
        }
    }

    /** Equal rows in equal order; doubles within 1e-6 of each other, relatively. */
    private static void assertRows(List<? extends Record> expected, List<? extends Record> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": rows " + expected + " vs " + actual);
        for (int i = 0; i < expected.size(); i++) {
            Record e = expected.get(i);
            Record a = actual.get(i);
            assertEquals(e.getClass(), a.getClass(), what);
            for (RecordComponent component : e.getClass().getRecordComponents()) {
                Object ev = value(component, e);
                Object av = value(component, a);
                if (ev instanceof Double ed && av instanceof Double ad) {
                    if (Math.abs(ed - ad) > 1e-6 * Math.max(Math.abs(ed), Math.abs(ad))) {
                        fail(what + ", row " + i + ", " + component.getName() + ": " + ed + " vs " + ad);
                    }
                } else {
                    assertEquals(ev, av, what + ", row " + i + ", " + component.getName());
                }
            }
        }
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
