package io.querygov.bench.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querygov.bench.BenchOptions;
import io.querygov.bench.BenchReport;
import io.querygov.bench.BenchReportException;
import io.querygov.bench.BenchStatus;
import io.querygov.bench.ErrorSample;
import io.querygov.bench.LatencySummary;
import io.querygov.bench.QueryBenchResult;
import io.querygov.bench.RateResult;
import io.querygov.bench.WarmupResult;
import io.querygov.core.QueryType;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The JSON form of a {@link BenchReport}. Written field by field rather than by data binding, so that the
 * file's field names stay what they are when a record's components change, and reading can say exactly which
 * field of which query is wrong.
 */
public final class ReportCodec {
    /** Configured once and immutable after, as Jackson intends; shared because building one is costly. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ReportCodec() {
    }

    public static String write(BenchReport report) {
        try {
            return MAPPER.writeValueAsString(toTree(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a benchmark report could not be turned into JSON: " + e.getMessage(), e);
        }
    }

    public static void write(BenchReport report, Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            MAPPER.writeValue(out, toTree(report));
        } catch (IOException e) {
            throw new BenchReportException(file.toString(), "Cannot write benchmark report " + file + ": " + e, e);
        }
    }

    public static BenchReport read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BenchReportException(file.toString(), "Cannot read benchmark report " + file
                    + ": the file does not exist", e);
        } catch (IOException e) {
            throw new BenchReportException(file.toString(), "Cannot read benchmark report " + file + ": " + e, e);
        }
        return read(json, file.toString());
    }

    public static BenchReport read(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BenchReportException(source, "Cannot read benchmark report " + source + ": it is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                    + e.getOriginalMessage(), e);
        }
        try {
            return fromTree(root);
        } catch (Problem p) {
            throw new BenchReportException(source, "Cannot read benchmark report " + source + ": " + p.getMessage(), p);
        }
    }

    // ---- writing

    private static ObjectNode toTree(BenchReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", BenchReport.FORMAT_VERSION);
        root.put("startedAt", report.startedAt().toString());
        root.put("finishedAt", report.finishedAt().toString());
        root.set("options", options(report.options()));
        ObjectNode env = root.putObject("environment");
        report.environment().forEach(env::put);
        ArrayNode queries = root.putArray("queries");
        report.queries().forEach(q -> queries.add(query(q)));
        return root;
    }

    private static ObjectNode options(BenchOptions o) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("warmup", o.warmup().toString());
        n.put("warmupIterations", o.warmupIterations());
        n.put("adaptiveWarmup", o.adaptiveWarmup());
        if (o.length() instanceof BenchOptions.Length.ForDuration d) {
            n.put("duration", d.duration().toString());
        } else if (o.length() instanceof BenchOptions.Length.ForIterations i) {
            n.put("iterations", i.callsPerThread());
        }
        n.put("concurrency", o.concurrency());
        if (o.rate().isPresent()) {
            n.put("rate", o.rate().getAsDouble());
        }
        n.put("progressInterval", o.progressInterval().toString());
        return n;
    }

    private static ObjectNode query(QueryBenchResult q) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", q.name());
        n.put("type", q.type().name());
        n.put("status", q.status().name());
        ObjectNode w = n.putObject("warmup");
        w.put("calls", q.warmup().calls());
        w.put("errors", q.warmup().errors());
        w.put("nanos", q.warmup().nanos());
        n.put("calls", q.calls());
        n.put("errors", q.errors());
        q.firstError().ifPresent(e -> {
            ObjectNode err = n.putObject("firstError");
            err.put("class", e.className());
            err.put("message", e.message());
        });
        n.put("rows", q.rows());
        n.put("measuredNanos", q.measuredNanos());
        // Derived, for people and tools reading the file; ignored when it is read back.
        n.put("throughputPerSecond", q.throughputPerSecond());
        n.put("rowsPerCall", q.rowsPerCall());
        n.set("latency", summary(q.latency()));
        n.put("latencyHistogram", q.latencyHistogram());
        q.rate().ifPresent(r -> {
            ObjectNode rate = n.putObject("rate");
            rate.put("targetPerSecond", r.targetPerSecond());
            rate.set("serviceTime", summary(r.serviceTime()));
            rate.put("serviceTimeHistogram", r.serviceTimeHistogram());
            rate.set("scheduleLag", summary(r.scheduleLag()));
            rate.put("missedStarts", r.missedStarts());
        });
        return n;
    }

    private static ObjectNode summary(LatencySummary s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("count", s.count());
        n.put("meanMicros", s.meanMicros());
        n.put("p50Micros", s.p50Micros());
        n.put("p95Micros", s.p95Micros());
        n.put("p99Micros", s.p99Micros());
        n.put("p999Micros", s.p999Micros());
        n.put("maxMicros", s.maxMicros());
        return n;
    }

    // ---- reading

    private static BenchReport fromTree(JsonNode rootNode) {
        if (!rootNode.isObject()) {
            throw new Problem("it holds a JSON " + rootNode.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object:"
                    + " it is not a saved querygov benchmark");
        }
        In root = new In(rootNode, "");
        JsonNode version = rootNode.get("formatVersion");
        if (version == null) {
            throw new Problem("it has no formatVersion: it is not a saved querygov benchmark");
        }
        if (!version.isIntegralNumber()) {
            throw new Problem("formatVersion must be a whole number, was " + version);
        }
        if (version.asInt() != BenchReport.FORMAT_VERSION) {
            throw new Problem("it has formatVersion " + version.asText() + ", but this version of querygov reads only "
                    + BenchReport.FORMAT_VERSION + (version.asInt() > BenchReport.FORMAT_VERSION
                    ? ": read it with a newer querygov, or save the baseline again" : ""));
        }
        Map<String, String> env = new LinkedHashMap<>();
        In envNode = root.object("environment");
        envNode.node.properties().forEach(e -> env.put(e.getKey(),
                new In(e.getValue(), envNode.path + "." + e.getKey()).asText()));
        List<QueryBenchResult> queries = new ArrayList<>();
        for (In q : root.array("queries")) {
            queries.add(query(q));
        }
        return new BenchReport(root.instant("startedAt"), root.instant("finishedAt"), options(root.object("options")),
                env, queries);
    }

    private static BenchOptions options(In n) {
        BenchOptions.Length length;
        boolean hasDuration = n.has("duration");
        boolean hasIterations = n.has("iterations");
        if (hasDuration == hasIterations) {
            throw new Problem(n.path + " must have exactly one of duration and iterations");
        }
        length = hasDuration ? n.check("duration", () -> BenchOptions.Length.duration(n.duration("duration")))
                : n.check("iterations", () -> BenchOptions.Length.iterations(n.longValue("iterations")));
        OptionalDouble rate = n.has("rate") ? OptionalDouble.of(n.doubleValue("rate")) : OptionalDouble.empty();
        boolean adaptive = n.has("adaptiveWarmup") && n.node.get("adaptiveWarmup").asBoolean();
        return n.check("", () -> new BenchOptions(n.duration("warmup"), n.intValue("warmupIterations"), adaptive, length,
                n.intValue("concurrency"), rate, n.duration("progressInterval")));
    }

    private static QueryBenchResult query(In n) {
        String name = n.text("name");
        In at = n.renamed("queries[" + name + "]");
        QueryType type = at.check("type", () -> QueryType.parse(at.text("type")));
        BenchStatus status = at.enumValue("status", BenchStatus.class);
        In w = at.object("warmup");
        WarmupResult warmup = new WarmupResult(w.longValue("calls"), w.longValue("errors"), w.longValue("nanos"));
        Optional<ErrorSample> firstError = at.has("firstError")
                ? Optional.of(at.object("firstError")).map(e -> new ErrorSample(e.text("class"), e.text("message")))
                : Optional.empty();
        Optional<RateResult> rate = rateOrEmpty(at);
        return at.check("", () -> new QueryBenchResult(name, type, status, warmup, at.longValue("calls"),
                at.longValue("errors"), firstError, at.longValue("rows"), at.longValue("measuredNanos"),
                summary(at.object("latency")), at.histogram("latencyHistogram"), rate));
    }

    private static Optional<RateResult> rateOrEmpty(In at) {
        if (!at.has("rate")) {
            return Optional.empty();
        }
        In r = at.object("rate");
        return Optional.of(new RateResult(r.doubleValue("targetPerSecond"), summary(r.object("serviceTime")),
                r.histogram("serviceTimeHistogram"), summary(r.object("scheduleLag")), r.longValue("missedStarts")));
    }

    private static LatencySummary summary(In n) {
        return n.check("", () -> new LatencySummary(n.longValue("count"), n.doubleValue("meanMicros"),
                n.doubleValue("p50Micros"), n.doubleValue("p95Micros"), n.doubleValue("p99Micros"),
                n.doubleValue("p999Micros"), n.doubleValue("maxMicros")));
    }

    /** What is wrong with the file's content; the caller adds the file's name. */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message);
        }
    }

    /** A node and the path that leads to it, for messages such as {@code queries[report].latency.p95Micros}. */
    private static final class In {
        final JsonNode node;
        final String path;

        In(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        In renamed(String newPath) {
            return new In(node, newPath);
        }

        private String at(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        boolean has(String field) {
            JsonNode v = node.get(field);
            return v != null && !v.isNull();
        }

        private JsonNode required(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw new Problem(at(field) + " is missing");
            }
            return v;
        }

        In object(String field) {
            JsonNode v = required(field);
            if (!v.isObject()) {
                throw new Problem(at(field) + " must be an object, was " + v.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            return new In(v, at(field));
        }

        List<In> array(String field) {
            JsonNode v = required(field);
            if (!v.isArray()) {
                throw new Problem(at(field) + " must be an array, was " + v.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            List<In> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (!item.isObject()) {
                    throw new Problem(at(field) + "[" + i + "] must be an object");
                }
                out.add(new In(item, at(field) + "[" + i + "]"));
            }
            return out;
        }

        String asText() {
            if (!node.isTextual()) {
                throw new Problem(path + " must be text, was " + node);
            }
            return node.asText();
        }

        String text(String field) {
            return new In(required(field), at(field)).asText();
        }

        long longValue(String field) {
            JsonNode v = required(field);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new Problem(at(field) + " must be a whole number, was " + v);
            }
            return v.longValue();
        }

        int intValue(String field) {
            JsonNode v = required(field);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new Problem(at(field) + " must be a whole number, was " + v);
            }
            return v.intValue();
        }

        double doubleValue(String field) {
            JsonNode v = required(field);
            if (!v.isNumber()) {
                throw new Problem(at(field) + " must be a number, was " + v);
            }
            return v.doubleValue();
        }

        Duration duration(String field) {
            String text = text(field);
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new Problem(at(field) + " must be an ISO-8601 duration such as PT10S, was '" + text + "'");
            }
        }

        Instant instant(String field) {
            String text = text(field);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new Problem(at(field) + " must be an ISO-8601 instant such as 2024-01-01T00:00:00Z, was '"
                        + text + "'");
            }
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type) {
            String text = text(field);
            try {
                return Enum.valueOf(type, text);
            } catch (IllegalArgumentException e) {
                throw new Problem(at(field) + " must be one of " + Arrays.stream(type.getEnumConstants())
                        .map(Enum::name).collect(Collectors.joining(", ")) + ", was '" + text + "'");
            }
        }

        String histogram(String field) {
            String text = text(field);
            try {
                Histograms.decode(text);
            } catch (IllegalArgumentException e) {
                throw new Problem(at(field) + " is not a histogram: " + e.getMessage());
            }
            return text;
        }

        /** Runs a constructor, turning its validation error into a problem at this path. */
        <T> T check(String field, Supplier<T> make) {
            try {
                return make.get();
            } catch (Problem p) {
                throw p;
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new Problem((field.isEmpty() ? path : at(field)) + ": " + e.getMessage());
            }
        }
    }
}
