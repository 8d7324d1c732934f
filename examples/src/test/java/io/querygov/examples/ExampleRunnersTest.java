package io.querygov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.core.StatementLanguage;
import io.querygov.inspect.ParameterSource;
import io.querygov.orm.HibernateTracking;
import io.querygov.orm.OrmQueryCatalog;
import io.querygov.orm.OrmQueryRunner;
import io.querygov.orm.RecordedStatement;
import io.querygov.orm.RecordedStatements;
import io.querygov.raw.SqlQueryRunner;
import io.querygov.testing.PostgresExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every query of the catalog runs through {@link Examples#runners}, and each compare group agrees, at scale 0.01. */
class ExampleRunnersTest {

    @RegisterExtension
    static PostgresExtension pg = ExamplePostgres.withData(0.01);

    private static SessionFactory sessions;
    private static List<QueryRunner> runners;

    @BeforeAll
    static void setUp() {
        sessions = ExampleDatabase.sessionFactory(pg.dataSource());
        runners = Examples.runners(pg.dataSource(), sessions, false);
    }

    @AfterAll
    static void close() {
        sessions.close();
    }

    private static QueryRunner runnerFor(QueryDescriptor query) {
        return runners.stream().filter(r -> r.supports(query)).findFirst()
                .orElseThrow(() -> new AssertionError("no runner for " + query));
    }

    /** Sampled values for a query, drawn as a benchmark draws them. */
    private static Map<String, Object> sample(ParameterSource source, QueryDescriptor query) {
        return source.values(query, Map.of());
    }

    @Test
    void runnersAreInTheOrderToolsPickThem() {
        assertEquals(List.of(ExampleReportRunner.class, OrmQueryRunner.class, SqlQueryRunner.class),
                runners.stream().map(Object::getClass).toList());
        for (QueryDescriptor q : Examples.catalog()) {
            Class<?> expected = q.language() == StatementLanguage.ENTITY_OPERATION ? ExampleReportRunner.class
                    : q.hasTag(OrmQueryCatalog.ORM_TAG) ? OrmQueryRunner.class : SqlQueryRunner.class;
            assertEquals(expected, runnerFor(q).getClass(), q.name());
        }
    }

    @Test
    void everyQueryRunsWithSampledParameters() throws Exception {
        ParameterSource source = ParameterSource.create(pg.dataSource(), 7);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (QueryDescriptor q : Examples.catalog()) {
            long total = 0;
            for (int i = 0; i < 3; i++) {
                Map<String, Object> values = sample(source, q);
                long executed = runnerFor(q).execute(q, values);
                if (!q.name().contains("archive_old_jobs")) {
                    assertEquals(executed, runnerFor(q).fetch(q, values).size(), q.name() + " " + values);
                }
                total += executed;
            }
            rows.put(q.name(), total);
        }
        assertEquals(Examples.catalog().names(), List.copyOf(rows.keySet()));
        // project_analytics reports a project only when it has min_jobs (1..50) completed jobs since the date: at
        // scale 0.01 most projects have fewer, so its variants may well return nothing in 3 draws (the compare test
        // checks their rows); every other query returns or changes rows
        List<String> empty = rows.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey)
                .filter(name -> !name.contains("project_analytics")).toList();
        assertEquals(List.of(), empty, "queries that returned or changed no row in 3 draws: " + rows);
    }

    @Test
    void eachCompareGroupGivesTheSameRowsThroughFetch() throws Exception {
        QueryCatalog catalog = Examples.catalog();
        ParameterSource source = ParameterSource.create(pg.dataSource(), 11);
        Map<String, Integer> nonEmpty = new HashMap<>();
        for (String report : List.of("project_analytics", "monthly_report", "project_with_stats")) {
            QueryDescriptor raw = catalog.get(report);
            List<QueryDescriptor> variants = catalog.stream().filter(q -> q.hasTag("compare:" + report) && q != raw).toList();
            assertTrue(variants.size() >= 1, report);
            for (int i = 0; i < 30; i++) {
                Map<String, Object> values = source.values(raw, Map.of());
                List<List<Object>> expected = runnerFor(raw).fetch(raw, values);
                for (QueryDescriptor variant : variants) {
                    assertSameRows(expected, runnerFor(variant).fetch(variant, values), variant.name() + " " + values);
                }
                if (!expected.isEmpty()) {
                    nonEmpty.merge(report, 1, Integer::sum);
                }
            }
        }
        // equal and not all empty: most draws have rows (project_analytics needs up to 50 completed jobs since a date)
        assertTrue(nonEmpty.getOrDefault("project_analytics", 0) >= 5, nonEmpty.toString());
        assertTrue(nonEmpty.getOrDefault("monthly_report", 0) >= 20, nonEmpty.toString());
        assertEquals(30, nonEmpty.get("project_with_stats"), nonEmpty.toString());
    }

    @Test
    void fetchReturnsTheRawRowsValueTypes() throws Exception {
        QueryCatalog catalog = Examples.catalog();
        UUID owner;
        UUID project;
        try (Connection c = pg.openConnection()) {
            owner = UUID.fromString(Db.strings(c, "SELECT owner_id FROM projects p JOIN reconciliation_jobs j"
                    + " ON j.project_id = p.id GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1").get(0));
            project = UUID.fromString(Db.strings(c, "SELECT project_id FROM reconciliation_jobs"
                    + " GROUP BY project_id ORDER BY count(*) DESC LIMIT 1").get(0));
        }
        Map<String, Object> analytics = Map.of("project_id", project, "since", "2023-06-01", "min_jobs", 1);
        for (String name : List.of("project_analytics", "orm.project_analytics.loop", "orm.project_analytics.hql")) {
            List<Object> row = runnerFor(catalog.get(name)).fetch(catalog.get(name), analytics).get(0);
            assertEquals(List.of(UUID.class, Long.class, Long.class, Double.class, Double.class), types(row), name);
        }
        Map<String, Object> monthly = Map.of("owner_id", owner.toString(), "since", "2024-01-01");
        for (String name : List.of("monthly_report", "orm.monthly_report.loop")) {
            List<Object> row = runnerFor(catalog.get(name)).fetch(catalog.get(name), monthly).get(0);
            assertEquals(List.of(java.sql.Date.class, Long.class, Long.class, Long.class, Double.class), types(row), name);
        }
        Map<String, Object> stats = Map.of("owner_id", owner, "since", "2024-01-01");
        for (String name : List.of("project_with_stats", "orm.project_with_stats.loop", "orm.project_with_stats.hql")) {
            List<Object> row = runnerFor(catalog.get(name)).fetch(catalog.get(name), stats).get(0);
            assertEquals(List.of(UUID.class, String.class, String.class, Long.class, Long.class, Long.class), types(row),
                    name);
        }
    }

    /**
     * What "the same result" means for the twins: the same number of rows in the same order, the same columns of the
     * same types, equal values; doubles equal to 12 significant digits, as SQL averages in numeric and rounds once,
     * Java in double.
     */
    static void assertSameRows(List<List<Object>> expected, List<List<Object>> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": " + expected + " vs " + actual);
        for (int i = 0; i < expected.size(); i++) {
            List<Object> e = expected.get(i);
            List<Object> a = actual.get(i);
            assertEquals(types(e), types(a), what + ", row " + i);
            for (int c = 0; c < e.size(); c++) {
                if (e.get(c) instanceof Double ed && a.get(c) instanceof Double ad) {
                    assertEquals(ed, ad, 1e-12 * Math.abs(ed), what + ", row " + i + ", column " + c);
                } else {
                    assertEquals(e.get(c), a.get(c), what + ", row " + i + ", column " + c);
                }
            }
        }
    }

    private static List<Class<?>> types(List<Object> row) {
        List<Class<?>> types = new ArrayList<>();
        row.forEach(v -> types.add(v == null ? null : v.getClass()));
        return types;
    }

    @Test
    void archiveVariantsChangeWhatTheSqlChangesAndRollBack() throws Exception {
        QueryCatalog catalog = Examples.catalog();
        long archivedBefore = archived();
        for (String before : List.of("2023-04-01", "2024-01-01")) {
            Map<String, Object> values = Map.of("before", before);
            QueryDescriptor raw = catalog.get("archive_old_jobs");
            long expected = runnerFor(raw).execute(raw, values);
            assertTrue(expected > 100, "archives " + expected);
            for (String name : List.of("orm.archive_old_jobs.loop", "orm.archive_old_jobs.hql")) {
                QueryDescriptor variant = catalog.get(name);
                assertEquals(expected, runnerFor(variant).execute(variant, values), name);
                assertEquals(List.of(List.of(expected)), runnerFor(variant).fetch(variant, values), name);
            }
        }
        assertEquals(archivedBefore, archived(), "every runner rolled back");

        QueryDescriptor hql = catalog.get("orm.archive_old_jobs.hql");
        long archivedNow = ExampleReportRunner.create(sessions, true).execute(hql, Map.of("before", "2023-04-01"));
        try {
            assertEquals(archivedBefore + archivedNow, archived(), "committed when writes are allowed");
        } finally {
            try (Connection c = pg.openConnection()) {
                Db.execute(c, "UPDATE reconciliation_jobs SET archived = false");
            }
        }
    }

    private static long archived() throws SQLException {
        try (Connection c = pg.openConnection()) {
            return Db.number(c, "SELECT count(*) FROM reconciliation_jobs WHERE archived");
        }
    }

    @Test
    void variantsAreTypedByTheStatementsTheyRun() throws Exception {
        HibernateTracking tracking = HibernateTracking.create(QueryTracker.create());
        try (SessionFactory tracked = ExampleDatabase.sessionFactory(pg.dataSource(), tracking.applyTo(new HashMap<>()))) {
            ExampleReportRunner runner = ExampleReportRunner.create(tracked);
            ParameterSource source = ParameterSource.create(pg.dataSource(), 3);
            for (QueryDescriptor q : Examples.catalog()) {
                if (q.language() != StatementLanguage.ENTITY_OPERATION) {
                    continue;
                }
                Map<String, Object> values = source.values(q, Map.of());
                RecordedStatements recorded = tracking.record(() -> runner.execute(q, values));
                QueryType highest = recorded.statements().stream().map(RecordedStatement::type)
                        .filter(QueryType::isOrm).max(Comparator.naturalOrder()).orElseThrow();
                assertEquals(highest, q.type(), q.name() + ": " + recorded);
                if (q.name().endsWith(".hql")) {
                    // the HQL variant is one statement, besides the runner's own SET statements
                    assertEquals(1, recorded.count(s -> !s.sql().startsWith("SET ")), q.name() + ": " + recorded);
                }
            }
        }
    }

    @Test
    void offlineCatalogHasTheSqlOfAConnectedFactory() {
        QueryCatalog connected = OrmQueryCatalog.of(sessions);
        QueryCatalog offline = Examples.catalog().filter(q -> connected.contains(q.name()));
        assertEquals(connected.queries(), offline.queries());
    }

    @Test
    void badCallsAreRefusedWithTheQueryAndParameterNamed() {
        QueryDescriptor loop = Examples.catalog().get("orm.monthly_report.loop");
        ExampleReportRunner runner = ExampleReportRunner.create(sessions);
        assertEquals("Query 'orm.monthly_report.loop' has no parameter 'ownerId'; its parameters are [owner_id, since]",
                assertThrows(IllegalArgumentException.class,
                        () -> runner.execute(loop, Map.of("ownerId", UUID.randomUUID()))).getMessage());
        assertEquals("Query 'orm.monthly_report.loop' needs a value for parameter 'since'",
                assertThrows(IllegalArgumentException.class,
                        () -> runner.execute(loop, Map.of("owner_id", UUID.randomUUID()))).getMessage());
        assertEquals("Parameter 'owner_id' of query 'orm.monthly_report.loop' is uuid; java.lang.Long 42 is not one",
                assertThrows(IllegalArgumentException.class,
                        () -> runner.execute(loop, Map.of("owner_id", 42L, "since", "2024-01-01"))).getMessage());
        QueryDescriptor raw = Examples.catalog().get("monthly_report");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> runner.execute(raw, Map.of())).getMessage()
                .startsWith("ExampleReportRunner runs the ORM report variants "));
        assertInstanceOf(List.class, runner.fetch(loop, Map.of("owner_id", UUID.randomUUID(), "since", "2024-01-01")));
    }
}
