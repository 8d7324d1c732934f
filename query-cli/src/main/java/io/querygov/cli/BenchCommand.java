package io.querygov.cli;

import io.querygov.bench.BaselineComparison;
import io.querygov.bench.BenchOptions;
import io.querygov.bench.BenchReport;
import io.querygov.bench.BenchReportException;
import io.querygov.bench.BenchStatus;
import io.querygov.bench.LatencyStatistic;
import io.querygov.bench.LatencySummary;
import io.querygov.bench.QueryBenchResult;
import io.querygov.bench.QueryComparison;
import io.querygov.bench.Tolerance;
import io.querygov.cli.internal.BenchValues;
import io.querygov.cli.internal.CatalogOptions;
import io.querygov.cli.internal.CliException;
import io.querygov.cli.internal.ConnectionPool;
import io.querygov.cli.internal.DurationConverter;
import io.querygov.cli.internal.Format;
import io.querygov.cli.internal.Json;
import io.querygov.cli.internal.OutputOptions;
import io.querygov.cli.internal.QueryBench;
import io.querygov.cli.internal.QueryFilter;
import io.querygov.cli.internal.Runners;
import io.querygov.cli.internal.Table;
import io.querygov.cli.internal.Table.Column;
import io.querygov.cli.internal.Target;
import io.querygov.cli.internal.TargetOptions;
import io.querygov.cli.internal.Workload;
import io.querygov.cli.report.BenchReportPage;
import io.querygov.cli.report.ReportFile;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code querytool bench}: every registered query (or the filtered ones) measured against the target. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        header = "Benchmark registered queries: throughput and p50/p95/p99/p99.9/max per query.",
        description = "Run each query (one after another) on --concurrency threads, each with a connection of"
                + " its own: a warmup (at least --warmup-iterations calls per thread, past pgjdbc's switch to a"
                + " server-side prepared statement and PostgreSQL's switch to a generic plan, and at least"
                + " --warmup), then --duration or --iterations measured. Parameter values are drawn from each"
                + " query's samplers, or fixed with --param. Reads run in read-only transactions; statements that"
                + " write are rolled back unless --allow-writes. --rate paces calls on a fixed schedule and"
                + " measures latency from when each call was due (coordinated-omission correction), reporting"
                + " the schedule lag as pgbench -R does.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  querytool bench                     # every example query, embedded PostgreSQL",
            "  querytool bench --url jdbc:postgresql://db:5432/app?user=ops \\",
            "      --catalog sql/ --tag dashboard --duration 30s --concurrency 4",
            "  querytool bench --query project_stats --rate 200 --duration 60s",
            "  querytool bench --save baseline.json",
            "  querytool bench --baseline baseline.json --tolerance 20%   # CI gate",
            "  querytool bench --baseline baseline.json --report bench.html",
            "",
            "Exit codes: 0 measured, 1 a regression beyond --tolerance or a query that",
            "failed, 2 bad option, catalog or baseline file, 3 database unreachable."})
