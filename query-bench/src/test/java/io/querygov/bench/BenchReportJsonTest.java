package io.querygov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querygov.core.ManualClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final QueryDescriptor REPORT = QueryDescriptor.of("project_stats", QueryType.RAW_SQL_ANALYTICS);
    private static final QueryDescriptor BROKEN = QueryDescriptor.of("broken", QueryType.RAW_SQL_BULK);
    private static final QueryDescriptor LOOKUP = QueryDescriptor.of("find:Project", QueryType.ORM_SIMPLE);

    private static BenchReport run(BenchOptions options) {
        ManualClock clock = new ManualClock();
        ScriptedRunner runner = new ScriptedRunner(clock)
                .script(REPORT.name(), n -> ScriptedRunner.Step.millis(n % 7 == 0 ? 40 : 3, n % 5))
                .script(BROKEN.name(), n -> {
                    throw new SQLException("relation \"missing\" does not exist");
                })
                .unsupported(LOOKUP.name());
        return BenchmarkEngine.builder(runner).options(options).clock(clock).sleeper(clock::advanceNanos)
                .environment("postgres.version", "17.6").environment("postgres.shared_buffers", "128MB")
                .build().run(List.of(REPORT, BROKEN, LOOKUP));
    }

    private static BenchReport rateLimited() {
        return run(BenchOptions.builder().warmup(Duration.ZERO).warmupIterations(3).duration(Duration.ofSeconds(2))
                .rate(50).concurrency(2).build());
    }

    @Test
    void aRunReadsBackEqual() {
        BenchReport report = rateLimited();

        BenchReport read = BenchReport.fromJson(report.toJson(), "memory");

        assertEquals(report, read);
        assertEquals(report.queries().get(0).decodeLatencyHistogram(), read.queries().get(0).decodeLatencyHistogram());
    }

    @Test
    void anUnthrottledRunByIterationsReadsBackEqualThroughAFile(@TempDir Path dir) {
        BenchReport report = run(BenchOptions.builder().warmup(Duration.ofMillis(10)).iterations(40).build());
        Path file = dir.resolve("baseline.json");

        report.write(file);

        assertEquals(report, BenchReport.read(file));
    }

    @Test
    void theFileHasStableFieldNames() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(rateLimited().toJson());

        assertEquals(3, root.get("schemaVersion").asInt());
        assertEquals("17.6", root.at("/environment/postgres.version").asText());
        assertEquals("2000", root.at("/options/durationMillis").asText());
        assertEquals(50.0, root.at("/options/ratePerSecond").asDouble());
        assertTrue(root.at("/options/adaptiveWarmup").asBoolean());
        ObjectNode q = (ObjectNode) root.at("/queries/0");
        assertEquals("project_stats", q.get("name").asText());
        assertEquals("RAW_SQL_ANALYTICS", q.get("type").asText());
        assertEquals("MEASURED", q.get("status").asText());
        for (String field : List.of("calls", "errors", "errorRate", "rows", "rowsPerCall", "measuredMillis",
                "throughputPerSecond", "latencyHistogram")) {
            assertTrue(q.has(field), field);
        }
        for (String field : List.of("count", "meanMillis", "p50Millis", "p95Millis", "p99Millis", "p999Millis",
                "maxMillis")) {
            assertTrue(q.get("latency").has(field), field);
        }
        assertTrue(q.at("/rate/scheduleLag/maxMillis").isNumber());
        assertTrue(q.at("/warmup/millis").isNumber());
        assertEquals("java.sql.SQLException", root.at("/queries/1/firstError/className").asText());
    }

    @Test
    void durationsAreExactDecimalMilliseconds() throws Exception {
        BenchReport report = run(BenchOptions.builder().warmup(Duration.ZERO).warmupIterations(0).iterations(7)
                .build());
        QueryBenchResult q = report.queries().get(0);
        String json = report.toJson();
        JsonNode read = JSON.readTree(json).at("/queries/0");

        // 7 calls of 40, 3, 3, 3, 3, 3, 3 ms: a window of 58 ms, a mean of 8.285714... ms
        assertEquals(58_000_000, q.measuredNanos());
        assertTrue(json.contains("\"measuredMillis\" : 58,"), json);
        assertEquals(0, new BigDecimal(read.at("/latency/meanMillis").asText()).movePointRight(3)
                .compareTo(BigDecimal.valueOf(q.latency().meanMicros())), read::toString);
        assertEquals(0, new BigDecimal(read.at("/latency/maxMillis").asText())
                .compareTo(BigDecimal.valueOf(q.latency().maxMicros()).movePointLeft(3)), read::toString);
        assertFalse(json.matches("(?s).*: -?\\d+(\\.\\d+)?[eE][-+]?\\d.*"), "plain numbers, no exponent: " + json);
    }

    @Test
    void aRunOfTheFirstFormatIsRead() {
        BenchReport rated = BenchReport.read(resource("format1-rate.json"));
        assertEquals(BenchOptions.Length.duration(Duration.ofMillis(300)), rated.options().length());
        assertEquals(100.0, rated.options().rate().orElseThrow());
        assertEquals(2, rated.options().concurrency());
        assertEquals(false, rated.options().adaptiveWarmup());
        assertEquals("15.20 (Debian 15.20-0+deb12u1)", rated.environment().get("postgres.version"));
        QueryBenchResult one = rated.find("one").orElseThrow();
        assertEquals(30, one.calls());
        assertEquals(309_246_168, one.measuredNanos());
        assertEquals(50757.631, one.latency().p95Micros());
        assertEquals(25934.677333333333, one.latency().meanMicros());
        assertEquals(35979.263, one.rate().orElseThrow().serviceTime().p95Micros());
        assertEquals(one.latency().count(), one.decodeLatencyHistogram().getTotalCount());

        BenchReport counted = BenchReport.read(resource("format1-iterations.json"));
        assertEquals(BenchOptions.Length.iterations(30), counted.options().length());
        QueryBenchResult missing = counted.find("missing_table").orElseThrow();
        assertEquals(BenchStatus.FAILED, missing.status());
        assertEquals(3, missing.warmup().errors());
        assertEquals("org.postgresql.util.PSQLException", missing.firstError().orElseThrow().className());

        // read once, it is written in the current schema and reads back equal
        assertEquals(counted, BenchReport.fromJson(counted.toJson(), "memory"));
    }

    @Test
    void aDamagedRunOfTheFirstFormatIsNamedAsThatFormatNamesIt() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(resource("format1-rate.json")));
        ((ObjectNode) root.at("/queries/1")).remove("measuredNanos");
        assertEquals("Cannot read benchmark report old.json: queries[short_sleep].measuredNanos is missing (in a file of"
                        + " formatVersion 1)",
                assertThrows(BenchReportException.class, () -> BenchReport.fromJson(root.toString(), "old.json"))
                        .getMessage());

        ObjectNode root2 = (ObjectNode) JSON.readTree(Files.readString(resource("format1-rate.json")));
        ((ObjectNode) root2.at("/options")).put("warmup", "soon");
        assertEquals("Cannot read benchmark report old.json: options.warmup must be an ISO-8601 duration such as PT10S,"
                        + " was \"soon\"",
                assertThrows(BenchReportException.class, () -> BenchReport.fromJson(root2.toString(), "old.json"))
                        .getMessage());
    }

    private static Path resource(String name) {
        try {
            return Path.of(BenchReportJsonTest.class.getResource("/saved/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void malformedJsonNamesTheSourceAndWhere() {
        BenchReportException e = assertThrows(BenchReportException.class,
                () -> BenchReport.fromJson("{\"schemaVersion\": 2,\n  \"queries\": [", "ci/baseline.json"));

        assertTrue(e.getMessage().startsWith("Cannot read benchmark report ci/baseline.json: it is not valid JSON"
                + " (line 2"), e.getMessage());
        assertEquals("ci/baseline.json", e.source());
    }

    @Test
    void somethingElseThanASavedRunIsRejected() {
        assertEquals("Cannot read benchmark report x.json: it has no schemaVersion: it is not a saved querygov benchmark",
                assertThrows(BenchReportException.class, () -> BenchReport.fromJson("{\"name\": 1}", "x.json"))
                        .getMessage());
        assertEquals("Cannot read benchmark report x.json: it holds a JSON array, not an object: it is not a saved"
                        + " querygov benchmark",
                assertThrows(BenchReportException.class, () -> BenchReport.fromJson("[]", "x.json")).getMessage());
        assertEquals("Cannot read benchmark report x.json: it has formatVersion 7, which no version of querygov wrote:"
                        + " it is not a saved querygov benchmark",
                assertThrows(BenchReportException.class, () -> BenchReport.fromJson("{\"formatVersion\": 7}", "x.json"))
                        .getMessage());
    }

    @Test
    void aNewerSchemaVersionSaysWhatToDo() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(rateLimited().toJson());
        root.put("schemaVersion", 4);

        BenchReportException e = assertThrows(BenchReportException.class,
                () -> BenchReport.fromJson(root.toString(), "new.json"));

        assertEquals("Cannot read benchmark report new.json: it has schemaVersion 4, but this version of querygov"
                + " reads schemaVersion 3, 2 (no work figures) and the formatVersion 1 before them: read it with a newer"
                + " querygov, or save the baseline again", e.getMessage());
    }

    @Test
    void aMissingOrMistypedFieldIsNamedWithItsQuery() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(rateLimited().toJson());
        ((ObjectNode) root.at("/queries/0/latency")).remove("p95Millis");
        assertEquals("Cannot read benchmark report r.json: queries[project_stats].latency.p95Millis is missing",
                assertThrows(BenchReportException.class, () -> BenchReport.fromJson(root.toString(), "r.json"))
                        .getMessage());

        ObjectNode root2 = (ObjectNode) JSON.readTree(rateLimited().toJson());
        ((ObjectNode) root2.at("/queries/1")).put("calls", "many");
        assertEquals("Cannot read benchmark report r.json: queries[broken].calls must be a whole number, was \"many\"",
                assertThrows(BenchReportException.class, () -> BenchReport.fromJson(root2.toString(), "r.json"))
                        .getMessage());

        ObjectNode root3 = (ObjectNode) JSON.readTree(rateLimited().toJson());
        ((ObjectNode) root3.at("/queries/0")).put("status", "FINE");
        assertEquals("Cannot read benchmark report r.json: queries[project_stats].status must be one of MEASURED,"
                        + " UNSUPPORTED, FAILED, was 'FINE'",
                assertThrows(BenchReportException.class, () -> BenchReport.fromJson(root3.toString(), "r.json"))
                        .getMessage());

        ObjectNode root4 = (ObjectNode) JSON.readTree(rateLimited().toJson());
        ((ObjectNode) root4.at("/options")).put("concurrency", 0);
        assertEquals("Cannot read benchmark report r.json: options: concurrency must be at least 1, was 0",
                assertThrows(BenchReportException.class, () -> BenchReport.fromJson(root4.toString(), "r.json"))
                        .getMessage());
    }

    @Test
    void aDamagedHistogramIsNamed() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(rateLimited().toJson());
        ((ObjectNode) root.at("/queries/0")).put("latencyHistogram", "bm90IGEgaGlzdG9ncmFt");

        BenchReportException e = assertThrows(BenchReportException.class,
                () -> BenchReport.fromJson(root.toString(), "r.json"));

        assertTrue(e.getMessage().startsWith("Cannot read benchmark report r.json: queries[project_stats]"
                + ".latencyHistogram is not a histogram: not a compressed HdrHistogram"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("nowhere.json");

        BenchReportException e = assertThrows(BenchReportException.class, () -> BenchReport.read(file));

        assertEquals("Cannot read benchmark report " + file + ": the file does not exist", e.getMessage());
        assertTrue(Files.notExists(file));
    }
}
