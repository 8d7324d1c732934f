package io.querygov.metrics;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querygov.core.QueryType;
import io.querygov.metrics.internal.Histograms;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Snapshots as JSON, and back. The field names are stable; every time is a whole number of
 * nanoseconds in a field whose name ends in {@code Nanos}:
 *
 * <pre>{@code
 * {
 *   "format": "querygov-metrics/1",
 *   "start": "2024-01-01T00:00:00Z",
 *   "end": "2024-01-01T00:01:00Z",
 *   "histogramUnit": "MICROSECONDS",
 *   "queries": [
 *     {
 *       "name": "findProject", "type": "ORM_SIMPLE",
 *       "count": 1200, "errors": 1, "slowCount": 0, "rows": 1199,
 *       "totalNanos": 151000000, "meanNanos": 125833,
 *       "p50Nanos": 120000, "p95Nanos": 180000, "p99Nanos": 250000, "p999Nanos": 400000, "maxNanos": 410000,
 *       "histogram": "HISTFAAAA..."
 *     }
 *   ]
 * }
 * }</pre>
 *
 * <p>{@code type} is null for the {@linkplain QueryMetrics#OVERFLOW_NAME overflow entry}.
 * {@code histogram} is the histogram of durations in {@code histogramUnit}, in HdrHistogram's
 * compressed base64 encoding: the same text as the last column of an HdrHistogram interval log line,
 * which HdrHistogram decodes in any language. Reading recomputes the derived fields (mean,
 * percentiles, max) from the histogram and the totals.
 */
public final class MetricsJson {
    /** The value of the {@code format} field; a reader refuses any other. */
    public static final String FORMAT = "querygov-metrics/1";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private MetricsJson() {
    }

    public static String toJson(MetricsSnapshot snapshot) {
        StringWriter out = new StringWriter();
        try {
            write(snapshot, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Writes the snapshot, pretty-printed; flushes but does not close {@code out}. */
    public static void write(MetricsSnapshot snapshot, Writer out) throws IOException {
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            write(snapshot, g);
        }
    }

    /** Writes the snapshot in UTF-8, pretty-printed; flushes but does not close {@code out}. */
    public static void write(MetricsSnapshot snapshot, OutputStream out) throws IOException {
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            write(snapshot, g);
        }
    }

    private static void write(MetricsSnapshot s, JsonGenerator g) throws IOException {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeStringField("start", s.start().toString());
        g.writeStringField("end", s.end().toString());
        g.writeStringField("histogramUnit", s.histogramUnit().name());
        g.writeArrayFieldStart("queries");
        for (QueryStats q : s.queries()) {
            g.writeStartObject();
            g.writeStringField("name", q.name());
            g.writeStringField("type", q.type() == null ? null : q.type().name());
            g.writeNumberField("count", q.count());
            g.writeNumberField("errors", q.errors());
            g.writeNumberField("slowCount", q.slowCount());
            g.writeNumberField("rows", q.rows());
            g.writeNumberField("totalNanos", q.totalTime().toNanos());
            g.writeNumberField("meanNanos", q.mean().toNanos());
            g.writeNumberField("p50Nanos", q.p50().toNanos());
            g.writeNumberField("p95Nanos", q.p95().toNanos());
            g.writeNumberField("p99Nanos", q.p99().toNanos());
            g.writeNumberField("p999Nanos", q.p999().toNanos());
            g.writeNumberField("maxNanos", q.max().toNanos());
            g.writeStringField("histogram", Histograms.toBase64(q.histogram()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
    }

    /** Reads a snapshot written by {@link #write}. Does not close {@code in}. */
    public static MetricsSnapshot read(Reader in) throws IOException {
        return parse(MAPPER.readTree(in));
    }

    /**
     * Reads a snapshot from JSON text.
     *
     * @throws IllegalArgumentException when the text is not a snapshot in this format
     */
    public static MetricsSnapshot fromJson(String json) {
        try {
            return parse(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static MetricsSnapshot parse(JsonNode root) {
        if (root == null || !FORMAT.equals(root.path("format").asText(null))) {
            throw new IllegalArgumentException("not a querygov metrics snapshot: expected \"format\": \"" + FORMAT + "\"");
        }
        try {
            TimeUnit unit = TimeUnit.valueOf(text(root, "histogramUnit"));
            List<QueryStats> queries = new ArrayList<>();
            for (JsonNode q : root.path("queries")) {
                String name = text(q, "name");
                JsonNode type = q.path("type");
                Histogram h = Histograms.fromBase64(text(q, "histogram"));
                long count = number(q, "count");
                if (count != h.getTotalCount()) {
                    throw new IllegalArgumentException("query '" + name + "' has count " + count + " but its histogram holds "
                            + h.getTotalCount() + " values");
                }
                queries.add(QueryStats.of(name, type.isNull() ? null : QueryType.parse(type.asText()),
                        number(q, "errors"), number(q, "slowCount"), number(q, "rows"), number(q, "totalNanos"), h, unit));
            }
            return MetricsSnapshot.of(Instant.parse(text(root, "start")), Instant.parse(text(root, "end")), unit, queries);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a querygov metrics snapshot: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("not a querygov metrics snapshot: \"" + field + "\" should be a string");
        }
        return v.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("not a querygov metrics snapshot: \"" + field + "\" should be a whole number");
        }
        return v.asLong();
    }
}
