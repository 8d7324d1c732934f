package io.querygov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.examples.reports.ProjectAnalytics;
import io.querygov.examples.reports.ProjectWithStats;
import io.querygov.examples.reports.ReportQueries;
import io.querygov.metrics.MetricsSnapshot;
import io.querygov.metrics.QueryMetrics;
import io.querygov.metrics.QueryStats;
import io.querygov.raw.jdbi.NamedQueries;
import io.querygov.raw.jdbi.QueryTrackingPlugin;
import io.querygov.testing.PostgresExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The example service's workload, its SQL object, and its main method, at scale 0.01. */
class ExampleServiceTest {

    @RegisterExtension
    static PostgresExtension pg = ExamplePostgres.withData(0.01);

    @Test
    void withTheResultCacheTheReportsAreAnsweredFromIt() throws Exception {
        QueryMetrics metrics = QueryMetrics.create();
        QueryTracker tracker = QueryTracker.create(metrics);
        try (io.querygov.cache.QueryCache cache = io.querygov.cache.QueryCache.builder(tracker).build();
             ExampleService service = ExampleService.builder(pg.dataSource(), tracker).cache(cache).zipf(1.0)
                     .readOnly().build()) {
            // one thread, 80 requests, no write: user_activity runs 4 times with one of 3 dates, so one at least hits
            assertEquals(80, service.runRequests(80, 1));
        }
        MetricsSnapshot snapshot = metrics.cumulativeSnapshot();
        io.querygov.metrics.CacheStats activity = snapshot.cache("user_activity")
                .orElseThrow(() -> new AssertionError(snapshot.summary()));
        assertEquals(4, activity.lookups());
        assertTrue(activity.hits() >= 1, activity::toString);
        assertEquals(activity.misses(), snapshot.query("user_activity").orElseThrow().count(), "only misses ran");
        assertEquals(Set.of("monthly_report", "project_analytics", "project_with_stats", "user_activity"),
                snapshot.cache().stream().map(io.querygov.metrics.CacheStats::name).collect(Collectors.toSet()));
    }

