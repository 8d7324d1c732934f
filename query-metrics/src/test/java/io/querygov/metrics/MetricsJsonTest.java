package io.querygov.metrics;

import static io.querygov.metrics.SampleMetrics.FIND;
import static io.querygov.metrics.SampleMetrics.REPORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querygov.core.SqlFingerprint;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshots as JSON and as a log summary. */
class MetricsJsonTest {
    private final SampleMetrics sample = new SampleMetrics();

    @Test
    void jsonFollowsTheSharedNamingWithDurationsInDecimalMilliseconds() throws Exception {
        MetricsSnapshot s = sample.interval(1);
        JsonNode root = new ObjectMapper().readTree(s.toJson());

        assertEquals(List.of("schemaVersion", "format", "start", "end", "histogramUnit", "queries"), fieldNames(root));
        assertEquals(2, root.get("schemaVersion").asInt());
        assertTrue(root.get("schemaVersion").isIntegralNumber());
        assertEquals("querygov-metrics", root.get("format").asText());
        assertEquals("2024-01-01T00:00:00Z", root.get("start").asText());
        assertEquals("2024-01-01T00:01:00Z", root.get("end").asText());
        assertEquals("MICROSECONDS", root.get("histogramUnit").asText());
        assertEquals(3, root.get("queries").size());

        JsonNode q = root.get("queries").get(1);
        assertEquals(List.of("name", "type", "fingerprintId", "statement", "origin", "count", "errors", "slowCount",
                "rows", "totalMillis", "meanMillis", "p50Millis", "p95Millis", "p99Millis", "p999Millis", "maxMillis",
                "histogram"), fieldNames(q));
        QueryStats stats = s.query(FIND).orElseThrow();
        assertEquals(FIND, q.get("name").asText());
        assertEquals("ORM_SIMPLE", q.get("type").asText());
        SqlFingerprint fingerprint = SqlFingerprint.of(SampleMetrics.FIND_SQL);
        assertEquals(fingerprint.id(), q.get("fingerprintId").asText());
        assertEquals(fingerprint.normalized(), q.get("statement").asText());
        assertTrue(q.get("statement").asText().endsWith("p.id = ?"), "the shape, never the value 42");
        assertEquals("ProjectRepository#find", q.get("origin").asText());
        assertEquals(500, q.get("count").asLong());
        assertEquals(10, q.get("errors").asLong());
        assertEquals(0, q.get("slowCount").asLong());
        assertEquals(500, q.get("rows").asLong());
        assertEquals(new BigDecimal(stats.totalTime().toNanos()).movePointLeft(6), q.get("totalMillis").decimalValue()
                .setScale(6));
        assertEquals(stats.mean().toNanos() / 1e6, q.get("meanMillis").asDouble(), 1e-9);
        assertEquals(stats.p95().toNanos() / 1e6, q.get("p95Millis").asDouble(), 1e-9);
        assertEquals(stats.p999().toNanos() / 1e6, q.get("p999Millis").asDouble(), 1e-9);
        assertEquals(stats.max().toNanos() / 1e6, q.get("maxMillis").asDouble(), 1e-9);
        assertTrue(q.get("histogram").asText().startsWith("HIST"), "HdrHistogram's base64 form");

        JsonNode report = root.get("queries").get(0);
        assertTrue(report.get("fingerprintId").isNull(), "a query without a statement has no fingerprint");
        assertTrue(report.get("statement").isNull());
        assertTrue(report.get("origin").isNull());

        JsonNode overflow = root.get("queries").get(2);
        assertEquals(QueryMetrics.OVERFLOW_NAME, overflow.get("name").asText());
        assertTrue(overflow.get("type").isNull());
        assertTrue(overflow.get("fingerprintId").isNull());
    }

    @Test
    void millisecondsAreExactToTheNanosecondAndReadBackExactly() {
        QueryMetrics metrics = QueryMetrics.create();
        metrics.afterExecution(Executions.ok(Executions.query("q"), 1_234_567_891L));
        MetricsSnapshot s = metrics.cumulativeSnapshot();
        String json = s.toJson();
        assertTrue(json.contains("\"totalMillis\" : 1234.567891"), json);
        assertEquals(1_234_567_891L, MetricsJson.fromJson(json).query("q").orElseThrow().totalTime().toNanos());
    }

    @Test
    void jsonReadsBackIntoAnEqualSnapshot() throws Exception {
        MetricsSnapshot s = sample.interval(3);
        MetricsSnapshot back = MetricsJson.fromJson(s.toJson());
        assertEquals(s, back);
        assertEquals(s.query(FIND).orElseThrow().histogram(), back.query(FIND).orElseThrow().histogram());
        assertEquals(s.query(REPORT).orElseThrow().p99(), back.query(REPORT).orElseThrow().p99());
        assertEquals(s.query(FIND).orElseThrow().fingerprintId(), back.query(FIND).orElseThrow().fingerprintId());
        assertEquals(s.query(FIND).orElseThrow().origin(), back.query(FIND).orElseThrow().origin());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MetricsJson.write(s, bytes);
        assertEquals(s.toJson(), bytes.toString(StandardCharsets.UTF_8));
        assertEquals(s, MetricsJson.read(new StringReader(bytes.toString(StandardCharsets.UTF_8))));
    }

    @Test
    void jsonReadingRejectsWhatIsNotASnapshot() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsJson.fromJson("{\"format\": \"other\"}"))
                .getMessage().startsWith("not a querygov metrics snapshot"));
        assertEquals("a querygov metrics snapshot of schemaVersion 1: this version of querygov reads schemaVersion 2",
                assertThrows(IllegalArgumentException.class,
                        () -> MetricsJson.fromJson("{\"schemaVersion\": 1, \"format\": \"querygov-metrics\"}")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsJson.fromJson("{"))
                .getMessage().startsWith("not valid JSON"));
        String tampered = sample.interval(1).toJson().replaceFirst("\"count\" : 500", "\"count\" : 501");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsJson.fromJson(tampered))
                .getMessage().contains("has count 501 but its histogram holds 500 values"));
    }

    @Test
    void summaryLinesAreAligned() {
        MetricsSnapshot s = sample.interval(1);
        String[] lines = s.summary().split(System.lineSeparator());
        assertEquals(5, lines.length, s.summary());
        assertTrue(lines[0].startsWith("query metrics 2024-01-01T00:00:00Z .. 2024-01-01T00:01:00Z (60.000 s), 3 queries"),
                lines[0]);
        assertTrue(lines[1].startsWith("query "), lines[1]);
        assertTrue(lines[2].startsWith("Reports.monthly,by_owner%  RAW_SQL_ANALYTICS "), lines[2]);
        assertTrue(lines[3].startsWith("find:Project               ORM_SIMPLE "), lines[3]);
        assertTrue(lines[4].startsWith(QueryMetrics.OVERFLOW_NAME + " "), lines[4]);
        int totalColumnEnd = lines[1].length();
        for (int i = 2; i < lines.length; i++) {
            assertEquals(totalColumnEnd, lines[i].length(), "right-aligned last column: " + lines[i]);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
