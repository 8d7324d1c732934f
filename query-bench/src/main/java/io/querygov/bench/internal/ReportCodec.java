package io.querygov.bench.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querygov.bench.Arrivals;
import io.querygov.bench.BaselineComparison;
import io.querygov.bench.BenchOptions;
import io.querygov.bench.BenchReport;
import io.querygov.bench.BenchReportException;
import io.querygov.bench.BenchStatus;
import io.querygov.bench.ErrorSample;
import io.querygov.bench.GateProblem;
import io.querygov.bench.GateResult;
import io.querygov.bench.LatencyIntervals;
import io.querygov.bench.LatencySummary;
import io.querygov.bench.QueryBenchResult;
import io.querygov.bench.QueryComparison;
import io.querygov.bench.QueryWork;
import io.querygov.bench.WorkSample;
import io.querygov.bench.RateResult;
import io.querygov.bench.WarmupResult;
import io.querygov.core.QueryType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The JSON document of a benchmark run: what {@code --save} writes and {@code --format json} prints, and what a
 * baseline is read from. Written field by field rather than by data binding, so that the file's field names stay
 * what they are when a record's components change, and reading can say exactly which field of which query is
 * wrong.
 *
 * <p>Names follow one rule: lowerCamelCase keys; durations are decimal milliseconds in keys ending in
 * {@code Millis}, exact to the nanosecond; counts have no suffix; instants are ISO-8601; the root has an integer
 * {@code schemaVersion}. Fields marked derived below (throughput, rows per call, error rate, the gate's outcome and
 * problems, the comparison with a baseline) are for people and tools reading the file, and are ignored when it is
 * read back. A file of the first format ({@code formatVersion 1}: ISO-8601 durations, nanoseconds and
 * microseconds) is read too.
 */
public final class ReportCodec {
    /** The first format: {@code formatVersion} at the root; still read. */
    static final int FORMAT_ONE = 1;
    /** The second format: no work figures, no per-interval statistics; still read, as queries without them. */
    static final int SCHEMA_TWO = 2;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private ReportCodec() {
    }

    /** The run, with what its gate made of it when there is a gate, as indented JSON. */
    public static String write(BenchReport report, GateResult gate) {
        try {
            return MAPPER.writeValueAsString(toTree(report, gate));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a benchmark report could not be turned into JSON: " + e.getMessage(), e);
        }
    }

    public static void write(BenchReport report, GateResult gate, Path file) {
        try {
            Files.writeString(file, write(report, gate) + "\n", StandardCharsets.UTF_8);
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

    private static ObjectNode toTree(BenchReport report, GateResult gate) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", BenchReport.SCHEMA_VERSION);
        root.put("startedAt", report.startedAt().toString());
        root.put("finishedAt", report.finishedAt().toString());
        // stopped before its end: the queries that had finished, and no baseline
        root.put("interrupted", report.interrupted());
        root.set("options", options(report.options()));
        ObjectNode env = root.putObject("environment");
        report.environment().forEach(env::put);
        ArrayNode queries = root.putArray("queries");
        report.queries().forEach(q -> queries.add(query(q)));
        if (gate != null) {
            gate.comparison().ifPresent(c -> root.set("comparison", comparison(c)));
            root.set("gate", gate(gate));
        }
        return root;
    }

    private static ObjectNode options(BenchOptions o) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("warmupMillis", millis(o.warmup()));
        n.put("warmupIterations", o.warmupIterations());
        n.put("adaptiveWarmup", o.adaptiveWarmup());
        if (o.length() instanceof BenchOptions.Length.ForDuration d) {
            n.put("durationMillis", millis(d.duration()));
        } else if (o.length() instanceof BenchOptions.Length.ForIterations i) {
            n.put("iterations", i.callsPerThread());
        }
        n.put("concurrency", o.concurrency());
        if (o.rate().isPresent()) {
            n.put("ratePerSecond", o.rate().getAsDouble());
            n.put("arrivals", o.arrivals().name());
        }
        n.put("progressIntervalMillis", millis(o.progressInterval()));
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
        w.put("millis", millis(q.warmup().nanos()));
        n.put("calls", q.calls());
        n.put("errors", q.errors());
        n.put("errorRate", derived(q.errorRate(), 6)); // derived
        q.firstError().ifPresent(e -> {
            ObjectNode err = n.putObject("firstError");
            err.put("className", e.className());
            err.put("message", e.message());
        });
        n.put("rows", q.rows());
        n.put("rowsPerCall", derived(q.rowsPerCall(), 3)); // derived
        n.put("measuredMillis", millis(q.measuredNanos()));
        n.put("throughputPerSecond", derived(q.throughputPerSecond(), 3)); // derived
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
        if (q.intervals().size() > 0) {
            ObjectNode intervals = n.putObject("intervals");
            intervals.put("lengthMillis", millis(q.intervals().lengthNanos()));
            ArrayNode summaries = intervals.putArray("summaries");
            q.intervals().summaries().forEach(s -> summaries.add(summary(s)));
        }
        q.work().ifPresent(work -> n.set("work", work(work)));
        return n;
    }

