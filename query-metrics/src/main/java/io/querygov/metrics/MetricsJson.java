package io.querygov.metrics;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Snapshots as JSON, and back. The names follow querygov's JSON conventions: lowerCamelCase keys,
 * durations as decimal milliseconds in keys ending in {@code Millis} (exact to the nanosecond),
 * counts without a suffix, instants as ISO-8601 text, and an integer {@code schemaVersion} at the
 * root:
 *
 * <pre>{@code
 * {
 *   "schemaVersion": 2,
 *   "format": "querygov-metrics",
 *   "start": "2024-01-01T00:00:00Z",
 *   "end": "2024-01-01T00:01:00Z",
 *   "histogramUnit": "MICROSECONDS",
 *   "queries": [
 *     {
 *       "name": "find:Project", "type": "ORM_SIMPLE",
 *       "fingerprintId": "b5548a0c61f2e3d4",
 *       "statement": "select p.id, p.name from projects p where p.id = ?",
 *       "origin": "ProjectRepository#find",
 *       "count": 1200, "errors": 1, "slowCount": 0, "rows": 1199,
 *       "totalMillis": 151.0, "meanMillis": 0.125833,
 *       "p50Millis": 0.12, "p95Millis": 0.18, "p99Millis": 0.25, "p999Millis": 0.4, "maxMillis": 0.41,
 *       "histogram": "HISTFAAAA..."
 *     }
 *   ]
 * }
 * }</pre>
 *
 * <p>{@code type} is null for the {@linkplain QueryMetrics#OVERFLOW_NAME overflow entry};
 * {@code fingerprintId}, {@code statement} and {@code origin} are null when unknown (always for the
 * overflow entry). {@code fingerprintId} is the {@link io.querygov.core.SqlFingerprint#id()} of the
 * query's statement and {@code statement} its normalized text, never holding a parameter value: a
 * reader maps the statements a server reports to names by fingerprint. {@code histogram} is the
 * histogram of durations in {@code histogramUnit}, in HdrHistogram's compressed base64 encoding: the
 * same text as the last column of an HdrHistogram interval log line, which HdrHistogram decodes in
 * any language. Reading recomputes the derived fields (mean, percentiles, max) from the histogram and
 * the totals.
 *
 * <p>A snapshot with units of work ({@link MetricsSnapshot#units()}) has a {@code units} array after
 * {@code queries} (and {@code cache}), absent when no unit ended, so that documents of services that
 * report none are unchanged and {@code schemaVersion} stays 2:
 *
 * <pre>{@code
 *   "units": [
 *     {
 *       "name": "owners page", "count": 40, "failed": 0,
 *       "statements": 4840, "meanStatements": 121.0, "p95Statements": 124, "maxStatements": 124,
 *       "totalMillis": 292.4, "meanMillis": 7.31, "p50Millis": 7.1, "p95Millis": 9.3, "p99Millis": 9.9,
 *       "p999Millis": 9.9, "maxMillis": 9.9,
 *       "histogram": "HISTFAAAA...", "statementsHistogram": "HISTFAAAA..."
 *     }
 *   ]
 * }</pre>
 *
 * <p>A unit's times are its database time (the sum of its statements' durations), {@code histogram}
 * their distribution in {@code histogramUnit}, {@code statementsHistogram} that of statements per unit.
 */
public final class MetricsJson {
    /** The value of {@code schemaVersion} this class writes and reads. */
    public static final int SCHEMA_VERSION = 2;
    /** The value of the {@code format} field: what kind of document this is. */
    public static final String FORMAT = "querygov-metrics";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

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
        g.writeNumberField("schemaVersion", SCHEMA_VERSION);
        g.writeStringField("format", FORMAT);
        g.writeStringField("start", s.start().toString());
        g.writeStringField("end", s.end().toString());
        g.writeStringField("histogramUnit", s.histogramUnit().name());
        writeArray(g, "queries", s.queries(), MetricsJson::writeQuery);
        if (!s.cache().isEmpty()) {
            // only with a result cache: documents of services without one stay as they were
            writeArray(g, "cache", s.cache(), MetricsJson::writeCache);
        }
        if (!s.units().isEmpty()) {
            writeArray(g, "units", s.units(), MetricsJson::writeUnit);
        }
        g.writeEndObject();
        g.flush();
    }

    /** Writes the fields of one element of an array. */
    @FunctionalInterface
    private interface FieldWriter<T> {
        void write(T element, JsonGenerator g) throws IOException;
    }

    private static <T> void writeArray(JsonGenerator g, String name, List<T> elements, FieldWriter<T> fields)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (T element : elements) {
            g.writeStartObject();
            fields.write(element, g);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeQuery(QueryStats q, JsonGenerator g) throws IOException {
        g.writeStringField("name", q.name());
        g.writeStringField("type", q.type() == null ? null : q.type().name());
        g.writeStringField("fingerprintId", q.fingerprintId().orElse(null));
        g.writeStringField("statement", q.statement().orElse(null));
        g.writeStringField("origin", q.origin().orElse(null));
        g.writeNumberField("count", q.count());
        g.writeNumberField("errors", q.errors());
        g.writeNumberField("slowCount", q.slowCount());
        g.writeNumberField("rows", q.rows());
        writeTimes(q, g);
    }

    private static void writeCache(CacheStats c, JsonGenerator g) throws IOException {
        g.writeStringField("name", c.name());
        g.writeNumberField("hits", c.hits());
        g.writeNumberField("misses", c.misses());
        g.writeNumberField("evictions", c.evictions());
    }

    private static void writeUnit(QueryStats u, JsonGenerator g) throws IOException {
        g.writeStringField("name", u.name());
        g.writeNumberField("count", u.count());
        g.writeNumberField("failed", u.errors());
        g.writeNumberField("statements", u.statements());
        g.writeNumberField("meanStatements", BigDecimal.valueOf(u.meanStatements()).setScale(3, RoundingMode.HALF_UP)
                .stripTrailingZeros());
        g.writeNumberField("p95Statements", u.p95Statements());
        g.writeNumberField("maxStatements", u.maxStatements());
        writeTimes(u, g);
        g.writeStringField("statementsHistogram", Histograms.toBase64(u.statementsHistogram()));
    }

    // Field names like query-bench's report (meanMillis, p50Millis...) on purpose: one vocabulary in both documents.
    /** The times that queries and units of work both have, in milliseconds, then their histogram. */
    private static void writeTimes(QueryStats q, JsonGenerator g) throws IOException {
        g.writeNumberField("totalMillis", millis(q.totalTime()));
        g.writeNumberField("meanMillis", millis(q.mean()));
        g.writeNumberField("p50Millis", millis(q.p50()));
        g.writeNumberField("p95Millis", millis(q.p95()));
        g.writeNumberField("p99Millis", millis(q.p99()));
        g.writeNumberField("p999Millis", millis(q.p999()));
        g.writeNumberField("maxMillis", millis(q.max()));
        g.writeStringField("histogram", Histograms.toBase64(q.histogram()));
    }

    /** Exact: a whole number of nanoseconds is a decimal number of milliseconds with at most six places. */
    private static BigDecimal millis(Duration d) {
        return BigDecimal.valueOf(d.toNanos(), 6).stripTrailingZeros();
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
        JsonNode version = root.path("schemaVersion");
        if (!version.canConvertToExactIntegral() || version.asInt() != SCHEMA_VERSION) {
            throw new IllegalArgumentException("a querygov metrics snapshot of schemaVersion " + version
                    + ": this version of querygov reads schemaVersion " + SCHEMA_VERSION);
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
                                number(q, "errors"), number(q, "slowCount"), number(q, "rows"), nanos(q, "totalMillis"), h, unit)
                        .withStatement(optionalText(q, "fingerprintId"), optionalText(q, "statement"),
                                optionalText(q, "origin")));
            }
            List<CacheStats> cache = new ArrayList<>();
            for (JsonNode c : root.path("cache")) {
                cache.add(new CacheStats(text(c, "name"), number(c, "hits"), number(c, "misses"), number(c, "evictions")));
            }
            List<QueryStats> units = new ArrayList<>();
            for (JsonNode u : root.path("units")) {
                String name = text(u, "name");
                Histogram time = Histograms.fromBase64(text(u, "histogram"));
                Histogram perUnit = Histograms.fromBase64(text(u, "statementsHistogram"));
                long count = number(u, "count");
                if (count != time.getTotalCount() || count != perUnit.getTotalCount()) {
                    throw new IllegalArgumentException("unit of work '" + name + "' has count " + count
                            + " but its histograms hold " + time.getTotalCount() + " and " + perUnit.getTotalCount() + " values");
                }
                units.add(QueryStats.ofUnitOfWork(name, number(u, "failed"), number(u, "statements"), nanos(u, "totalMillis"),
                        time, perUnit, unit));
            }
            return MetricsSnapshot.of(Instant.parse(text(root, "start")), Instant.parse(text(root, "end")), unit, queries,
                    cache, units);
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

    private static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("not a querygov metrics snapshot: \"" + field + "\" should be a string or null");
        }
        return v.asText();
    }

    private static long nanos(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("not a querygov metrics snapshot: \"" + field + "\" should be a number of milliseconds");
        }
        try {
            return v.decimalValue().movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("not a querygov metrics snapshot: \"" + field + "\" is out of range: " + v, e);
        }
    }

    private static long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("not a querygov metrics snapshot: \"" + field + "\" should be a whole number");
        }
        return v.asLong();
    }
}