    @Test
    void aDurationOfTrafficRecordsEveryKindOfQuery() throws Exception {
        QueryMetrics metrics = QueryMetrics.create();
        // a clock that moves 20 ms each time it is read: the second is over after 49 more readings, however
        // fast or slow the machine serves the requests in between
        AtomicLong nanos = new AtomicLong();
        long served;
        try (ExampleService service = ExampleService.create(pg.dataSource(), QueryTracker.create(metrics))) {
            served = service.runWorkload(Duration.ofSeconds(1), 2, () -> nanos.getAndAdd(20_000_000));
        }
        assertEquals(49, served);
        MetricsSnapshot snapshot = metrics.cumulativeSnapshot();
        Set<QueryType> types = snapshot.queries().stream().map(QueryStats::type)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(QueryType.class)));
        assertEquals(EnumSet.allOf(QueryType.class), types, served + " requests\n" + snapshot.summary());
        assertEquals(List.of(), snapshot.queries().stream().filter(q -> q.errors() > 0).map(QueryStats::name).toList(),
                snapshot.summary());
    }

    @Test
    void everyRequestIsTrackedUnderItsQuerysName() throws Exception {
        QueryMetrics metrics = QueryMetrics.create();
        long served;
        try (ExampleService service = ExampleService.create(pg.dataSource(), QueryTracker.create(metrics))) {
            served = service.runRequests(ExampleService.DECK.size() + 1, 2);
        }
        assertEquals(2 * (ExampleService.DECK.size() + 1), served);
        MetricsSnapshot snapshot = metrics.cumulativeSnapshot();
        Map<String, Long> calls = new TreeMap<>(snapshot.queries().stream()
                .collect(Collectors.toMap(QueryStats::name, QueryStats::count)));
        Map<String, Long> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("find:Project", 2L * (6 + 2)),          // finds, and the finds of the renames
                Map.entry("update:Project", 2L * 2),
                Map.entry("Project.byOwner", 2L * 3),
                Map.entry("User.byEmail", 2L),
                Map.entry("Project.byIdWithDetails", 2L * 2),
                Map.entry("ReconciliationJob.recentOfOwner", 2L),
                Map.entry("project_analytics", 2L * 2),
                Map.entry("monthly_report", 2L),
                Map.entry("project_with_stats", 2L),               // through the SQL object
                Map.entry("user_activity", 2L),
                Map.entry("archive_old_jobs", 2L)));               // the first request of each thread
        assertEquals(expected, calls, snapshot.summary());
        assertEquals(QueryType.ORM_COMPLEX, snapshot.query("Project.byIdWithDetails").orElseThrow().type());
        assertEquals(QueryType.ORM_COMPLEX, snapshot.query("ReconciliationJob.recentOfOwner").orElseThrow().type());
        assertEquals(QueryType.ORM_SIMPLE, snapshot.query("update:Project").orElseThrow().type());
        assertEquals(QueryType.RAW_SQL_BULK, snapshot.query("archive_old_jobs").orElseThrow().type());
        assertEquals(QueryType.RAW_SQL_ANALYTICS, snapshot.query("project_with_stats").orElseThrow().type());
    }

    @Test
    void sqlObjectRunsTheFilesAndIsTrackedUnderTheirNames() {
        QueryMetrics metrics = QueryMetrics.create();
        Jdbi jdbi = Jdbi.create(pg.dataSource()).installPlugin(new SqlObjectPlugin())
                .installPlugin(QueryTrackingPlugin.create(QueryTracker.create(metrics), Examples.sqlCatalog()));
        ReportQueries reports = jdbi.onDemand(ReportQueries.class);
        NamedQueries files = NamedQueries.create(jdbi, Examples.sqlCatalog());
        OffsetDateTime since = OffsetDateTime.parse("2024-01-01T00:00:00Z");
        long rows = 0;
        for (UUID owner : jdbi.withHandle(h -> h.createQuery("SELECT id FROM users").mapTo(UUID.class).list())) {
            List<ProjectWithStats> expected = files.list("project_with_stats", Map.of("owner_id", owner, "since", since),
                    ProjectWithStats.class);
            assertEquals(expected, reports.projectWithStats(owner, since));
            rows += expected.size();
        }
        UUID busiest = jdbi.withHandle(h -> h.createQuery("SELECT project_id FROM reconciliation_jobs GROUP BY 1"
                + " ORDER BY count(*) DESC LIMIT 1").mapTo(UUID.class).one());
        assertEquals(files.list("project_analytics", Map.of("project_id", busiest, "since", since, "min_jobs", 1),
                        ProjectAnalytics.class),
                reports.projectAnalytics(busiest, since, 1));
        assertEquals(100, rows, "every project once");
        QueryStats stats = metrics.cumulativeSnapshot().query("project_with_stats").orElseThrow();
        assertEquals(2 * 10, stats.count(), "files and SQL object, one name");
        assertEquals(QueryType.RAW_SQL_ANALYTICS, stats.type());
        assertEquals(2, metrics.cumulativeSnapshot().query("project_analytics").orElseThrow().count());
    }

    @Test
    void mainRunsAgainstAGivenDatabaseAndPrintsTheMetrics() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExampleService.run(new String[] {pg.jdbcUrl(), "--requests", "10"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.matches("(?s)20 requests from 2 threads\\R"
                + "query metrics .*\\Rquery +type +calls +errors +slow +rows +mean +p50 +p95 +p99 .*"), out);
        assertTrue(!out.contains("Loaded"), "the data was there: nothing loaded\n" + out);
        for (String line : List.of("\nfind:Project ", " ORM_COMPLEX ", " RAW_SQL_ANALYTICS ", " RAW_SQL_BULK ")) {
            assertTrue(out.contains(line), line + " missing from\n" + out);
        }
    }
}
