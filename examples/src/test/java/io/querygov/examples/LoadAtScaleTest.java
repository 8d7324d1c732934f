package io.querygov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.querygov.examples.reports.OrmReports;
import io.querygov.testing.PostgresExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the example data at a scale given on the command line and logs how long loading and the reports took, e.g.
 * {@code mvn -pl examples -am test -Dtest=LoadAtScaleTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dquerygov.examples.scale=1}. Skipped otherwise: the normal build stays at scale 0.01. Times are reported, never
 * asserted; for numbers to rely on, use the benchmarks.
 */
@EnabledIfSystemProperty(named = LoadAtScaleTest.SCALE_PROPERTY, matches = ".+")
class LoadAtScaleTest {

    static final String SCALE_PROPERTY = "querygov.examples.scale";

    private static final Logger LOG = LoggerFactory.getLogger(LoadAtScaleTest.class);
    private static final int RUNS = 5;

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withInitializer(Schema::apply);

    private static ExampleData data;

    @BeforeAll
    static void load() throws SQLException {
        data = ExampleData.ofScale(Double.parseDouble(System.getProperty(SCALE_PROPERTY)));
        LoadResult result = data.load(pg.dataSource());
        LOG.info("{}: load {} ms, analyze {} ms", data, result.loadTime().toMillis(),
                result.analyzeTime().toMillis());
    }

    @Test
    void loadsEveryRow() throws SQLException {
        try (Connection connection = pg.openConnection()) {
            assertEquals(data.rowCounts().byTable(), Db.rowCounts(connection));
            LOG.info("jobs of the busiest project: {}, of the busiest 1% of projects: {}",
                    Db.number(connection, "SELECT max(n) FROM (SELECT count(*) n FROM reconciliation_jobs "
                            + "GROUP BY project_id) c"),
                    Db.number(connection, "SELECT sum(n) FROM (SELECT count(*) n FROM reconciliation_jobs "
                            + "GROUP BY project_id ORDER BY n DESC LIMIT (SELECT count(*) / 100 FROM projects)) c"));
            LOG.info("status counts: {}", Db.strings(connection,
                    "SELECT status || '=' || count(*) FROM reconciliation_jobs GROUP BY status ORDER BY status"));
            LOG.info("completed duration ms p50/p95/max: {}", Db.strings(connection,
                    "SELECT concat_ws('/', percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms), "
                            + "percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms), max(duration_ms)) "
                            + "FROM reconciliation_jobs WHERE status = 'completed'"));
            LOG.info("table sizes: {}", Db.strings(connection,
                    "SELECT string_agg(relname || '=' || pg_size_pretty(pg_total_relation_size(oid)), ', ') "
                            + "FROM pg_class WHERE relname IN ('users','projects','workflows','visualizations',"
                            + "'reconciliation_jobs')"));
        }
    }

    /** A rough look at SQL against the ORM loop and HQL, for the busiest project and its owner: medians of 5 runs. */
    @Test
    void timesTheReports() throws Exception {
        UUID project;
        UUID owner;
        try (Connection connection = pg.openConnection()) {
            project = UUID.fromString(Db.strings(connection, "SELECT project_id FROM reconciliation_jobs "
                    + "GROUP BY project_id ORDER BY count(*) DESC LIMIT 1").get(0));
            owner = UUID.fromString(Db.strings(connection,
                    "SELECT owner_id FROM projects WHERE id = '" + project + "'").get(0));
        }
        Instant since = Instant.parse("2024-01-01T00:00:00Z");
        Instant archiveBefore = Instant.parse("2023-04-01T00:00:00Z");
        try (SessionFactory sessions = ExampleDatabase.sessionFactory(pg.dataSource());
             Connection connection = pg.openConnection()) {
            RawReports raw = new RawReports(connection);
            compare("project_analytics",
                    () -> raw.projectAnalytics(project, since, 1),
                    () -> orm(sessions, r -> r.projectAnalytics(project, since, 1)),
                    () -> orm(sessions, r -> r.projectAnalyticsHql(project, since, 1)));
            compare("monthly_report",
                    () -> raw.monthlyReport(owner, since),
                    () -> orm(sessions, r -> r.monthlyReport(owner, since)),
                    null);
            compare("project_with_stats",
                    () -> raw.projectWithStats(owner, since),
                    () -> orm(sessions, r -> r.projectWithStats(owner, since)),
                    () -> orm(sessions, r -> r.projectWithStatsHql(owner, since)));
            connection.setAutoCommit(false);
            long archived = time(() -> {
                long n = raw.archiveOldJobs(archiveBefore);
                connection.rollback();
                return n;
            });
            long perRow = time(() -> inRolledBackTransaction(sessions, r -> r.archiveOldJobs(archiveBefore)));
            long bulkHql = time(() -> inRolledBackTransaction(sessions, r -> r.archiveOldJobsHql(archiveBefore)));
            LOG.info("archive_old_jobs (one run each, rolled back): SQL {} ms, ORM per row {} ms, HQL update {} ms",
                    archived, perRow, bulkHql);
            connection.setAutoCommit(true);
        }
    }

    // OrmReportsTest checks that the variants agree; this only times them
    private static void compare(String name, Work sql, Work loop, Work hql) throws Exception {
        LOG.info("{}: SQL {} ms, ORM loop {} ms, HQL {}", name, median(sql), median(loop),
                hql == null ? "-" : median(hql) + " ms");
    }

    private static long median(Work work) throws Exception {
        work.run(); // warm up: class loading, plan and statement caches
        long[] millis = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            millis[i] = time(work);
        }
        Arrays.sort(millis);
        return millis[RUNS / 2];
    }

    private static long time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static <T> T orm(SessionFactory sessions, Function<OrmReports, T> report) {
        try (Session session = sessions.openSession()) {
            return report.apply(new OrmReports(session));
        }
    }

    private static long inRolledBackTransaction(SessionFactory sessions,
                                                ToLongFunction<OrmReports> report) {
        try (Session session = sessions.openSession()) {
            session.beginTransaction();
            try {
                return report.applyAsLong(new OrmReports(session));
            } finally {
                session.getTransaction().rollback();
            }
        }
    }

    @FunctionalInterface
    private interface Work {
        Object run() throws Exception;
    }
}
