package io.querygov.bench;

import io.querygov.bench.internal.ReportCodec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole benchmark run: when it ran, with which options, on what, and each query's result in the order
 * run. Immutable. Saved as JSON with {@link #write(Path)} and read back with {@link #read(Path)} to serve
 * as a baseline; the document carries {@value #SCHEMA_VERSION} as its {@code schemaVersion} (a run saved in the
 * first format, {@code formatVersion 1}, is read too), and keeps each query's full latency distribution, so a
 * saved run can later be read at percentiles nobody printed. It is the one document of a run: what a tool prints
 * as JSON is {@link #toJson(BaselineComparison)}, the same schema, written by the same code.
 *
 * @param startedAt wall-clock time the run started
 * @param finishedAt wall-clock time the run ended
 * @param options what the run measured and how hard it pushed
 * @param environment facts about where it ran: PostgreSQL version and settings from the caller, JVM,
 *        operating system and processors from the engine
 * @param queries each query's result, in the order run
 * @param interrupted whether the run was stopped before its end (a signal, Ctrl-C): {@code queries} then holds the
 *        queries that had finished, and the run is no baseline to judge another by
 */
public record BenchReport(Instant startedAt, Instant finishedAt, BenchOptions options, Map<String, String> environment,
                          List<QueryBenchResult> queries, boolean interrupted) {

    /** The version of the JSON schema this code writes and reads. */
    public static final int SCHEMA_VERSION = 3;

    public BenchReport {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(options, "options");
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        queries = List.copyOf(queries);
    }

    /** A run that ran to its end. */
    public BenchReport(Instant startedAt, Instant finishedAt, BenchOptions options, Map<String, String> environment,
                       List<QueryBenchResult> queries) {
        this(startedAt, finishedAt, options, environment, queries, false);
    }

    /** This run marked as stopped before its end, ending now, with the queries that had finished. */
    public BenchReport asInterrupted(Instant at) {
        return new BenchReport(startedAt, at, options, environment, queries, true);
    }

    /** The result of the query with this name. */
    public Optional<QueryBenchResult> find(String name) {
        for (QueryBenchResult q : queries) {
            if (q.name().equals(name)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /** This run as JSON text, indented. */
    public String toJson() {
        return ReportCodec.write(this, null);
    }

    /**
     * This run as JSON text, with what its gate made of it: the outcome, every problem and the comparison with the
     * baseline. Those are derived, for people and tools reading the document, and ignored when it is read back.
     */
    public String toJson(GateResult gate) {
        return ReportCodec.write(this, Objects.requireNonNull(gate, "gate"));
    }

    /**
     * Saves this run as JSON, replacing the file.
     *
     * @throws BenchReportException naming the file when it cannot be written
     */
    public void write(Path file) {
        ReportCodec.write(this, null, file);
    }

    /**
     * Saves this run as JSON with what its gate made of it, replacing the file: see {@link #toJson(GateResult)}.
     *
     * @throws BenchReportException naming the file when it cannot be written
     */
    public void write(Path file, GateResult gate) {
        ReportCodec.write(this, Objects.requireNonNull(gate, "gate"), file);
    }

    /**
     * Reads a run saved by {@link #write(Path)}.
     *
     * @throws BenchReportException naming the file and the problem: missing, not JSON, not a saved run, a
     *         {@code schemaVersion} this code does not read, or a field missing or of the wrong kind
     */
    public static BenchReport read(Path file) {
        return ReportCodec.read(file);
    }

    /**
     * Reads a run from JSON text.
     *
     * @param source where the text came from, for messages
     * @throws BenchReportException as {@link #read(Path)} does
     */
    public static BenchReport fromJson(String json, String source) {
        return ReportCodec.read(json, source);
    }

    @Override
    public String toString() {
        return "BenchReport[" + startedAt + ", " + options + ", " + queries.size() + " queries]";
    }
}
