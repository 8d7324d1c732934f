package io.querygov.bench.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querygov.bench.BenchReport;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Reads a run saved in the first format ({@code "formatVersion": 1}) by rewriting its tree into the current
 * schema, so that one reader reads both: ISO-8601 durations of the options, nanoseconds ({@code measuredNanos},
 * {@code warmup.nanos}) and microseconds ({@code p95Micros}) become decimal milliseconds, {@code rate} becomes
 * {@code ratePerSecond}, {@code firstError.class} becomes {@code className}. Such a run knew no adaptive warmup.
 * A field of the old format that is missing or of the wrong kind is named as the old format names it.
 */
final class FormatOne {
    private static final String[] SUMMARY_FIELDS = {"mean", "p50", "p95", "p99", "p999", "max"};

    private FormatOne() {
    }

    static void upgrade(ObjectNode root) {
        root.remove("formatVersion");
        root.put("schemaVersion", BenchReport.SCHEMA_VERSION);
        JsonNode options = root.get("options");
        if (options instanceof ObjectNode o) {
            isoToMillis(o, "options", "warmup", "warmupMillis", true);
            isoToMillis(o, "options", "duration", "durationMillis", false);
            isoToMillis(o, "options", "progressInterval", "progressIntervalMillis", true);
            rename(o, "rate", "ratePerSecond");
            o.put("adaptiveWarmup", false);
        }
        JsonNode queries = root.get("queries");
        if (queries != null && queries.isArray()) {
            for (int i = 0; i < queries.size(); i++) {
                if (queries.get(i) instanceof ObjectNode q) {
                    String path = "queries[" + (q.path("name").isTextual() ? q.get("name").asText() : i) + "]";
                    if (q.get("warmup") instanceof ObjectNode w) {
                        scale(w, path + ".warmup", "nanos", "millis", 6);
                    }
                    if (q.get("firstError") instanceof ObjectNode e) {
                        rename(e, "class", "className");
                    }
                    scale(q, path, "measuredNanos", "measuredMillis", 6);
                    summary(q.get("latency"), path + ".latency");
                    if (q.get("rate") instanceof ObjectNode r) {
                        summary(r.get("serviceTime"), path + ".rate.serviceTime");
                        summary(r.get("scheduleLag"), path + ".rate.scheduleLag");
                    }
                }
            }
        }
    }

    private static void summary(JsonNode node, String path) {
        if (node instanceof ObjectNode s) {
            for (String f : SUMMARY_FIELDS) {
                scale(s, path, f + "Micros", f + "Millis", 3);
            }
        }
    }

    private static void rename(ObjectNode n, String from, String to) {
        JsonNode v = n.remove(from);
        if (v != null) {
            n.set(to, v);
        }
    }

    /** A number of a smaller unit as milliseconds: {@code digits} is 6 for nanoseconds, 3 for microseconds. */
    private static void scale(ObjectNode n, String path, String from, String to, int digits) {
        JsonNode v = n.remove(from);
        if (v == null || v.isNull()) {
            throw new ReportCodec.Problem(at(path, from) + " is missing (in a file of formatVersion 1)");
        }
        if (!v.isNumber()) {
            throw new ReportCodec.Problem(at(path, from) + " must be a number, was " + v);
        }
        n.put(to, v.decimalValue().movePointLeft(digits));
    }

    private static void isoToMillis(ObjectNode n, String path, String from, String to, boolean required) {
        JsonNode v = n.remove(from);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ReportCodec.Problem(at(path, from) + " is missing (in a file of formatVersion 1)");
            }
            return;
        }
        try {
            Duration d = Duration.parse(v.asText());
            n.put(to, BigDecimal.valueOf(d.toNanos(), 6));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new ReportCodec.Problem(at(path, from) + " must be an ISO-8601 duration such as PT10S, was " + v);
        }
    }

    private static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
