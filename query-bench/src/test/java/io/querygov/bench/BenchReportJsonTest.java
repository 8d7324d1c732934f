package io.querygov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querygov.core.ManualClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
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

        assertEquals(1, root.get("formatVersion").asInt());
        assertEquals("17.6", root.at("/environment/postgres.version").asText());
        assertEquals("PT2S", root.at("/options/duration").asText());
        assertEquals(50.0, root.at("/options/rate").asDouble());
        ObjectNode q = (ObjectNode) root.at("/queries/0");
        assertEquals("project_stats", q.get("name").asText());
        assertEquals("RAW_SQL_ANALYTICS", q.get("type").asText());
        assertEquals("MEASURED", q.get("status").asText());
        for (String field : List.of("calls", "errors", "rows", "measuredNanos", "throughputPerSecond", "rowsPerCall",
                "latencyHistogram")) {
            assertTrue(q.has(field), field);
        }
        for (String field : List.of("count", "meanMicros", "p50Micros", "p95Micros", "p99Micros", "p999Micros",
                "maxMicros")) {
            assertTrue(q.get("latency").has(field), field);
        }
        assertTrue(q.at("/rate/scheduleLag/maxMicros").isNumber());
        assertEquals("java.sql.SQLException", root.at("/queries/1/firstError/class").asText());
    }

    @Test
    void malformedJsonNamesTheSourceAndWhere() {
        BenchReportException e = assertThrows(BenchReportException.class,
                () -> BenchReport.fromJson("{\"formatVersion\": 1,\n  \"queries\": [", "ci/baseline.json"));

        assertTrue(e.getMessage().startsWith("Cannot read benchmark report ci/baseline.json: it is not valid JSON"
                + " (line 2"), e.getMessage());
        assertEquals("ci/baseline.json", e.source());
    }

    @Test
    void somethingElseThanASavedRunIsRejected() {
        assertEquals("Cannot read benchmark report x.json: it has no formatVersion: it is not a saved querygov benchmark",
                assertThrows(BenchReportException.class, () -> BenchReport.fromJson("{\"name\": 1}", "x.json"))
                        .getMessage());
        assertEquals("Cannot read benchmark report x.json: it holds a JSON array, not an object: it is not a saved"
                        + " querygov benchmark",
                assertThrows(BenchReportException.class, () -> BenchReport.fromJson("[]", "x.json")).getMessage());
    }

    @Test
    void aNewerFormatVersionSaysWhatToDo() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(rateLimited().toJson());
        root.put("formatVersion", 2);

        BenchReportException e = assertThrows(BenchReportException.class,
                () -> BenchReport.fromJson(root.toString(), "old.json"));

        assertEquals("Cannot read benchmark report old.json: it has formatVersion 2, but this version of querygov"
                + " reads only 1: read it with a newer querygov, or save the baseline again", e.getMessage());
    }

    @Test
    void aMissingOrMistypedFieldIsNamedWithItsQuery() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(rateLimited().toJson());
        ((ObjectNode) root.at("/queries/0/latency")).remove("p95Micros");
        assertEquals("Cannot read benchmark report r.json: queries[project_stats].latency.p95Micros is missing",
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
