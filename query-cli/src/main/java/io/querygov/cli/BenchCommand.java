package io.querygov.cli;

import io.querygov.bench.BaselineComparison;
import io.querygov.bench.BenchGate;
import io.querygov.bench.BenchOptions;
import io.querygov.bench.BenchProgressListener;
import io.querygov.bench.BenchReport;
import io.querygov.bench.BenchReportException;
import io.querygov.bench.BenchStatus;
import io.querygov.bench.BenchmarkEngine;
import io.querygov.bench.GateProblem;
import io.querygov.bench.GateResult;
import io.querygov.bench.LatencyStatistic;
import io.querygov.bench.LatencySummary;
import io.querygov.bench.MaxErrorRate;
import io.querygov.bench.QueryBenchResult;
import io.querygov.bench.QueryComparison;
import io.querygov.bench.Tolerance;
import io.querygov.cli.internal.BenchCache;
import io.querygov.cli.internal.BenchValues;
import io.querygov.cli.internal.BenchWork;
import io.querygov.cli.internal.CliException;
import io.querygov.cli.internal.ConnectionPool;
import io.querygov.cli.internal.DurationConverter;
import io.querygov.cli.internal.Format;
import io.querygov.cli.internal.Interruption;
import io.querygov.cli.internal.OutputOptions;
import io.querygov.cli.internal.ProgressLine;
import io.querygov.cli.internal.QueryFilter;
import io.querygov.cli.internal.Runners;
import io.querygov.cli.internal.SilentServer;
import io.querygov.cli.internal.Table;
import io.querygov.cli.internal.Table.Column;
import io.querygov.cli.internal.Target;
import io.querygov.cli.internal.SeedOption;
import io.querygov.cli.internal.StatementCounts;
import io.querygov.cli.internal.Workload;
import io.querygov.cli.report.BenchReportPage;
import io.querygov.cli.report.ReportFile;
import io.querygov.core.QueryCatalog;
import io.querygov.metrics.CacheStats;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import io.querygov.core.QueryTracker;
import io.querygov.orm.HibernateTracking;
import io.querygov.orm.NPlusOneListener;
import io.querygov.inspect.ParameterSource;
import io.querygov.inspect.ParameterValueException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code querytool bench}: every registered query (or the filtered ones) measured against the target. */
@Command(name = "bench",
        header = "Benchmark registered queries: throughput and p50/p95/p99/p99.9/max per query.",
        description = "Run each query (one after another) on --concurrency threads, each with a connection of"
                + " its own: a warmup (at least --warmup-iterations calls per thread, past pgjdbc's switch to a"
                + " server-side prepared statement and PostgreSQL's switch to a generic plan, and at least"
                + " --warmup), then --duration or --iterations measured. Parameter values are drawn from each"
                + " query's samplers, or fixed with --param. Reads run in read-only transactions; statements that"
                + " write are rolled back unless --allow-writes. --rate paces calls on a fixed schedule and"
                + " measures latency from when each call was due (coordinated-omission correction), reporting"
                + " the schedule lag as pgbench -R does.",
        footer = {
            "  querytool bench                     # every example query, embedded PostgreSQL",
            "  querytool bench --url jdbc:postgresql://db:5432/app?user=ops \\",
            "      --catalog sql/ --tag dashboard --duration 30s --concurrency 4",
            "  querytool bench --query project_stats --rate 200 --duration 60s",
            "  querytool bench --save baseline.json",
            "  querytool bench --baseline baseline.json --tolerance 20%%   # CI gate",
            "  querytool bench --baseline baseline.json --report bench.html"})
public final class BenchCommand extends TargetCommand {
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

    @Option(names = "--arrivals", paramLabel = "SPACING", defaultValue = "even", order = 5,
            converter = ArrivalsConverter.class,
            description = "How --rate spaces calls: even (the default), or poisson, as pgbench -R does: exponential"
                    + " gaps with the rate's mean, seeded, so a run repeats.")
    io.querygov.bench.Arrivals arrivals;