    private static ObjectNode work(QueryWork w) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("captureMillis", millis(w.captureNanos()));
        w.note().ifPresent(note -> n.put("note", note));
        w.buffersPerCall().ifPresent(v -> n.put("buffersPerCall", derived(v, 3))); // derived
        w.rowsPerCall().ifPresent(v -> n.put("rowsPerCall", derived(v, 3))); // derived
        w.statementsPerCall().ifPresent(v -> n.put("statementsPerCall", derived(v, 3))); // derived
        ArrayNode samples = n.putArray("samples");
        for (WorkSample sample : w.samples()) {
            ObjectNode one = samples.addObject();
            one.put("valuesDigest", sample.valuesDigest());
            ArrayNode plan = one.putArray("plan");
            sample.plan().forEach(plan::add);
            sample.buffers().ifPresent(v -> one.put("buffers", v));
            sample.rows().ifPresent(v -> one.put("rows", v));
            sample.statements().ifPresent(v -> one.put("statements", v));
        }
        return n;
    }

    // Written like query-metrics' summary on purpose: the saved-run format keeps its own field names, read back here
    private static ObjectNode summary(LatencySummary s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("count", s.count());
        n.put("meanMillis", millisOfMicros(s.meanMicros()));
        n.put("p50Millis", millisOfMicros(s.p50Micros()));
        n.put("p95Millis", millisOfMicros(s.p95Micros()));
        n.put("p99Millis", millisOfMicros(s.p99Micros()));
        n.put("p999Millis", millisOfMicros(s.p999Micros()));
        n.put("maxMillis", millisOfMicros(s.maxMicros()));
        return n;
    }

    /** Derived from the runs: for people and tools reading the document, never read back. */
    private static ObjectNode comparison(BaselineComparison c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("statistic", c.statistic().label());
        n.put("tolerancePercent", derived(c.tolerance().fraction() * 100, 3));
        n.put("regression", c.hasRegression());
        n.put("bufferFloor", c.criteria().bufferFloor());
        n.put("timeFloorMillis", millis(c.criteria().timeFloor()));
        ArrayNode rows = n.putArray("queries");
        for (QueryComparison r : c.rows()) {
            ObjectNode row = rows.addObject();
            row.put("name", r.name());
            row.put("verdict", r.verdict().name());
            row.put("timeVerdict", r.timeVerdict().name());
            row.put("timeReason", r.timeReason());
            r.timeChange().ifPresent(t -> {
                ObjectNode ci = row.putObject("timeChange");
                ci.put("ratio", derived(t.ratio(), 4));
                ci.put("low", derived(t.low(), 4));
                ci.put("high", derived(t.high(), 4));
                ci.put("confidencePercent", 95);
                ci.put("baselineIntervals", t.baselineIntervals());
                ci.put("currentIntervals", t.currentIntervals());
            });
            ObjectNode work = row.putObject("work");
            work.put("verdict", r.work().verdict().name());
            work.put("reason", r.work().reason());
            work.put("samplesCompared", r.work().compared());
            r.work().baseline().ifPresent(w -> work.set("baseline", workFigures(w)));
            r.work().current().ifPresent(w -> work.set("current", workFigures(w)));
            r.baselineMicros().ifPresent(v -> row.put("baselineMillis", millisOfMicros(v)));
            r.currentMicros().ifPresent(v -> row.put("currentMillis", millisOfMicros(v)));
            if (Double.isFinite(r.change())) {
                row.put("changePercent", derived(r.changePercent(), 2));
            }
        }
        ArrayNode notes = n.putArray("notes");
        c.notes().forEach(notes::add);
        return n;
    }

    private static ObjectNode workFigures(QueryWork w) {
        ObjectNode n = MAPPER.createObjectNode();
        w.buffersPerCall().ifPresent(v -> n.put("buffersPerCall", derived(v, 3)));
        w.rowsPerCall().ifPresent(v -> n.put("rowsPerCall", derived(v, 3)));
        w.statementsPerCall().ifPresent(v -> n.put("statementsPerCall", derived(v, 3)));
        w.samples().stream().filter(x -> !x.plan().isEmpty()).findFirst().ifPresent(x -> {
            ArrayNode plan = n.putArray("firstPlan");
            x.plan().forEach(plan::add);
        });
        return n;
    }

    /** Derived from the run: for people and tools reading the document, never read back. */
    private static ObjectNode gate(GateResult g) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("outcome", g.outcome().name());
        n.put("maxErrorRatePercent", derived(g.maxErrorRate().fraction() * 100, 6));
        ArrayNode problems = n.putArray("problems");
        for (GateProblem p : g.problems()) {
            ObjectNode row = problems.addObject();
            row.put("kind", p.kind().name());
            p.query().ifPresent(q -> row.put("query", q));
            row.put("reason", p.reason());
        }
        return n;
    }

    private static BigDecimal millis(Duration d) {
        return millis(d.toNanos());
    }

    /** Nanoseconds as exact decimal milliseconds: 1500000 is 1.5. */
    private static BigDecimal millis(long nanos) {
        return plain(BigDecimal.valueOf(nanos, 6));
    }

    /** Microseconds, as a summary holds them, as decimal milliseconds that read back to the same double. */
    private static BigDecimal millisOfMicros(double micros) {
        return plain(BigDecimal.valueOf(micros).movePointLeft(3));
    }

    private static BigDecimal derived(double value, int digits) {
        return Double.isFinite(value) ? plain(BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP))
                : null;
    }

    private static BigDecimal plain(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    // ---- reading

    private static BenchReport fromTree(JsonNode rootNode) {
        if (!rootNode.isObject()) {
            throw new Problem("it holds a JSON " + rootNode.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object:"
                    + " it is not a saved querygov benchmark");
        }
        ObjectNode root = (ObjectNode) rootNode;
        JsonNode version = root.get("schemaVersion");
        if (version == null && root.has("formatVersion")) {
            JsonNode old = root.get("formatVersion");
            if (!old.isIntegralNumber() || old.asInt() != FORMAT_ONE) {
                throw new Problem("it has formatVersion " + old + ", which no version of querygov wrote: it is not a"
                        + " saved querygov benchmark");
            }
            FormatOne.upgrade(root);
            version = root.get("schemaVersion");
        }
        if (version == null) {
            throw new Problem("it has no schemaVersion: it is not a saved querygov benchmark");
        }
        if (!version.isIntegralNumber()) {
            throw new Problem("schemaVersion must be a whole number, was " + version);
        }
        if (version.asInt() != BenchReport.SCHEMA_VERSION && version.asInt() != SCHEMA_TWO) {
            throw new Problem("it has schemaVersion " + version.asText() + ", but this version of querygov reads"
                    + " schemaVersion " + BenchReport.SCHEMA_VERSION + ", " + SCHEMA_TWO + " (no work figures)"
                    + " and the formatVersion " + FORMAT_ONE
                    + " before them" + (version.asInt() > BenchReport.SCHEMA_VERSION
                    ? ": read it with a newer querygov, or save the baseline again" : ""));
        }
        In in = new In(root, "");
        Map<String, String> env = new LinkedHashMap<>();
        In envNode = in.object("environment");
        envNode.node.properties().forEach(e -> env.put(e.getKey(),
                new In(e.getValue(), envNode.path + "." + e.getKey()).asText()));
        List<QueryBenchResult> queries = new ArrayList<>();
        for (In q : in.array("queries")) {
            queries.add(query(q));
        }
        // absent from documents saved before the field existed: those ran to their end
        boolean interrupted = in.has("interrupted") && in.booleanValue("interrupted");
        return new BenchReport(in.instant("startedAt"), in.instant("finishedAt"), options(in.object("options")),
                env, queries, interrupted);
    }

    private static BenchOptions options(In n) {
        boolean hasDuration = n.has("durationMillis");
        boolean hasIterations = n.has("iterations");
        if (hasDuration == hasIterations) {
            throw new Problem(n.path + " must have exactly one of durationMillis and iterations");
        }
        BenchOptions.Length length = hasDuration
                ? n.check("durationMillis", () -> BenchOptions.Length.duration(n.duration("durationMillis")))
                : n.check("iterations", () -> BenchOptions.Length.iterations(n.longValue("iterations")));
        OptionalDouble rate = n.has("ratePerSecond") ? OptionalDouble.of(n.doubleValue("ratePerSecond"))
                : OptionalDouble.empty();
        Arrivals arrivals = n.has("arrivals") ? n.enumValue("arrivals", Arrivals.class) : Arrivals.EVEN;
        return n.check("", () -> new BenchOptions(n.duration("warmupMillis"), n.intValue("warmupIterations"),
                n.booleanValue("adaptiveWarmup"), length, n.intValue("concurrency"), rate,
                n.duration("progressIntervalMillis"), arrivals));
    }

    private static QueryBenchResult query(In n) {
        String name = n.text("name");
        In at = n.renamed("queries[" + name + "]");
        QueryType type = at.check("type", () -> QueryType.parse(at.text("type")));
        BenchStatus status = at.enumValue("status", BenchStatus.class);
        In w = at.object("warmup");
        WarmupResult warmup = new WarmupResult(w.longValue("calls"), w.longValue("errors"), w.nanos("millis"));
        Optional<ErrorSample> firstError = at.has("firstError")
                ? Optional.of(at.object("firstError")).map(e -> new ErrorSample(e.text("className"), e.text("message")))
                : Optional.empty();
        Optional<RateResult> rate = rateOrEmpty(at);
        Optional<QueryWork> work = at.has("work") ? Optional.of(work(at.object("work"))) : Optional.empty();
        LatencyIntervals intervals = LatencyIntervals.NONE;
        if (at.has("intervals")) {
            In i = at.object("intervals");
            List<LatencySummary> summaries = new ArrayList<>();
            i.array("summaries").forEach(x -> summaries.add(summary(x)));
            intervals = i.check("", () -> new LatencyIntervals(i.nanos("lengthMillis"), summaries));
        }
        LatencyIntervals kept = intervals;
        return at.check("", () -> new QueryBenchResult(name, type, status, warmup, at.longValue("calls"),
                at.longValue("errors"), firstError, at.longValue("rows"), at.nanos("measuredMillis"),
                summary(at.object("latency")), at.histogram("latencyHistogram"), rate, work, kept));
    }

    private static QueryWork work(In w) {
        List<WorkSample> samples = new ArrayList<>();
        for (In s : w.array("samples")) {
            List<String> plan = new ArrayList<>();
            JsonNode nodes = s.required("plan");
            if (!nodes.isArray()) {
                throw new Problem(s.at("plan") + " must be an array of text");
            }
            for (int i = 0; i < nodes.size(); i++) {
                plan.add(new In(nodes.get(i), s.at("plan") + "[" + i + "]").asText());
            }
            samples.add(s.check("", () -> new WorkSample(s.text("valuesDigest"), plan, s.optionalLong("buffers"),
                    s.optionalLong("rows"), s.optionalLong("statements"))));
        }
        Optional<String> note = w.has("note") ? Optional.of(w.text("note")) : Optional.empty();
        return w.check("", () -> new QueryWork(samples, note, w.nanos("captureMillis")));
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
        return n.check("", () -> new LatencySummary(n.longValue("count"), n.micros("meanMillis"),
                n.micros("p50Millis"), n.micros("p95Millis"), n.micros("p99Millis"), n.micros("p999Millis"),
                n.micros("maxMillis")));
    }

    /** What is wrong with the file's content; the caller adds the file's name. */
    static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message);
        }
    }

    /** A node and the path that leads to it, for messages such as {@code queries[report].latency.p95Millis}. */
    static final class In {
        final JsonNode node;
        final String path;

        In(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        In renamed(String newPath) {
            return new In(node, newPath);
        }

        String at(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        boolean has(String field) {
            JsonNode v = node.get(field);
            return v != null && !v.isNull();
        }

        JsonNode required(String field) {
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
            return wholeNumber(field, JsonNode::canConvertToLong).longValue();
        }

        OptionalLong optionalLong(String field) {
            return has(field) ? OptionalLong.of(longValue(field)) : OptionalLong.empty();
        }

        int intValue(String field) {
            return wholeNumber(field, JsonNode::canConvertToInt).intValue();
        }

        /** The field's whole number, which must also fit the type it is read as. */
        private JsonNode wholeNumber(String field, Predicate<JsonNode> fits) {
            JsonNode v = required(field);
            if (!v.isIntegralNumber() || !fits.test(v)) {
                throw new Problem(at(field) + " must be a whole number, was " + v);
            }
            return v;
        }

        boolean booleanValue(String field) {
            JsonNode v = required(field);
            if (!v.isBoolean()) {
                throw new Problem(at(field) + " must be true or false, was " + v);
            }
            return v.booleanValue();
        }

        BigDecimal decimal(String field) {
            JsonNode v = required(field);
            if (!v.isNumber()) {
                throw new Problem(at(field) + " must be a number, was " + v);
            }
            return v.decimalValue();
        }

        double doubleValue(String field) {
            return decimal(field).doubleValue();
        }

        /** Decimal milliseconds as whole nanoseconds. */
        long nanos(String field) {
            BigDecimal ms = decimal(field);
            try {
                return ms.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
            } catch (ArithmeticException e) {
                throw new Problem(at(field) + " is out of range: " + ms + " ms");
            }
        }

        /** Decimal milliseconds as microseconds, the unit of a latency summary. */
        double micros(String field) {
            return decimal(field).movePointRight(3).doubleValue();
        }

        Duration duration(String field) {
            long nanos = nanos(field);
            if (nanos < 0) {
                throw new Problem(at(field) + " cannot be negative, was " + decimal(field));
            }
            return Duration.ofNanos(nanos);
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
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
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
