package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querygov.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code querytool bench}: measured results in every format, writes rolled back, baselines that pass and fail. */
class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Short runs: these tests check what is printed and decided, not how fast the server is. */
    private static final String[] QUICK = {"--warmup", "0s", "--warmup-iterations", "6", "--iterations", "40"};

    @RegisterExtension
    static PostgresExtension pg = Fixtures.database();

    private static Cli.Result bench(String catalog, String... more) {
        return Cli.run(List.of("bench", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog(catalog)), QUICK, more);
    }

    @Test
    void measuresEveryQueryAsATable() {
        Cli.Result r = bench("good", "--concurrency", "2");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("bench: warmup 0ms and 6 calls per thread, 40 calls per thread measured per"
                + " query, concurrency 2, writes rolled back"), r::toString);
        List<String> lines = r.out().lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("QUERY ")).findFirst().orElseThrow();
        for (String column : new String[] {"TYPE", "CALLS", "ERRORS", "CALLS/s", "p50 ms", "p95 ms", "p99 ms",
            "p99.9 ms", "MAX ms", "ROWS/CALL"}) {
            assertTrue(header.contains(column), header);
        }
        String row = lines.stream().filter(l -> l.startsWith("project_by_id ")).findFirst().orElseThrow();
        assertTrue(row.matches("project_by_id +RAW_SQL_ANALYTICS +80 +0 .* 1\\.0"), row);
        assertTrue(r.out().contains("phases: bench "), r::toString);
        assertTrue(r.err().contains("] project_by_id: 80 calls"), r::toString);
    }

    @Test
    void withTheCacheQueriesWithATtlAreAnsweredFromItAndTheTableCountsHitsMissesAndEvictions() {
        // one value for every call: the first call of the cached query misses, every later one hits
        Cli.Result r = bench("cached", "--cache", "--param", "project_id=7");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains(", writes rolled back, result cache in front of the queries with a TTL"), r::toString);
        List<String> lines = r.out().lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("QUERY ")).findFirst().orElseThrow();
        for (String column : new String[] {"CACHE HITS", "MISSES", "HIT RATE", "EVICTIONS"}) {
            assertTrue(header.contains(column), header);
        }
        String cached = lines.stream().filter(l -> l.startsWith("cached_project ")).findFirst().orElseThrow();
        // 6 warmup calls and 40 measured, through the cache: 1 miss, 45 hits, nothing evicted
        assertTrue(cached.matches(".* 45 +1 +97\\.8% +0"), cached);
        String uncached = lines.stream().filter(l -> l.startsWith("uncached_jobs ")).findFirst().orElseThrow();
        assertTrue(uncached.matches(".* 3\\.0 +1\\.0 +- +- +- +-"), "no TTL, no cache counts: " + uncached);

        Cli.Result without = bench("cached", "--param", "project_id=7");
        assertEquals(ExitCode.OK, without.exitCode(), without::toString);
        assertFalse(without.out().contains("CACHE HITS"), without::toString);

        Cli.Result noTtl = bench("good", "--cache", "--query", "project_by_id");
        assertEquals(ExitCode.OK, noTtl.exitCode(), noTtl::toString);
        assertTrue(noTtl.err().contains("--cache: no query of this run has a cache TTL"), noTtl::toString);
    }

    @Test
    void measuresAsJsonAndCsv() throws IOException {
        Cli.Result r = bench("good", "--query", "jobs_per_status", "--format", "json");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(r.out());
        JsonStyle.assertFollowed(doc, "environment");
        assertEquals(3, doc.get("schemaVersion").asInt());
        assertEquals(40, doc.get("options").get("iterations").asInt());
        assertEquals(1, doc.get("queries").size());
        JsonNode q = doc.get("queries").get(0);
        assertEquals("jobs_per_status", q.get("name").asText());
        assertEquals("MEASURED", q.get("status").asText());
        assertEquals(40, q.get("calls").asInt());
        assertEquals(3.0, q.get("rowsPerCall").asDouble());
        JsonNode latency = q.get("latency");
        assertTrue(latency.get("p50Millis").asDouble() > 0);
        assertTrue(latency.get("p50Millis").asDouble() <= latency.get("p95Millis").asDouble());
        assertTrue(latency.get("p999Millis").asDouble() <= latency.get("maxMillis").asDouble());
        assertFalse(q.has("rate"));
        assertFalse(doc.has("comparison"));
        assertEquals("false", doc.at("/environment/target.embedded").asText(), doc::toString);
        assertTrue(r.err().contains("phases: "), r::toString);

        Cli.Result csv = bench("good", "--query", "jobs_per_status", "--format", "csv");
        assertEquals(ExitCode.OK, csv.exitCode(), csv::toString);
        assertEquals("query,type,calls,errors,calls_per_second,p50_ms,p95_ms,p99_ms,p999_ms,max_ms,rows_per_call,"
                + "statements_per_call", csv.out().lines().findFirst().orElseThrow());
        String row = csv.out().lines().skip(1).findFirst().orElseThrow();
        assertTrue(row.startsWith("jobs_per_status,RAW_SQL_ANALYTICS,40,0,") && row.endsWith(",3.0,1.0"), row);
    }

    @Test
    void aWriteIsBenchmarkedAndItsTableLeftUnchanged() throws SQLException {
        String before = Fixtures.scalar(pg, "SELECT sum(budget) FROM project");
        Cli.Result r = bench("good", "--query", "raise_budget", "--concurrency", "2");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        String row = r.out().lines().filter(l -> l.startsWith("raise_budget ")).findFirst().orElseThrow();
        assertTrue(row.matches("raise_budget +RAW_SQL_BULK +80 +0 .* 1\\.0"), row);
        assertEquals(before, Fixtures.scalar(pg, "SELECT sum(budget) FROM project"));
    }

    @Test
    void aWriteIsCommittedOnlyWithAllowWrites() throws SQLException {
        String before = Fixtures.scalar(pg, "SELECT budget FROM project WHERE id = 1999");
        Cli.Result r = Cli.run("bench", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good"), "--query",
                "raise_budget", "--param", "project_id=1999", "--allow-writes", "--iterations", "5",
                "--warmup-iterations", "0", "--warmup", "0s");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("writes committed"), r::toString);
        assertNotEquals(before, Fixtures.scalar(pg, "SELECT budget FROM project WHERE id = 1999"));
    }

    @Test
    void aFixedRateReportsTheScheduleLag() throws IOException {
        Cli.Result r = bench("good", "--query", "project_by_id", "--rate", "400", "--format", "json");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        JsonNode q = JSON.readTree(r.out()).get("queries").get(0);
        assertTrue(q.at("/rate/scheduleLag").has("maxMillis"), q::toString);
        assertTrue(q.at("/rate/serviceTime/p50Millis").asDouble() > 0, q::toString);
        assertTrue(q.get("throughputPerSecond").asDouble() < 480, q::toString);

        Cli.Result table = bench("good", "--query", "project_by_id", "--rate", "400");
        assertTrue(table.out().contains("LAG ms") && table.out().contains("LAG MAX ms"), table::toString);
    }

    /**
     * A saved run of {@code catalog} whose judged statistic is set to {@code p95Millis} for every query: a
     * baseline with figures the test chose, so that the gate's verdict does not depend on how busy the machine is.
     */
    private static Path savedRun(Path dir, String catalog, double p95Millis) throws IOException {
        Path saved = dir.resolve(catalog + "-baseline.json");
        Cli.Result run = bench(catalog, "--save", saved.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        ObjectNode doc = (ObjectNode) JSON.readTree(saved.toFile());
        for (JsonNode q : doc.get("queries")) {
            ((ObjectNode) q.get("latency")).put("p95Millis", p95Millis);
            for (JsonNode interval : q.get("intervals").get("summaries")) {
                ((ObjectNode) interval).put("p95Millis", p95Millis);
            }
        }
        JSON.writeValue(saved.toFile(), doc);
        return saved;
    }

    @Test
    void aRunFasterThanItsBaselineExits0(@TempDir Path dir) throws IOException {
        // pg_sleep(0.005) is far from a minute, however busy the machine
        Path saved = savedRun(dir, "probe-fast", 60_000);
        assertTrue(Files.readString(saved).contains("postgres.version"), "the saved run says where it ran");

        Cli.Result again = bench("probe-fast", "--baseline", saved.toString(), "--tolerance", "50%");
        assertEquals(ExitCode.OK, again.exitCode(), again::toString);
        assertTrue(again.out().contains("then by p95 within 50%"), again::toString);
        assertTrue(again.out().contains("no regression beyond 50%"), again::toString);
        String row = again.out().lines().filter(l -> l.startsWith("probe ")).reduce((x, y) -> y).orElseThrow();
        assertTrue(row.matches("probe +SAME +60000\\.000 +\\d+\\.\\d{3} +-\\d+\\.\\d% +-\\d+%\\.\\.-\\d+% +FASTER"
                + " +FASTER"), row);
    }

    @Test
    void aRegressionBeyondToleranceExits1(@TempDir Path dir) throws IOException {
        // pg_sleep(0.03) cannot take less than 30 ms: 30 times the baseline's 1 ms at least
        Path saved = savedRun(dir, "probe-fast", 1.0);

        Cli.Result slower = bench("probe-slow", "--baseline", saved.toString(), "--tolerance", "20%", "-f", "json");
        assertEquals(ExitCode.PROBLEM_FOUND, slower.exitCode(), slower::toString);
        JsonNode comparison = JSON.readTree(slower.out()).get("comparison");
        assertTrue(comparison.get("regression").asBoolean());
        JsonNode row = comparison.get("queries").get(0);
        assertEquals("probe", row.get("name").asText());
        assertEquals("REGRESSION", row.get("verdict").asText());
        assertEquals(1.0, row.get("baselineMillis").asDouble());
        assertTrue(row.get("changePercent").asDouble() >= 2900, row::toString);

        Cli.Result table = bench("probe-slow", "--baseline", saved.toString());
        assertEquals(ExitCode.PROBLEM_FOUND, table.exitCode(), table::toString);
        assertTrue(table.out().contains("REGRESSION: probe regression"), table::toString);
    }

    @Test
    void aDroppedIndexIsAPlanRegressionWhateverTheTime(@TempDir Path dir) throws Exception {
        try (java.sql.Connection c = pg.openConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gate_account (id bigint PRIMARY KEY, balance int NOT NULL, pad text)");
            s.execute("INSERT INTO gate_account SELECT g, 0, repeat('x', 200) FROM generate_series(1, 20000) g");
            s.execute("ANALYZE gate_account");
        }
        Path catalog = Files.createDirectories(dir.resolve("gate"));
        Files.writeString(catalog.resolve("gate.sql"), "-- name: account_balance\n-- param: id bigint range: 1..20000\n"
                + "SELECT balance FROM gate_account WHERE id = :id;\n");
        Path saved = dir.resolve("base.json");
        List<String> run = List.of("bench", "--url", pg.jdbcUrl(), "--catalog", catalog.toString(), "--warmup", "0s",
                "--warmup-iterations", "6", "--iterations", "40");
        Cli.Result base = Cli.run(concat(run, "--save", saved.toString()));
        assertEquals(ExitCode.OK, base.exitCode(), base::toString);

        try (java.sql.Connection c = pg.openConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("ALTER TABLE gate_account DROP CONSTRAINT gate_account_pkey");
        }
        Cli.Result after = Cli.run(concat(run, "--baseline", saved.toString(), "--tolerance", "1000%"));

        assertEquals(ExitCode.PROBLEM_FOUND, after.exitCode(), after::toString);
        assertTrue(after.out().contains("account_balance: work plan changed: Index Scan using gate_account_pkey on"
                + " gate_account -> Seq Scan on gate_account; buffers/call "), after::toString);

        // the same baseline in the format before work was kept, the index back: read, its work "not in baseline"
        try (java.sql.Connection c = pg.openConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("ALTER TABLE gate_account ADD PRIMARY KEY (id)");
        }
        ObjectNode doc = (ObjectNode) JSON.readTree(saved.toFile());
        doc.put("schemaVersion", 2);
        for (JsonNode q : doc.get("queries")) {
            ((ObjectNode) q).remove(List.of("work", "intervals"));
        }
        Path old = dir.resolve("old.json");
        JSON.writeValue(old.toFile(), doc);
        // work is under test: time is advisory, so two timed runs of a sub-millisecond read cannot fail it on a busy machine
        Cli.Result oldRun = Cli.run(concat(run, "--baseline", old.toString(), "--tolerance", "1000%", "--advisory-time",
                "-f", "json"));
        assertEquals(ExitCode.OK, oldRun.exitCode(), oldRun::toString);
        JsonNode row = JSON.readTree(oldRun.out()).get("comparison").get("queries").get(0);
        assertEquals("NOT_COMPARED", row.get("work").get("verdict").asText());
        assertEquals("not in baseline", row.get("work").get("reason").asText());
        assertTrue(row.get("work").get("current").get("buffersPerCall").asDouble() < 10, row::toString);
    }

    private static String[] concat(List<String> first, String... more) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aBaselineThatIsNotOneExits2(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"not\": \"a run\"}");
        Cli.Result r = bench("probe-fast", "--baseline", bad.toString());
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--baseline " + bad), r::toString);
        assertFalse(r.out().contains("QUERY"), "nothing ran: " + r);
    }

    @Test
    void badOptionsExit2() {
        Cli.Result tolerance = bench("good", "--tolerance", "20");
        assertEquals(ExitCode.USAGE, tolerance.exitCode(), tolerance::toString);
        assertTrue(tolerance.err().contains("ambiguous"), tolerance::toString);

        Cli.Result both = Cli.run("bench", "--duration", "1s", "--iterations", "5");
        assertEquals(ExitCode.USAGE, both.exitCode(), both::toString);

        // one grammar with the SQL files' -- timeout: header; a bare number could be seconds or milliseconds
        Cli.Result bare = Cli.run("bench", "--duration", "60");
        assertEquals(ExitCode.USAGE, bare.exitCode(), bare::toString);
        assertTrue(bare.err().contains("'60' has no unit: write 60s or 60ms"), bare::toString);

        Cli.Result param = bench("good", "--param", "nope=1");
        assertEquals(ExitCode.USAGE, param.exitCode(), param::toString);
        assertTrue(param.err().contains("no query of this run has a parameter named 'nope'"), param::toString);

        Cli.Result none = bench("good", "--tag", "nothing");
        assertEquals(ExitCode.USAGE, none.exitCode(), none::toString);
        assertTrue(none.err().contains("none matches --tag nothing"), none::toString);
    }

    @Test
    // Opens as the other tests of a run do (run, exit code, what it said); what it checks is its own.
    void aValueThatIsNotItsTypeIsAUsageErrorBeforeAnythingRuns() {
        Cli.Result r = bench("good", "--param", "project_id=seven");
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--param project_id=seven: Parameter 'project_id' of query 'project_by_id' is"
                + " bigint"), r::toString);
        assertFalse(r.out().contains("QUERY"), "nothing ran: " + r);
    }

    @Test
    void aQueryThatFailsExits1AndSaysWhy() {
        Cli.Result r = bench("broken");
        assertEquals(ExitCode.PROBLEM_FOUND, r.exitCode(), r::toString);
        assertTrue(r.out().contains("from_missing_table: FAILED"), r::toString);
        assertTrue(r.out().contains("no_such_table"), r::toString);
    }

    @Test
    void aSideEffectARollbackCannotUndoIsRefusedWithTheReasonUnlessWritesAreAllowed() throws SQLException {
        String before = Fixtures.scalar(pg, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM audit_id_seq");
        Cli.Result r = bench("side-effects");
        assertEquals(ExitCode.PROBLEM_FOUND, r.exitCode(), r::toString);
        assertTrue(r.out().contains("next_audit_id: FAILED"), r::toString);
        assertTrue(r.out().contains("calls nextval(), which a rollback cannot undo (a sequence never rolls back);"
                + " it runs only when writes are allowed: pass --allow-writes to run it"), r::toString);
        assertEquals(before, Fixtures.scalar(pg, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM audit_id_seq"));

        Cli.Result allowed = Cli.run("bench", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("side-effects"),
                "--allow-writes", "--iterations", "5", "--warmup-iterations", "0", "--warmup", "0s");
        assertEquals(ExitCode.OK, allowed.exitCode(), allowed::toString);
        assertNotEquals(before, Fixtures.scalar(pg, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM audit_id_seq"));
    }
}