public final class BenchCommand extends ToolCommand {
    /**
     * Measured per query by default. With the 20 example queries, 300ms of warmup and 1s measured each, plus the
     * few bulk statements of a second or more, the bench phase takes about 45s; start and load about 15s more.
     */
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(1);

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "300ms", order = 1,
            converter = DurationConverter.class,
            description = "Unmeasured time per query, at least (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--warmup-iterations", paramLabel = "N", defaultValue = "20", order = 2,
            description = "Unmeasured calls per thread, at least (default: ${DEFAULT-VALUE}): pgjdbc prepares on"
                    + " the server after 5 executions, PostgreSQL may pick a generic plan after 5 more. Unless given,"
                    + " a query whose first call takes over 50ms warms up with as many calls as fit in 1s; one"
                    + " whose first call takes over 1s counts that call as its warmup.")
    int warmupIterations;

    @ArgGroup(exclusive = true, multiplicity = "0..1", order = 3)
    Length length;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", defaultValue = "1", order = 4,
            description = "Threads running each query at once, each with its own connection (default:"
                    + " ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rate", paramLabel = "CALLS_PER_SECOND", order = 5,
            description = "Total calls per second across threads, on a fixed schedule; latency counts from when"
                    + " each call was due, and the schedule lag is reported.")
    Double rate;

    @Option(names = "--param", paramLabel = "NAME=VALUE", order = 6,
            description = "A fixed value for every query with this parameter, repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--seed", defaultValue = "42", order = 7,
            description = "Seed of the parameter samplers (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--allow-writes", order = 8,
            description = "Commit statements that write, and run those whose side effects a rollback cannot undo"
                    + " (nextval, COPY ... PROGRAM, pg_terminate_backend, advisory locks, dblink, ...). Without it"
                    + " writes run in transactions that are rolled back and those are refused, with the reason.")
    boolean allowWrites;

    @Option(names = "--save", paramLabel = "FILE", order = 9,
            description = "Save the run as JSON (with PostgreSQL version, settings and machine facts; never a"
                    + " password), to serve as a --baseline later.")
    Path save;

    @Option(names = "--baseline", paramLabel = "FILE", order = 10,
            description = "Compare with a run saved by --save: per-query deltas and verdicts; exit 1 on a"
                    + " regression beyond --tolerance.")
    Path baseline;

    @Option(names = "--tolerance", paramLabel = "PERCENT", defaultValue = "20%", order = 11,
            description = "How much slower a query may get before it is a regression (default:"
                    + " ${DEFAULT-VALUE}).")
    String tolerance;

    @Option(names = "--statistic", paramLabel = "STAT", defaultValue = "p95", order = 12,
            description = "What the baseline comparison judges by: mean, p50, p95, p99, p99.9, max (default:"
                    + " ${DEFAULT-VALUE}).")
    String statistic;

    @Option(names = "--report", paramLabel = "FILE.html", order = 13,
            description = "Also write the run as one HTML file that opens offline: latency percentile spectra"
                    + " (with the baseline's), verdicts, calls/s, rows, errors and the run's facts.")
    Path reportFile;

    @Mixin
    TargetOptions targetOptions;

    private String workloadDescription;

    @Mixin
    CatalogOptions catalogOptions;

    @Mixin
    QueryFilter filter;

    @Mixin
    OutputOptions output;

    /** Measured by time or by calls. */
    static final class Length {
        @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Measured time per query (default: 1s).")
        Duration duration;

        @Option(names = {"-n", "--iterations"}, paramLabel = "N",
                description = "Measured calls per thread per query, instead of a duration.")
        Long iterations;
    }

    @Override
    int execute() {
        BenchOptions options = options();
        Tolerance tol = parse(() -> Tolerance.parse(tolerance), "--tolerance");
        LatencyStatistic stat = parse(() -> LatencyStatistic.parse(statistic), "--statistic");
        BenchReport base = baseline == null ? null : readBaseline();
        if (reportFile != null) {
            ReportFile.check("--report", reportFile);
        }
        try (Workload workload = catalogOptions.open()) {
            return bench(workload, options, tol, stat, base);
        }
    }

    private int bench(Workload workload, BenchOptions options, Tolerance tol, LatencyStatistic stat, BenchReport base) {
        QueryCatalog catalog = filter.apply(workload.catalog());
        if (catalog.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "No query to benchmark: " + (filter.given()
                    ? "none matches " + filter.describe() : "the catalog is empty"));
        }
        checkParams(catalog);
        this.workloadDescription = workload.description();
        try (Target target = open(targetOptions, output.format());
             ConnectionPool pool = new ConnectionPool(target.readOnly());
             ConnectionPool writePool = new ConnectionPool(target.readWrite())) {
            QueryRunner runner = Runners.forBench(pool, allowWrites, workload.runners(writePool, allowWrites));
            Map<String, String> environment = new LinkedHashMap<>(target.facts());
            environment.put("querytool.allow_writes", Boolean.toString(allowWrites));
            BenchValues values = new BenchValues(target.readOnly(), seed, params);
            boolean adapt = !spec.commandLine().getParseResult().hasMatchedOption("--warmup-iterations");
            phases.restart();
            BenchReport report = new QueryBench(runner, values, notes, adapt).run(catalog.queries(), options,
                    environment);
            notes.clearProgress();
            phases.end("bench");
            if (save != null) {
                try {
                    report.write(save);
                } catch (BenchReportException e) {
                    throw new CliException(ExitCode.USAGE, "--save " + save + ": " + e.getMessage(), e);
                }
            }
            BaselineComparison comparison = base == null ? null : BaselineComparison.compare(base, report, tol, stat);
            print(target, catalog, report, comparison);
            if (reportFile != null) {
                writeReport(target, catalog, report, base, comparison);
            }
            boolean failed = report.queries().stream().anyMatch(q -> q.status() == BenchStatus.FAILED);
            return failed || comparison != null && comparison.hasRegression() ? ExitCode.PROBLEM_FOUND : ExitCode.OK;
        }
    }

    private void writeReport(Target target, QueryCatalog catalog, BenchReport report, BenchReport base,
                             BaselineComparison comparison) {
        BenchReportPage.Builder page = BenchReportPage.builder(report).target(target.description())
                .catalog(workloadDescription).options(describe(report.options())).redactor(secrets::scrub)
                .statements(name -> catalog.find(name).flatMap(QueryDescriptor::statement));
        if (comparison != null) {
            page.baseline(base, comparison, baseline.toString());
        }
        ReportFile.write("--report", reportFile, page.build().render());
        notes.note("report: " + reportFile);
    }

    private BenchOptions options() {
        try {
            BenchOptions.Builder b = BenchOptions.builder().warmup(warmup).warmupIterations(warmupIterations)
                    .concurrency(concurrency);
            if (length != null && length.iterations != null) {
                b.iterations(length.iterations);
            } else {
                b.duration(length != null && length.duration != null ? length.duration : DEFAULT_DURATION);
            }
            if (rate != null) {
                b.rate(rate);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
    }

    private <T> T parse(java.util.function.Supplier<T> parser, String option) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, option + ": " + e.getMessage(), e);
        }
    }

    private BenchReport readBaseline() {
        try {
            return BenchReport.read(baseline);
        } catch (BenchReportException e) {
            throw new CliException(ExitCode.USAGE, "--baseline " + baseline + ": " + e.getMessage(), e);
        }
    }

    private void checkParams(QueryCatalog catalog) {
        for (String name : params.keySet()) {
            if (catalog.stream().noneMatch(q -> q.parameter(name).isPresent())) {
                throw new CliException(ExitCode.USAGE, "--param " + name + ": no query of this run has a parameter"
                        + " named '" + name + "'");
            }
        }
    }

    private void print(Target target, QueryCatalog catalog, BenchReport report, BaselineComparison comparison) {
        phases.restart();
        switch (output.format()) {
            case JSON -> {
                Map<String, Object> doc = jsonHeader(target);
                doc.put("options", jsonOptions(report.options()));
                doc.put("queries", report.queries().stream().map(BenchCommand::json).toList());
                doc.put("baseline", comparison == null ? null : json(comparison));
                phases.end("report");
                doc.put("phases_seconds", jsonPhases());
                Json.print(out, doc);
            }
            case CSV -> {
                table(report).csv(out);
                phases.end("report");
            }
            default -> {
                header(Format.TABLE, target, filter.given() ? catalog.size() + " of " + workloadDescription
                        : workloadDescription);
                out.println(describe(report.options()));
                out.println();
                out.print(table(report).text());
                for (QueryBenchResult q : report.queries()) {
                    if (!q.isMeasured()) {
                        out.println();
                        out.println(q.name() + ": " + (q.status() == BenchStatus.UNSUPPORTED ? "not run, no runner"
                                + " for " + q.type() : "FAILED") + q.firstError().map(e -> ": " + e).orElse(""));
                    } else if (q.errors() > 0) {
                        out.println();
                        out.println(q.name() + ": " + q.errors() + " of " + (q.calls() + q.errors())
                                + " calls failed" + q.firstError().map(e -> ", first: " + e).orElse(""));
                    }
                }
                if (comparison != null) {
                    out.println();
                    printComparison(comparison);
                }
                if (save != null) {
                    out.println();
                    out.println("saved: " + save);
                }
                phases.end("report");
                footer(Format.TABLE);
            }
        }
    }

    private String describe(BenchOptions o) {
        String measured = o.length() instanceof BenchOptions.Length.ForIterations it
                ? it.callsPerThread() + " calls per thread"
                : DurationConverter.format(((BenchOptions.Length.ForDuration) o.length()).duration());
        return "bench: warmup " + DurationConverter.format(o.warmup()) + " and " + o.warmupIterations()
                + " calls per thread, " + measured + " measured per query, concurrency " + o.concurrency()
                + (o.rate().isPresent() ? String.format(Locale.ROOT, ", rate %.1f/s", o.rate().getAsDouble()) : "")
                + (allowWrites ? ", writes committed" : ", writes rolled back");
    }

    private static Table table(BenchReport report) {
        boolean rated = report.options().isRateLimited();
        List<Column> columns = new ArrayList<>(List.of(Column.text("QUERY", "query"), Column.text("TYPE", "type"),
                Column.number("CALLS", "calls", 0), Column.number("ERRORS", "errors", 0),
                Column.number("CALLS/s", "calls_per_second", 1), Column.number("p50 ms", "p50_ms", 3),
                Column.number("p95 ms", "p95_ms", 3), Column.number("p99 ms", "p99_ms", 3),
                Column.number("p99.9 ms", "p999_ms", 3), Column.number("MAX ms", "max_ms", 3),
                Column.number("ROWS/CALL", "rows_per_call", 1)));
        if (rated) {
            columns.add(Column.number("LAG ms", "lag_mean_ms", 3));
            columns.add(Column.number("LAG MAX ms", "lag_max_ms", 3));
        }
        Table table = new Table(columns);
        for (QueryBenchResult q : report.queries()) {
            LatencySummary l = q.latency();
            boolean m = q.isMeasured();
            List<Object> row = new ArrayList<>(List.of(q.name(), q.type().name()));
            row.add(m ? q.calls() : null);
            row.add(m ? q.errors() : null);
            row.add(m ? q.throughputPerSecond() : null);
            row.add(m ? l.p50Micros() / 1e3 : null);
            row.add(m ? l.p95Micros() / 1e3 : null);
            row.add(m ? l.p99Micros() / 1e3 : null);
            row.add(m ? l.p999Micros() / 1e3 : null);
            row.add(m ? l.maxMicros() / 1e3 : null);
            row.add(m ? q.rowsPerCall() : null);
            if (rated) {
                row.add(q.rate().map(r -> r.scheduleLag().meanMicros() / 1e3).orElse(null));
                row.add(q.rate().map(r -> r.scheduleLag().maxMicros() / 1e3).orElse(null));
            }
            table.row(row.toArray());
        }
        return table;
    }

    private void printComparison(BaselineComparison c) {
        String label = c.statistic().label();
        Table table = Table.of(Column.text("QUERY", "query"), Column.number("BASELINE " + label + " ms", "baseline_ms", 3),
                Column.number("NOW " + label + " ms", "current_ms", 3), Column.text("CHANGE", "change"),
                Column.text("VERDICT", "verdict"));
        for (QueryComparison r : c.rows()) {
            table.row(r.name(), r.baselineMicros().map(v -> v / 1e3).orElse(null),
                    r.currentMicros().map(v -> v / 1e3).orElse(null),
                    Double.isNaN(r.change()) ? null : String.format(Locale.ROOT, "%+.1f%%", r.changePercent()),
                    r.verdict().name());
        }
        out.println("baseline: " + baseline + ", judged by " + label + " within " + c.tolerance());
        out.println();
        out.print(table.text());
        for (String note : c.notes()) {
            out.println("note: " + note);
        }
        out.println();
        out.println(c.hasRegression() ? "REGRESSION: " + String.join(", ", c.failures().stream()
                .map(f -> f.name() + " " + f.verdict().name().toLowerCase(Locale.ROOT)).toList())
                : "no regression beyond " + c.tolerance());
    }

    private Map<String, Object> jsonOptions(BenchOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("warmup_ms", o.warmup().toMillis());
        m.put("warmup_iterations", o.warmupIterations());
        if (o.length() instanceof BenchOptions.Length.ForIterations it) {
            m.put("duration_ms", null);
            m.put("iterations", it.callsPerThread());
        } else {
            m.put("duration_ms", ((BenchOptions.Length.ForDuration) o.length()).duration().toMillis());
            m.put("iterations", null);
        }
        m.put("concurrency", o.concurrency());
        m.put("rate_per_second", o.rate().isPresent() ? o.rate().getAsDouble() : null);
        m.put("allow_writes", allowWrites);
        m.put("seed", seed);
        return m;
    }

    private static Map<String, Object> json(QueryBenchResult q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", q.name());
        m.put("type", q.type().name());
        m.put("status", q.status().name().toLowerCase(Locale.ROOT));
        m.put("calls", q.calls());
        m.put("errors", q.errors());
        m.put("calls_per_second", Json.round(q.throughputPerSecond(), 3));
        m.put("rows_per_call", Json.round(q.rowsPerCall(), 3));
        m.put("latency_ms", latency(q.latency()));
        m.put("service_time_ms", q.rate().map(r -> latency(r.serviceTime())).orElse(null));
        m.put("schedule_lag_ms", q.rate().map(r -> latency(r.scheduleLag())).orElse(null));
        m.put("missed_starts", q.rate().map(r -> r.missedStarts()).orElse(null));
        m.put("warmup_calls", q.warmup().calls());
        m.put("first_error", q.firstError().map(Object::toString).orElse(null));
        return m;
    }

    private static Map<String, Object> latency(LatencySummary l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", Json.round(l.meanMicros() / 1e3, 3));
        m.put("p50", Json.round(l.p50Micros() / 1e3, 3));
        m.put("p95", Json.round(l.p95Micros() / 1e3, 3));
        m.put("p99", Json.round(l.p99Micros() / 1e3, 3));
        m.put("p99_9", Json.round(l.p999Micros() / 1e3, 3));
        m.put("max", Json.round(l.maxMicros() / 1e3, 3));
        return m;
    }

    private Map<String, Object> json(BaselineComparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", baseline.toString());
        m.put("statistic", c.statistic().label());
        m.put("tolerance_percent", Json.round(c.tolerance().fraction() * 100, 3));
        m.put("regression", c.hasRegression());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QueryComparison r : c.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("query", r.name());
            row.put("verdict", r.verdict().name().toLowerCase(Locale.ROOT));
            row.put("baseline_ms", r.baselineMicros().map(v -> Json.round(v / 1e3, 3)).orElse(null));
            row.put("current_ms", r.currentMicros().map(v -> Json.round(v / 1e3, 3)).orElse(null));
            row.put("change_percent", Double.isNaN(r.change()) ? null : Json.round(r.changePercent(), 2));
            rows.add(row);
        }
        m.put("queries", rows);
        m.put("notes", c.notes());
        return m;
    }
}
