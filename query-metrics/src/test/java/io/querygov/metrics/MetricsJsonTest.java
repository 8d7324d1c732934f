package io.querygov.metrics;

import static io.querygov.metrics.SampleMetrics.FIND;
import static io.querygov.metrics.SampleMetrics.REPORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshots as JSON and as a log summary. */
class MetricsJsonTest {
    private final SampleMetrics sample = new SampleMetrics();

    @Test
    void jsonHasStableFieldNamesWithUnitsInThem() throws Exception {
        MetricsSnapshot s = sample.interval(1);
        JsonNode root = new ObjectMapper().readTree(s.toJson());

        assertEquals(List.of("format", "start", "end", "histogramUnit", "queries"), fieldNames(root));
        assertEquals("querygov-metrics/1", root.get("format").asText());
        assertEquals("2024-01-01T00:00:00Z", root.get("start").asText());
        assertEquals("2024-01-01T00:01:00Z", root.get("end").asText());
        assertEquals("MICROSECONDS", root.get("histogramUnit").asText());
        assertEquals(3, root.get("queries").size());

        JsonNode q = root.get("queries").get(1);
        assertEquals(List.of("name", "type", "count", "errors", "slowCount", "rows", "totalNanos", "meanNanos",
                "p50Nanos", "p95Nanos", "p99Nanos", "p999Nanos", "maxNanos", "histogram"), fieldNames(q));
        QueryStats stats = s.query(FIND).orElseThrow();
        assertEquals(FIND, q.get("name").asText());
        assertEquals("ORM_SIMPLE", q.get("type").asText());
        assertEquals(500, q.get("count").asLong());
        assertEquals(10, q.get("errors").asLong());
        assertEquals(0, q.get("slowCount").asLong());
        assertEquals(500, q.get("rows").asLong());
        assertEquals(stats.totalTime().toNanos(), q.get("totalNanos").asLong());
        assertEquals(stats.mean().toNanos(), q.get("meanNanos").asLong());
        assertEquals(stats.p95().toNanos(), q.get("p95Nanos").asLong());
        assertEquals(stats.p999().toNanos(), q.get("p999Nanos").asLong());
        assertEquals(stats.max().toNanos(), q.get("maxNanos").asLong());
        assertTrue(q.get("histogram").asText().startsWith("HIST"), "HdrHistogram's base64 form");

        JsonNode overflow = root.get("queries").get(2);
        assertEquals(QueryMetrics.OVERFLOW_NAME, overflow.get("name").asText());
        assertTrue(overflow.get("type").isNull());
    }

    @Test
    void jsonReadsBackIntoAnEqualSnapshot() throws Exception {
        MetricsSnapshot s = sample.interval(3);
        MetricsSnapshot back = MetricsJson.fromJson(s.toJson());
        assertEquals(s, back);
        assertEquals(s.query(FIND).orElseThrow().histogram(), back.query(FIND).orElseThrow().histogram());
        assertEquals(s.query(REPORT).orElseThrow().p99(), back.query(REPORT).orElseThrow().p99());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MetricsJson.write(s, bytes);
        assertEquals(s.toJson(), bytes.toString(StandardCharsets.UTF_8));
        assertEquals(s, MetricsJson.read(new StringReader(bytes.toString(StandardCharsets.UTF_8))));
    }

    @Test
    void jsonReadingRejectsWhatIsNotASnapshot() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsJson.fromJson("{\"format\": \"other\"}"))
                .getMessage().startsWith("not a querygov metrics snapshot"));
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
