package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querygov.bench.BenchOptions;
import io.querygov.bench.BenchReport;
import io.querygov.bench.BenchStatus;
import io.querygov.bench.LatencySummary;
import io.querygov.bench.QueryBenchResult;
import io.querygov.bench.WarmupResult;
import io.querygov.bench.internal.Histograms;
import io.querygov.core.QueryType;
import io.querygov.examples.ExampleData;
import io.querygov.examples.Examples;
import io.querygov.examples.Schema;
import io.querygov.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code querytool advise} on the examples: their schema, data (scale 0.01: 100 projects, 5,000 jobs), catalog and
 * runners, as the embedded default has them, on the test server (PostgreSQL 17 embedded, or the one in
 * QUERYGOV_TEST_JDBC_URL). Each rule is asserted on the names of the queries it fires on, and so on every other
 * query it stays quiet on.
 *
 * <p>Latency comes from a saved run this test writes with chosen figures, never from a run measured here: QG-OC and
 * the ratios of QG-N1 are then the same on any machine. The other rules read plans and statement counts, which depend
 * on the data and the sampled values (seeded), not on the machine's speed.
 *
 * <p>At this scale the jobs table has 5,000 rows, so QG-IX runs with {@code --large-table-rows 1000}; the examples
 * leave {@code reconciliation_jobs.created_at} without an index of its own on purpose, and that is what it finds.
 */
class AdviceOnExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double SCALE = 0.01;

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withInitializer(Schema::apply)
            .withInitializer(c -> ExampleData.ofScale(SCALE).load(c));

    @TempDir
    static Path dir;

    /** The saved run: each query's p50 and p95 in milliseconds. */
    private static final Map<String, double[]> RUN = new LinkedHashMap<>();

    static {
        RUN.put("monthly_report", new double[] {0.5, 1.0});
        RUN.put("orm.monthly_report.loop", new double[] {8.0, 20.0}); // 16x its SQL file
        RUN.put("project_with_stats", new double[] {1.0, 2.0});
        RUN.put("orm.project_with_stats.loop", new double[] {6.0, 15.0});
        RUN.put("orm.project_with_stats.hql", new double[] {0.9, 1.8});
        RUN.put("user_activity", new double[] {40.0, 100.0}); // slow, but a SQL file: no QG-OC
        RUN.put("Project.byIdWithDetails", new double[] {2.0, 5.0}); // ORM_COMPLEX, hot
        RUN.put("ReconciliationJob.recentOfOwner", new double[] {0.3, 0.6}); // ORM_COMPLEX, under 1 ms
        RUN.put("Project.byOwner", new double[] {20.0, 50.0}); // slow, but ORM_SIMPLE: no QG-OC
    }

    private static Path saved;
    private static Cli.Result result;
    private static JsonNode doc;
    /** Rule ids by query name, every query of the examples present. */
    private static Map<String, List<String>> rules;

    @BeforeAll
    static void advise() throws IOException {
        saved = dir.resolve("run.json");
        savedRun(RUN).write(saved);
        result = Cli.run("advise", "--url", pg.jdbcUrl(), "--run", saved.toString(), "--large-table-rows", "1000",
                "--format", "json");
        doc = JSON.readTree(result.out());
        JsonStyle.assertFollowed(doc);
        rules = rules(doc);
        assertEquals(Examples.catalog().size(), rules.size(), "every query of the examples is judged: " + rules);
    }

    @Test
    void anErrorFindingExits1() {
        assertEquals(ExitCode.PROBLEM_FOUND, result.exitCode(), result::toString);
        assertEquals(AdviseCommand.SCHEMA_VERSION, doc.get("schemaVersion").asInt());
        assertEquals(saved.toString(), doc.get("run").asText());
        assertEquals(3, doc.get("summary").get("error").asInt(), doc.get("summary")::toString);
        assertTrue(notes().contains("archive_old_jobs: not in " + saved + ", judged without its latency"),
                notes()::toString);
    }

    @Test
    void nPlusOneOnTheOrmLoopsAndNotOnTheirTwins() {
        assertEquals(Set.of("orm.monthly_report.loop", "orm.project_with_stats.loop", "orm.archive_old_jobs.loop"),
                firing("QG-N1"), rules::toString);
        // orm.project_analytics.loop loads one project, then its jobs: two statements, no repeat
        assertTrue(rules.get("orm.project_analytics.loop").isEmpty(), rules::toString);

        JsonNode monthly = finding("orm.monthly_report.loop", "QG-N1");
        assertEquals("error", monthly.get("severity").asText());
        JsonNode ev = monthly.get("evidence");
        assertEquals("load:Project.jobs", ev.get("repeatedStatement").asText(), ev::toString);
        assertTrue(ev.get("repeatedIsRead").asBoolean(), ev::toString);
        assertTrue(ev.get("repeatedExecutions").asInt() > 2, ev::toString);
        assertTrue(ev.get("statementsPerCall").asInt() > ev.get("repeatedExecutions").asInt(),
                "the loop's own query, then one per project: " + ev);
        // the ratio is the saved run's, against the SQL file of its compare group
        assertEquals("monthly_report", ev.get("reference").asText(), ev::toString);
        assertEquals(16.0, ev.get("p50Ratio").asDouble(), ev::toString);
        assertTrue(monthly.get("message").asText().contains("(16.00x)"), monthly::toString);

        assertEquals(6.0, finding("orm.project_with_stats.loop", "QG-N1").get("evidence").get("p50Ratio").asDouble());

        JsonNode archive = finding("orm.archive_old_jobs.loop", "QG-N1").get("evidence");
        assertEquals("update:ReconciliationJob", archive.get("repeatedStatement").asText(), archive::toString);
        assertFalse(archive.get("repeatedIsRead").asBoolean(), archive::toString);
        assertFalse(archive.has("p50Ratio"), "not in the saved run, so no ratio: " + archive);
        assertTrue(finding("orm.archive_old_jobs.loop", "QG-N1").get("message").asText().contains("one bulk"),
                archive::toString);
    }

    @Test
    void hotOrmComplexOnlyOnTheOrmComplexQueryAboveTheThreshold() {
        assertEquals(Set.of("Project.byIdWithDetails"), firing("QG-OC"), rules::toString);
        JsonNode ev = finding("Project.byIdWithDetails", "QG-OC").get("evidence");
        assertEquals(5.0, ev.get("p95Millis").asDouble(), ev::toString);
        assertEquals(1.0, ev.get("hotP95Millis").asDouble(), ev::toString);
        assertTrue(ev.get("rowsPerCall").asLong() >= 1, "the recorded call's rows: " + ev);
    }

    @Test
    void noSqlFileOfTheExamplesIsAKeyRead() {
        // Project.byIdWithOwner reads one project by its key, but through Hibernate already: the rule is for files
        assertEquals(Set.of(), firing("QG-PK"), rules::toString);
    }

    @Test
    void aSqlFileThatReadsOneJobByItsKeyIsAnOrmCandidate() throws IOException {
        Cli.Result r = Cli.run("advise", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("advise-examples-keys"),
                "--no-bench", "--format", "json");
        assertEquals(ExitCode.OK, r.exitCode(), "an info finding is no error: " + r);
        Map<String, List<String>> found = rules(JSON.readTree(r.out()));
        assertEquals(Map.of("job_by_id", List.of("QG-PK"), "latest_job_of_project", List.of(),
                "jobs_by_id_range", List.of()), found, r::toString);
        JsonNode pk = JSON.readTree(r.out()).get("queries").get(0).get("findings").get(0);
        assertEquals("info", pk.get("severity").asText());
        assertEquals("public.reconciliation_jobs", pk.get("evidence").get("table").asText(), pk::toString);
        assertEquals("reconciliation_jobs_pkey", pk.get("evidence").get("index").asText(), pk::toString);
    }

    @Test
    void anIndexWhereASelectiveFilterScansTheJobs() {
        assertEquals(Set.of("user_activity", "ReconciliationJob.recentOfOwner"), firing("QG-IX"), rules::toString);
        for (String query : firing("QG-IX")) {
            JsonNode ev = finding(query, "QG-IX").get("evidence");
            assertEquals("CREATE INDEX ON public.reconciliation_jobs (created_at)", ev.get("createIndex").asText(),
                    ev::toString);
            assertEquals(5000, ev.get("tableRows").asLong(), ev::toString);
            assertTrue(ev.get("keptFraction").asDouble() <= 0.05, ev::toString);
            assertFalse(ev.get("verified").asBoolean(), "--verify was not given: " + ev);
        }
    }

    @Test
    void verifyTriesTheIndexOnTheExamplesAndRollsItBack() throws Exception {
        String indexes = "SELECT count(*) FROM pg_indexes WHERE tablename = 'reconciliation_jobs'";
        String before = Fixtures.scalar(pg, indexes);
        Cli.Result r = Cli.run("advise", "--url", pg.jdbcUrl(), "--query", "user_activity", "--no-bench",
                "--large-table-rows", "1000", "--verify", "--format", "json");
        assertEquals(ExitCode.OK, r.exitCode(), "a warn finding is no error: " + r);
        JsonNode ix = JSON.readTree(r.out()).get("queries").get(0).get("findings").get(0);
        assertEquals("QG-IX", ix.get("rule").asText(), ix::toString);
        JsonNode ev = ix.get("evidence");
        assertTrue(ev.get("verified").asBoolean(), ev::toString);
        assertTrue(ev.get("indexUsed").asBoolean(), ev::toString);
        assertTrue(ev.get("costWith").asDouble() < ev.get("costWithout").asDouble(), ev::toString);
        assertEquals(before, Fixtures.scalar(pg, indexes), "the trial index was rolled back");
    }

    @Test
    void genericPlansFromPostgresql16() {
        assumeTrue(pg.serverVersionNum() >= 160000, "QG-GP needs EXPLAIN (GENERIC_PLAN), PostgreSQL 16 or newer;"
                + " the test server is " + pg.serverVersionNum() + " (unset QUERYGOV_TEST_JDBC_URL for the embedded"
                + " PostgreSQL 17)");
        // as PostgreSQL 17.6 plans them at this scale: project_with_stats aggregates by sort for the owner's few
        // projects and by hash without the values; the two named queries join their tables in another order. The
        // entity loops have no plan of their own, and every other statement keeps its shape.
        assertEquals(Set.of("project_with_stats", "Project.byIdWithDetails", "ReconciliationJob.recentOfOwner"),
                firing("QG-GP"), rules::toString);
        for (String query : firing("QG-GP")) {
            JsonNode ev = finding(query, "QG-GP").get("evidence");
            assertFalse(ev.get("customPlan").asText().equals(ev.get("genericPlan").asText()), ev::toString);
            boolean serverMaySwitch = ev.get("genericCost").asDouble() <= ev.get("customCost").asDouble();
            assertEquals(serverMaySwitch ? "warn" : "info", finding(query, "QG-GP").get("severity").asText(), ev::toString);
        }
        assertTrue(notes().stream().noneMatch(n -> n.contains("QG-GP skipped")), notes()::toString);
    }

    @Test
    void genericPlansAreSkippedWithANoteBeforePostgresql16() {
        assumeTrue(pg.serverVersionNum() < 160000, "the test server is PostgreSQL " + pg.serverVersionNum()
                + ", which has EXPLAIN (GENERIC_PLAN): see genericPlansFromPostgresql16; set QUERYGOV_TEST_JDBC_URL to"
                + " a PostgreSQL 15 server for this one");
        assertEquals(Set.of(), firing("QG-GP"), rules::toString);
        assertTrue(notes().stream().anyMatch(n -> n.startsWith("user_activity: QG-GP skipped")), notes()::toString);
    }

    @Test
    void withoutAnErrorFindingItExits0() throws IOException {
        Cli.Result r = Cli.run("advise", "--url", pg.jdbcUrl(), "--run", saved.toString(), "--query",
                "Project.byIdWithDetails", "--query", "orm.*.hql", "--format", "json");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        JsonNode summary = JSON.readTree(r.out()).get("summary");
        assertEquals(0, summary.get("error").asInt(), summary::toString);
        assertTrue(summary.get("warn").asInt() >= 1, "QG-OC on Project.byIdWithDetails: " + summary);
    }

    private static Set<String> firing(String rule) {
        Set<String> out = new TreeSet<>();
        rules.forEach((query, ids) -> {
            if (ids.contains(rule)) {
                out.add(query);
            }
        });
        return out;
    }

    private static JsonNode finding(String query, String rule) {
        for (JsonNode q : doc.get("queries")) {
            if (q.get("query").asText().equals(query)) {
                for (JsonNode f : q.get("findings")) {
                    if (f.get("rule").asText().equals(rule)) {
                        return f;
                    }
                }
            }
        }
        throw new AssertionError("no " + rule + " on " + query + ": " + rules);
    }

    private static List<String> notes() {
        List<String> out = new ArrayList<>();
        doc.get("notes").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, List<String>> rules(JsonNode advice) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode q : advice.get("queries")) {
            List<String> ids = new ArrayList<>();
            q.get("findings").forEach(f -> ids.add(f.get("rule").asText()));
            out.put(q.get("query").asText(), ids);
        }
        return out;
    }

    /** A run as bench --save writes it, with these p50 and p95 figures (milliseconds) for these queries. */
    private static BenchReport savedRun(Map<String, double[]> figures) {
        List<QueryBenchResult> results = new ArrayList<>();
        figures.forEach((name, millis) -> {
            Histogram nanos = Histograms.newNanos();
            nanos.recordValueWithCount((long) (millis[0] * 1e6), 60);
            nanos.recordValueWithCount((long) (millis[1] * 1e6), 40);
            LatencySummary latency = new LatencySummary(100, (millis[0] * 60 + millis[1] * 40) * 10, millis[0] * 1e3,
                    millis[1] * 1e3, millis[1] * 1e3, millis[1] * 1e3, millis[1] * 1e3);
            QueryType type = Examples.catalog().find(name).orElseThrow().type();
            results.add(new QueryBenchResult(name, type, BenchStatus.MEASURED, WarmupResult.NONE, 100, 0,
                    Optional.empty(), 100, 1_000_000_000L, latency, Histograms.encode(nanos), Optional.empty()));
        });
        return new BenchReport(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:01:00Z"),
                BenchOptions.defaults(), Map.of("postgres.version", "17.6"), results);
    }
}
