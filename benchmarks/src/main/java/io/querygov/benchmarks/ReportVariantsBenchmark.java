package io.querygov.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.querygov.examples.ExampleData;
import io.querygov.examples.ExampleDatabase;
import io.querygov.examples.Examples;
import io.querygov.examples.Schema;
import io.querygov.examples.reports.MonthlyJobs;
import io.querygov.examples.reports.OrmReports;
import io.querygov.examples.reports.ProjectAnalytics;
import io.querygov.examples.reports.ProjectWithStats;
import io.querygov.raw.jdbi.NamedQueries;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The examples' reports written three ways, on the examples' data at a given scale: the SQL file run by name through
 * Jdbi ({@code sql}), the ORM code that loads entities and aggregates in Java ({@code orm}), and one HQL query
 * ({@code hql}, where the report has one). The busiest project and its owner are asked for, so the ORM loops walk
 * the most rows. {@code archive_old_jobs} is the bulk write: one UPDATE, one UPDATE per entity, one HQL UPDATE, each
 * in a transaction that is rolled back, so every call archives the same jobs. Compare the variants of one report:
 * single timings on a shared machine mean little.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ReportVariantsBenchmark -p scale=0.1
 * java -jar benchmarks/target/benchmarks.jar ReportVariantsBenchmark -p scale=1 -p variant=project_analytics/sql,project_analytics/orm
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReportVariantsBenchmark {
    private static final Instant SINCE = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant ARCHIVE_BEFORE = Instant.parse("2023-04-01T00:00:00Z");

    @Param({"0.1"})
    public double scale;

    @Param({"project_analytics/sql", "project_analytics/orm", "project_analytics/hql",
        "monthly_report/sql", "monthly_report/orm",
        "project_with_stats/sql", "project_with_stats/orm", "project_with_stats/hql",
        "archive_old_jobs/sql", "archive_old_jobs/orm", "archive_old_jobs/hql"})
    public String variant;

    private EmbeddedPostgres postgres;
    private HikariDataSource pool;
    private SessionFactory sessions;
    private Jdbi jdbi;
    private NamedQueries sqlFiles;
    private UUID project;
    private UUID owner;
    private Function<ReportVariantsBenchmark, Object> report;

    @Setup(Level.Trial)
    public void start() throws IOException, SQLException {
        report = variant(variant);
        postgres = EmbeddedPostgres.builder().start();
        pool = ExampleDatabase.pool(postgres.getJdbcUrl("postgres", "postgres"));
        Schema.apply(pool);
        ExampleData.ofScale(scale).load(pool);
        jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
        sqlFiles = NamedQueries.create(jdbi, Examples.sqlCatalog());
        project = jdbi.withHandle(h -> h.createQuery("SELECT project_id FROM reconciliation_jobs GROUP BY project_id"
                + " ORDER BY count(*) DESC LIMIT 1").mapTo(UUID.class).one());
        owner = jdbi.withHandle(h -> h.createQuery("SELECT owner_id FROM projects WHERE id = :id")
                .bind("id", project).mapTo(UUID.class).one());
        sessions = ExampleDatabase.sessionFactory(pool);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        if (sessions != null) {
            sessions.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Benchmark
    public Object report() {
        return report.apply(this);
    }

    private static Function<ReportVariantsBenchmark, Object> variant(String name) {
        return switch (name) {
            case "project_analytics/sql" -> b -> b.sqlFiles.list("project_analytics",
                    Map.of("project_id", b.project, "since", utc(SINCE), "min_jobs", 1), ProjectAnalytics.class);
            case "project_analytics/orm" -> b -> b.orm(r -> r.projectAnalytics(b.project, SINCE, 1));
            case "project_analytics/hql" -> b -> b.orm(r -> r.projectAnalyticsHql(b.project, SINCE, 1));
            case "monthly_report/sql" -> b -> b.sqlFiles.list("monthly_report",
                    Map.of("owner_id", b.owner, "since", utc(SINCE)), MonthlyJobs.class);
            case "monthly_report/orm" -> b -> b.orm(r -> r.monthlyReport(b.owner, SINCE));
            case "project_with_stats/sql" -> b -> b.sqlFiles.list("project_with_stats",
                    Map.of("owner_id", b.owner, "since", utc(SINCE)), ProjectWithStats.class);
            case "project_with_stats/orm" -> b -> b.orm(r -> r.projectWithStats(b.owner, SINCE));
            case "project_with_stats/hql" -> b -> b.orm(r -> r.projectWithStatsHql(b.owner, SINCE));
            case "archive_old_jobs/sql" -> b -> b.jdbi.withHandle(h -> {
                h.begin();
                try {
                    return b.sqlFiles.update(h, "archive_old_jobs", Map.of("before", utc(ARCHIVE_BEFORE)));
                } finally {
                    h.rollback();
                }
            });
            case "archive_old_jobs/orm" -> b -> b.rolledBack(r -> r.archiveOldJobs(ARCHIVE_BEFORE));
            case "archive_old_jobs/hql" -> b -> b.rolledBack(r -> r.archiveOldJobsHql(ARCHIVE_BEFORE));
            default -> throw new IllegalArgumentException("variant must be <report>/<sql|orm|hql> as listed in"
                    + " ReportVariantsBenchmark, was " + name);
        };
    }

    private <T> T orm(Function<OrmReports, T> report) {
        try (Session session = sessions.openSession()) {
            return report.apply(new OrmReports(session));
        }
    }

    private long rolledBack(Function<OrmReports, Long> report) {
        try (Session session = sessions.openSession()) {
            session.beginTransaction();
            try {
                return report.apply(new OrmReports(session));
            } finally {
                session.getTransaction().rollback();
            }
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