    /** {@code even} or {@code poisson}, in any case. */
    static final class ArrivalsConverter implements picocli.CommandLine.ITypeConverter<io.querygov.bench.Arrivals> {
        @Override
        public io.querygov.bench.Arrivals convert(String value) {
            try {
                return io.querygov.bench.Arrivals.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected even or poisson, was '" + value
                        + "'");
            }
        }
    }

    @Option(names = "--param", paramLabel = "NAME=VALUE", order = 6,
            description = "A fixed value for every query with this parameter, repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Mixin
    SeedOption seed;

    @Option(names = "--allow-writes", order = 8,
            description = "Commit statements that write, and run those whose side effects a rollback cannot undo"
                    + " (nextval, COPY ... PROGRAM, pg_terminate_backend, advisory locks, dblink, ...). Without it"
                    + " writes run in transactions that are rolled back and those are refused, with the reason.")
    boolean allowWrites;

    // One picocli @Option per field, as in every command: bench's options share their form, not their flags, defaults
    // or help, so the declarations stay alike.
    // From here the orders interleave with the target's (10, 12, 14, 16) where bench's help has always listed
    // them; options of one order keep the order they are declared in.
    @Option(names = "--save", paramLabel = "FILE", order = 9,
            description = "Save the run as JSON (with PostgreSQL version, settings and machine facts; never a"
                    + " password), to serve as a --baseline later.")
    Path save;

    @Option(names = "--baseline", paramLabel = "FILE", order = 9,
            description = "Compare with a run saved by --save: per-query deltas and verdicts; exit 1 on a"
                    + " regression beyond --tolerance.")
    Path baseline;

    @Option(names = "--tolerance", paramLabel = "PERCENT", defaultValue = "20%", order = 11,
            description = "How much slower a query may get before it is a regression (default:"
                    + " ${DEFAULT-VALUE}).")
    String tolerance;

    @Option(names = "--statistic", paramLabel = "STAT", defaultValue = "p95", order = 13,
            description = "What the baseline comparison judges by: mean, p50, p95, p99, p99.9, max (default:"
                    + " ${DEFAULT-VALUE}).")
    String statistic;

    @Option(names = "--max-error-rate", paramLabel = "PERCENT", defaultValue = "1%", order = 15,
            description = "A query whose measured calls fail more often than this fails the run (default:"
                    + " ${DEFAULT-VALUE}).")
    String maxErrorRate;

    @Option(names = "--fail-on-missing", order = 17,
            description = "A query measured in the --baseline but not in this run fails the run, and so does a"
                    + " baseline that does not fit it. Without it, a baseline with no query in common, or with most"
                    + " of its queries missing, is a usage error (exit 2), and a few missing are reported.")
    boolean failOnMissing;

    @Option(names = "--strict", order = 19,
            description = "An UNSURE time verdict (the confidence interval of the change straddles --tolerance) fails"
                    + " the run too. Without it UNSURE is printed with its interval and \"run longer\".")
    boolean strict;

    @Option(names = "--advisory-time", order = 19,
            description = "Time verdicts are printed but never fail the run: only work (a changed plan, more"
                    + " buffers or statements per call) and failed queries do. For CI machines whose load varies from"
                    + " run to run; scripts/gate-error-rates.sh measures what each choice costs.")
    boolean advisoryTime;

    @Option(names = "--time-floor", paramLabel = "DURATION", defaultValue = "0.05ms", order = 19,
            converter = DurationConverter.class,
            description = "The smallest change of the judged statistic that is a regression, whatever the"
                    + " --tolerance (default: ${DEFAULT-VALUE}): 26%% of a 0.07 ms query is 18 microseconds.")
    Duration timeFloor;

    @Option(names = "--work-samples", paramLabel = "N", defaultValue = "5", order = 18,
            description = "After each query's measurement, capture what the database did per call on N sampled"
                    + " values (the same in every run with the same --seed): plan shape, shared buffers and rows"
                    + " (EXPLAIN ANALYZE, BUFFERS in a rolled-back read-only transaction; plain EXPLAIN for writes),"
                    + " statements per call of ORM code. Saved with the run; a changed plan, more buffers or more"
                    + " statements than the --baseline's is a regression. 0 captures nothing (default:"
                    + " ${DEFAULT-VALUE}).")
    int workSamples;

    @Option(names = "--report", paramLabel = "FILE.html", order = 15,
            description = "Also write the run as one HTML file that opens offline: latency percentile spectra"
                    + " (with the baseline's), verdicts, calls/s, rows, errors and the run's facts.")
    Path reportFile;

    @Option(names = "--cache", order = 19,
            description = "Put the result cache (query-cache) in front of the runners, as a service that uses it has"
                    + " it: queries with a cache TTL (-- cache: 30s) are answered from it when the same values came"
                    + " within the TTL, and the table gains hits, misses, hit rate and evictions per query (over"
                    + " warmup and measured calls; the cache starts empty). Writes committed with --allow-writes evict.")
    boolean cache;

    private String workloadDescription;
    /** The result cache of a --cache run; null without. */
    private BenchCache benchCache;
    /** Statements per call of each query, counted on the connections the runners get. */
    private final StatementCounts statementCounts = new StatementCounts();

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
        BenchGate gate = BenchGate.builder()
                .tolerance(parse(() -> Tolerance.parse(tolerance), "--tolerance"))
                .statistic(parse(() -> LatencyStatistic.parse(statistic), "--statistic"))
                .maxErrorRate(parse(() -> MaxErrorRate.parse(maxErrorRate), "--max-error-rate"))
                .failOnMissing(failOnMissing).strict(strict).timeFails(!advisoryTime)
                .timeFloor(parse(() -> nonNegative(timeFloor), "--time-floor")).build();
        BenchReport base = baseline == null ? null : readBaseline();
        if (reportFile != null) {
            ReportFile.check("--report", reportFile);
        }
        if (save != null) {
            // before a run of minutes, not after it
            ReportFile.check("--save", save);
        }
        try (Workload workload = catalogOptions.open()) {
            return bench(workload, options, gate, base);
        }
    }

    /** The run's runner, which gives up on a server that stopped answering; null before the run. */
    private SilentServer silentServer;

    private int bench(Workload workload, BenchOptions options, BenchGate gate, BenchReport base) {
        QueryCatalog catalog = filter.applyToSome(workload.catalog(), "No query to benchmark");
        checkParams(catalog);
        this.workloadDescription = workload.description();
        try (Target target = open(output.format(), catalog);
             ConnectionPool pool = new ConnectionPool(target.readOnly());
             ConnectionPool writePool = new ConnectionPool(target.readWrite());
             BenchCache cached = cache ? new BenchCache() : null) {
            benchCache = cached;
            if (cached != null && BenchCache.cached(catalog) == 0) {
                notes.note("--cache: no query of this run has a cache TTL (-- cache: 30s in its header), so every call"
                        + " runs as without it");
            }
            silentServer = SilentServer.guarding(Runners.forBench(statementCounts.counting(invalidating(pool)),
                    allowWrites, workload.runners(statementCounts.counting(invalidating(writePool)), allowWrites)));
            QueryRunner runner = statementCounts.counted(cached == null ? silentServer : cached.inFrontOf(silentServer));
            Map<String, String> environment = new LinkedHashMap<>(target.facts());
            environment.put("querytool.allow_writes", Boolean.toString(allowWrites));
            environment.put("querytool.seed", Long.toString(seed.value()));
            BenchValues values = new BenchValues(target.readOnly(), seed.value(), params);
            List<QueryBenchResult> finished = new CopyOnWriteArrayList<>();
            BenchProgressListener listener = new ProgressLine(notes, finished::add);
            Instant startedAt = Instant.now();
            Set<String> leftOut = leftOut(workload.catalog(), catalog);
            try (Interruption interruption = new Interruption(() -> {
                // on the hook's thread, while the run's threads are still in their calls: report what finished
                BenchReport partial = new BenchReport(startedAt, startedAt, options, environment, finished)
                        .asInterrupted(Instant.now());
                notes.clearProgress();
                err.println("querytool bench: interrupted after " + finished.size() + " of " + catalog.size()
                        + " queries; reporting what was measured" + (save != null ? ", saved as interrupted" : ""));
                err.flush();
                report(target, catalog, partial, gate.judge(partial, base, leftOut), base);
                out.flush();
                err.flush();
            })) {
                BenchmarkEngine.Builder engine = BenchmarkEngine.builder(runner).options(options).parameters(values)
                        .progressListener(listener).environment(environment);
                if (workSamples > 0) {
                    // the capture's runners roll back whatever they write, --allow-writes or not, and run over
                    // sessions of their own whose statements are counted, so the measured calls pay for no recording
                    HibernateTracking tracking = HibernateTracking.builder(QueryTracker.builder().build())
                            .nPlusOneListener(NPlusOneListener.IGNORE).build();
                    List<QueryRunner> tracked = workload.trackedRunners(writePool, tracking);
                    engine.workProbe(BenchWork.probe(silentServer.connections(target.readOnly()), values, seed.value(), params,
                            workSamples, options, tracked.isEmpty() ? null : Runners.of(tracked),
                            block -> tracking.record(block::run).size()));
                }
                phases.restart();
                BenchReport report = engine.build().run(catalog.queries());
                if (!interruption.claim()) {
                    // a signal came first: its hook reports, and the JVM is ending
                    return ExitCode.PROBLEM_FOUND;
                }
                try {
                    notes.clearProgress();
                    phases.end("bench");
                    GateResult verdict = gate.judge(report, base, leftOut);
                    boolean saved = report(target, catalog, report, verdict, base);
                    if (!saved) {
                        return ExitCode.USAGE;
                    }
                    if (silentServer.silence() != null) {
                        // what was measured is printed, but the run did not run: no gate passes it
                        err.println("querytool bench: " + silentServer.silence());
                        return ExitCode.DATABASE_UNAVAILABLE;
                    }
                    return switch (verdict.outcome()) {
                        case PASSED -> ExitCode.OK;
                        case FAILED -> ExitCode.PROBLEM_FOUND;
                        case BASELINE_UNUSABLE -> {
                            err.println("querytool bench: --baseline " + baseline + " does not fit this run: "
                                    + verdict.problems(GateProblem.Kind.BASELINE).get(0).reason());
                            yield ExitCode.USAGE;
                        }
                    };
                } finally {
                    interruption.reported();
                }
            }
        }
    }

    /**
     * Saves, prints and writes the HTML report, in that order, and a save that failed after the results: whatever
     * fails, what was measured is shown.
     *
     * @return false when --save could not be written (said on standard error, after the results)
     */
    private boolean report(Target target, QueryCatalog catalog, BenchReport report, GateResult verdict,
                           BenchReport base) {
        String saveFailure = null;
        if (save != null) {
            try {
                // a temporary file beside it, renamed over it: an earlier baseline is replaced whole or kept
                ReportFile.write("--save", save, report.toJson(verdict));
            } catch (CliException e) {
                saveFailure = e.getMessage();
            }
        }
        print(target, catalog, report, verdict, saveFailure);
        if (reportFile != null) {
            try {
                writeReport(target, catalog, report, base, verdict);
            } catch (CliException e) {
                err.println("querytool bench: " + e.getMessage());
            }
        }
        if (saveFailure != null) {
            err.println("querytool bench: " + saveFailure + "; the results above were not saved");
            return false;
        }
        return true;
    }

    /** The queries of the catalog that a filter left out of this run: the baseline's results for them are not missed. */
    private static Set<String> leftOut(QueryCatalog all, QueryCatalog run) {
        Set<String> out = new HashSet<>(all.names());
        out.removeAll(run.names());
        return out;
    }

    private void writeReport(Target target, QueryCatalog catalog, BenchReport report, BenchReport base,
                             GateResult verdict) {
        BenchReportPage.Builder page = BenchReportPage.builder(report).target(target.description())
                .catalog(workloadDescription).options(describe(report.options())).redactor(secrets::redact)
                .statements(name -> catalog.find(name).flatMap(QueryDescriptor::statement)).gate(verdict);
        verdict.comparison().ifPresent(comparison -> page.baseline(base, comparison, baseline.toString()));
        ReportFile.write("--report", reportFile, page.build().render());
        notes.note("report: " + reportFile);
    }

    private BenchOptions options() {
        if (workSamples < 0 || workSamples > 100) {
            throw new CliException(ExitCode.USAGE, "--work-samples must be between 0 (no work capture) and 100, was "
                    + workSamples);
        }
        try {
            // warmup calls that were asked for are made; the default is fitted to each query's speed
            boolean asked = spec.commandLine().getParseResult().hasMatchedOption("--warmup-iterations");
            BenchOptions.Builder b = BenchOptions.builder().warmup(warmup).warmupIterations(warmupIterations)
                    .adaptiveWarmup(!asked).concurrency(concurrency);
            if (length != null && length.iterations != null) {
                b.iterations(length.iterations);
            } else {
                b.duration(length != null && length.duration != null ? length.duration : DEFAULT_DURATION);
            }
            if (rate != null) {
                b.rate(rate).arrivals(arrivals);
            } else if (spec.commandLine().getParseResult().hasMatchedOption("--arrivals")) {
                throw new CliException(ExitCode.USAGE, "--arrivals spaces the calls of a --rate: give --rate too");
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
    }

    private static Duration nonNegative(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("cannot be negative, was " + DurationConverter.format(d));
        }
        return d;
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

    /** Every --param names a parameter of the run and reads as its declared type, before anything runs. */
    private void checkParams(QueryCatalog catalog) {
        for (Map.Entry<String, String> given : params.entrySet()) {
            String name = given.getKey();
            if (catalog.stream().noneMatch(q -> q.parameter(name).isPresent())) {
                throw new CliException(ExitCode.USAGE, "--param " + name + ": no query of this run has a parameter"
                        + " named '" + name + "'");
            }
            for (QueryDescriptor q : catalog) {
                if (q.parameter(name).isPresent()) {
                    try {
                        ParameterSource.convert(q, Map.of(name, given.getValue()));
                    } catch (ParameterValueException e) {
                        throw new CliException(ExitCode.USAGE, "--param " + name + "=" + given.getValue() + ": "
                                + e.getMessage(), e);
                    }
                }
            }
        }
    }

    private void print(Target target, QueryCatalog catalog, BenchReport report, GateResult verdict,
                       String saveFailure) {
        phases.restart();
        switch (output.format()) {
            case JSON -> {
                // the document --save writes, in the same schema
                out.println(report.toJson(verdict));
                phases.end("report");
                footer(Format.JSON);
            }
            case CSV -> {
                table(report, statementCounts, benchCache).csv(out);
                phases.end("report");
            }
            default -> {
                header(Format.TABLE, target, filter.given() ? catalog.size() + " of " + workloadDescription
                        : workloadDescription);
                out.println(describe(report.options()));
                out.println();
                out.print(table(report, statementCounts, benchCache).text());
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
                for (GateProblem p : verdict.problems(GateProblem.Kind.ERROR_RATE)) {
                    out.println();
                    out.println(p + " (--max-error-rate)");
                }
                if (verdict.outcome() == GateResult.Outcome.BASELINE_UNUSABLE) {
                    out.println();
                    out.println("baseline: " + baseline + " does not fit this run: "
                            + verdict.problems(GateProblem.Kind.BASELINE).get(0).reason());
                } else {
                    verdict.comparison().ifPresent(c -> {
                        out.println();
                        printComparison(c, verdict);
                    });
                }
                if (silentServer != null && silentServer.silence() != null) {
                    out.println();
                    out.println("STOPPED: " + silentServer.silence());
                }
                if (report.interrupted()) {
                    out.println();
                    out.println("INTERRUPTED: the run was stopped before its end; " + report.queries().size() + " of "
                            + catalog.size() + " queries had finished");
                }
                if (save != null) {
                    out.println();
                    out.println(saveFailure == null ? "saved: " + save + (report.interrupted() ? " (interrupted)" : "")
                            : "NOT saved: " + saveFailure);
                }
                phases.end("report");
                footer(Format.TABLE);
            }
        }
    }

    /** With --cache, connections whose committed writes evict what they make stale. */
    private javax.sql.DataSource invalidating(javax.sql.DataSource pool) {
        return benchCache == null ? pool : benchCache.invalidating(pool);
    }

    private String describe(BenchOptions o) {
        String measured = o.length() instanceof BenchOptions.Length.ForIterations it
                ? it.callsPerThread() + " calls per thread"
                : DurationConverter.format(((BenchOptions.Length.ForDuration) o.length()).duration());
        return "bench: warmup " + DurationConverter.format(o.warmup()) + " and " + o.warmupIterations()
                + " calls per thread, " + measured + " measured per query, concurrency " + o.concurrency()
                + (o.rate().isPresent() ? String.format(Locale.ROOT, ", rate %.1f/s%s", o.rate().getAsDouble(),
                o.arrivals() == io.querygov.bench.Arrivals.POISSON ? " (Poisson arrivals)" : "") : "")
                + (allowWrites ? ", writes committed" : ", writes rolled back")
                + (benchCache != null ? ", result cache in front of the queries with a TTL" : "");
    }

    private static Table table(BenchReport report, StatementCounts statements, BenchCache cache) {
        boolean rated = report.options().isRateLimited();
        List<Column> columns = new ArrayList<>(List.of(Column.text("QUERY", "query"), Column.text("TYPE", "type"),
                Column.number("CALLS", "calls", 0), Column.number("ERRORS", "errors", 0),
                Column.number("CALLS/s", "calls_per_second", 1), Column.number("p50 ms", "p50_ms", 3),
                Column.number("p95 ms", "p95_ms", 3), Column.number("p99 ms", "p99_ms", 3),
                Column.number("p99.9 ms", "p999_ms", 3), Column.number("MAX ms", "max_ms", 3),
                Column.number("ROWS/CALL", "rows_per_call", 1),
                // a service's own code path may run many statements where its SQL alone is one
                Column.number("STMTS/CALL", "statements_per_call", 1)));
        if (rated) {
            columns.add(Column.number("LAG ms", "lag_mean_ms", 3));
            columns.add(Column.number("LAG MAX ms", "lag_max_ms", 3));
        }
        if (cache != null) {
            columns.add(Column.number("CACHE HITS", "cache_hits", 0));
            columns.add(Column.number("MISSES", "cache_misses", 0));
            columns.add(Column.text("HIT RATE", "cache_hit_rate"));
            columns.add(Column.number("EVICTIONS", "cache_evictions", 0));
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
            OptionalDouble perCall = statements.perCall(q.name());
            row.add(m && perCall.isPresent() ? perCall.getAsDouble() : null);
            if (rated) {
                row.add(q.rate().map(r -> r.scheduleLag().meanMicros() / 1e3).orElse(null));
                row.add(q.rate().map(r -> r.scheduleLag().maxMicros() / 1e3).orElse(null));
            }
            if (cache != null) {
                Optional<CacheStats> c = cache.stats(q.name());
                row.add(c.map(CacheStats::hits).orElse(null));
                row.add(c.map(CacheStats::misses).orElse(null));
                row.add(c.filter(x -> x.lookups() > 0)
                        .map(x -> String.format(Locale.ROOT, "%.1f%%", 100 * x.hitRate())).orElse(null));
                row.add(c.map(CacheStats::evictions).orElse(null));
            }
            table.row(row.toArray());
        }
        return table;
    }

    private void printComparison(BaselineComparison c, GateResult verdict) {
        String label = c.statistic().label();
        Table table = Table.of(Column.text("QUERY", "query"), Column.text("WORK", "work_verdict"),
                Column.number("BASELINE " + label + " ms", "baseline_ms", 3),
                Column.number("NOW " + label + " ms", "current_ms", 3), Column.text("CHANGE", "change"),
                Column.text("95% CI", "change_interval"), Column.text("TIME", "time_verdict"),
                Column.text("VERDICT", "verdict"));
        for (QueryComparison r : c.rows()) {
            table.row(r.name(), r.work().verdict().name(), r.baselineMicros().map(v -> v / 1e3).orElse(null),
                    r.currentMicros().map(v -> v / 1e3).orElse(null),
                    Double.isNaN(r.change()) ? null : String.format(Locale.ROOT, "%+.1f%%", r.changePercent()),
                    r.timeChange().map(t -> String.format(Locale.ROOT, "%+.0f%%..%+.0f%%", (t.low() - 1) * 100,
                            (t.high() - 1) * 100)).orElse(null),
                    r.timeVerdict().name(), r.verdict().name());
        }
        out.println("baseline: " + baseline + ", judged by work per call, then by " + label + " within "
                + c.tolerance() + " and " + DurationConverter.format(c.criteria().timeFloor()) + " (95% interval)");
        out.println();
        out.print(table.text());
        out.println();
        for (QueryComparison r : c.rows()) {
            if (r.work().verdict() != io.querygov.bench.WorkVerdict.NOT_COMPARED || r.baseline().isPresent()
                    && r.current().isPresent()) {
                out.println(r.name() + ": work " + r.work().reason());
            }
            if (r.timeVerdict() == io.querygov.bench.Verdict.UNSURE
                    || r.timeVerdict() == io.querygov.bench.Verdict.REGRESSION) {
                out.println(r.name() + ": time " + r.timeReason());
            }
        }
        for (String note : c.notes()) {
            out.println("note: " + note);
        }
        for (GateProblem p : verdict.problems()) {
            if (p.kind() == GateProblem.Kind.MISSING || p.kind() == GateProblem.Kind.BASELINE) {
                out.println(p + " (--fail-on-missing)");
            }
        }
        out.println();
        List<String> failing = c.failures().stream()
                .filter(f -> !advisoryTime || f.verdict() == io.querygov.bench.Verdict.FAILED
                        || f.work().verdict().isFailure())
                .map(f -> f.name() + " " + f.verdict().name().toLowerCase(Locale.ROOT)).toList();
        out.println(!failing.isEmpty() ? "REGRESSION: " + String.join(", ", failing)
                : "no regression beyond " + c.tolerance() + (advisoryTime && c.hasRegression()
                ? " in work (time regressions are advisory: --advisory-time)" : ""));
    }
}
