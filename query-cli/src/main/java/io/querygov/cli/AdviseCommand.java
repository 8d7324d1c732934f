package io.querygov.cli;

import io.querygov.bench.BenchOptions;
import io.querygov.bench.BenchReport;
import io.querygov.bench.BenchReportException;
import io.querygov.bench.BenchmarkEngine;
import io.querygov.cli.internal.AdviceEvidence;
import io.querygov.cli.internal.CliException;
import io.querygov.cli.internal.ConnectionPool;
import io.querygov.cli.internal.DurationConverter;
import io.querygov.cli.internal.Format;
import io.querygov.cli.internal.Json;
import io.querygov.cli.internal.OutputOptions;
import io.querygov.cli.internal.ProgressLine;
import io.querygov.cli.internal.QueryFilter;
import io.querygov.cli.internal.Runners;
import io.querygov.cli.internal.Target;
import io.querygov.cli.internal.SeedOption;
import io.querygov.cli.internal.Workload;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.inspect.advice.AdviceThresholds;
import io.querygov.inspect.advice.Advisor;
import io.querygov.inspect.advice.Finding;
import io.querygov.inspect.advice.QueryEvidence;
import io.querygov.inspect.advice.QueryEvidence.Compared;
import io.querygov.inspect.advice.QueryEvidence.Timing;
import io.querygov.inspect.advice.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code querytool advise}: what the guide says about each query, from its plans, its calls and a bench run. */
@Command(name = "advise",
        header = "Judge each query by the guide's rules: N+1, hot ORM_COMPLEX, key reads in SQL files, missing"
                + " indexes, generic plans.",
        description = {
            "For each registered query: its plans on sampled values (reads with EXPLAIN ANALYZE in read-only"
                    + " transactions, writes with plain EXPLAIN), the statements one call of an ORM runner sends"
                    + " (rolled back), and its latency from a bench run (--run FILE, as bench --save wrote it, or"
                    + " a short one made here). Each finding has a rule id that names its section of"
                    + " docs/guide.md, its evidence and a severity; exit code 1 when one is an error.",
            "",
            "Rules: QG-N1 (error) an ORM call repeats a statement: fetch it or move it to a SQL file, with the"
                    + " measured ratio from its compare group; QG-OC (warn) a hot ORM_COMPLEX query: a SQL file"
                    + " candidate; QG-PK (info) a SQL file that reads one row by primary key: an ORM candidate;"
                    + " QG-IX (warn) a Seq Scan of a large table under a selective filter: an index on the filter's"
                    + " columns; QG-GP (warn, PostgreSQL 16+) the generic plan differs from the custom one:"
                    + " plan_cache_mode.",
            "",
            "--verify tries each suggested index: BEGIN; CREATE INDEX ...; EXPLAIN ...; ROLLBACK. The index is never"
                    + " committed, but CREATE INDEX holds a SHARE lock on its table until the rollback, which blocks"
                    + " every write to that table meanwhile (reads go on), and building it on a large table takes"
                    + " as long as it takes; the lock is given up after 2 s of waiting. So it is opt-in: without"
                    + " --verify nothing of the kind runs."},
        footer = {
            "  querytool advise                          # embedded PostgreSQL 17 with the examples",
            "  querytool advise --run bench.json --format json",
            "  querytool advise --url jdbc:postgresql://db/app?user=ops --catalog service.jar --verify",
            "  querytool advise --query 'orm.*' --no-bench"})
public final class AdviseCommand extends TargetCommand {
    /** The version of the JSON document {@code --format json} prints. */
    static final int SCHEMA_VERSION = 1;

    @Option(names = "--run", paramLabel = "FILE", order = 1,
            description = "Latency from this saved run (bench --save) instead of measuring it here.")
    Path run;

    @Option(names = "--no-bench", order = 2,
            description = "Measure no latency: QG-OC and the ratios of QG-N1 need it and are left out.")
    boolean noBench;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", defaultValue = "1s", order = 3,
            converter = DurationConverter.class,
            description = "Measured time per query of the bench made here (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "300ms", order = 4,
            converter = DurationConverter.class,
            description = "Unmeasured time per query before it (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--verify", order = 5,
            description = "Try each suggested index inside a transaction that is rolled back (CREATE INDEX holds a"
                    + " SHARE lock that blocks the table's writes until then).")
    boolean verify;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "3", order = 6,
            description = "Sets of parameter values per query, explained and run (default: ${DEFAULT-VALUE}).")
    int samples;

    @Mixin
    SeedOption seed;

    @Option(names = "--large-table-rows", paramLabel = "N", order = 8,
            defaultValue = "" + io.querygov.inspect.PlanThresholds.DEFAULT_LARGE_TABLE_ROWS,
            description = "QG-IX: a table of at least this many rows is large (default: ${DEFAULT-VALUE}).")
    long largeTableRows;

    @Option(names = "--selective", paramLabel = "FRACTION", order = 9,
            defaultValue = "" + AdviceThresholds.DEFAULT_SELECTIVE_FRACTION,
            description = "QG-IX: a filter that keeps at most this fraction of the table is selective (default:"
                    + " ${DEFAULT-VALUE}).")
    double selective;

    // order 9, after --selective, and --hot-p95's 11: where advise's help has always listed them around --url (10)
    @Option(names = "--max-repeats", paramLabel = "N", order = 9,
            defaultValue = "" + AdviceThresholds.DEFAULT_MAX_REPEATS,
            description = "QG-N1: an ORM call may send one statement shape this many times (default:"
                    + " ${DEFAULT-VALUE}).")
    int maxRepeats;

    @Option(names = "--hot-p95", paramLabel = "DURATION", order = 11, defaultValue = "1ms",
            converter = DurationConverter.class,
            description = "QG-OC: an ORM_COMPLEX query with at least this p95 is hot (default: ${DEFAULT-VALUE}).")
    Duration hotP95;

    @Mixin
    QueryFilter filter;

    @Mixin
    OutputOptions output;

    /** Where the latency came from, for the output. */
    private String runSource;

    @Override
    int execute() {
        requireNotCsv(output.format(), "advice");
        AdviceThresholds thresholds;
        BenchOptions benchOptions;
        try {
            thresholds = new AdviceThresholds(largeTableRows, selective, maxRepeats, hotP95.toNanos() / 1e6);
            benchOptions = BenchOptions.builder().warmup(warmup).duration(duration).build();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
        if (samples < 1) {
            throw new CliException(ExitCode.USAGE, "--samples must be at least 1, was " + samples);
        }
        if (run != null && noBench) {
            throw new CliException(ExitCode.USAGE, "--run and --no-bench contradict each other: give one");
        }
        BenchReport saved = null;
        if (run != null) {
            try {
                saved = BenchReport.read(run);
            } catch (BenchReportException e) {
                throw new CliException(ExitCode.USAGE, "--run " + run + ": " + e.getMessage(), e);
            }
        }
        try (Workload workload = catalogOptions.open()) {
            return advise(workload, Advisor.create(thresholds), benchOptions, saved);
        }
    }

    private int advise(Workload workload, Advisor advisor, BenchOptions benchOptions, BenchReport saved) {
        QueryCatalog catalog = filter.applyToSome(workload.catalog(), "No query to advise on");
        List<String> notesShown = new ArrayList<>();
        try (Target target = open(output.format(), catalog);
             ConnectionPool pool = new ConnectionPool(target.readOnly());
             ConnectionPool writePool = new ConnectionPool(target.readWrite())) {
            phases.restart();
            BenchReport report = saved;
            if (saved != null) {
                runSource = run.toString();
                for (QueryDescriptor q : catalog) {
                    if (saved.find(q.name()).isEmpty()) {
                        notesShown.add(q.name() + ": not in " + run + ", judged without its latency");
                    }
                }
            } else if (!noBench) {
                runSource = "measured here: warmup " + DurationConverter.format(warmup) + ", "
                        + DurationConverter.format(duration) + " per query, seed " + seed.value()
                        + ", writes rolled back";
                // the compare groups' references are measured too, so that each variant's ratio is there
                QueryCatalog measured = withReferences(workload.catalog(), catalog);
                Runners runner = Runners.forBench(pool, false, workload.runners(writePool, false));
                report = BenchmarkEngine.builder(runner).options(benchOptions)
                        .parameters(seed.drawnFrom(target.readOnly()))
                        .progressListener(new ProgressLine(notes)).environment(target.facts()).build()
                        .run(measured.queries());
                notes.clearProgress();
                phases.end("bench");
            } else {
                runSource = "none (--no-bench)";
            }
            Map<String, Timing> timings = report == null ? Map.of() : AdviceEvidence.timings(report);
            Map<String, Compared> compared = AdviceEvidence.compared(workload.catalog(), timings);

            AdviceEvidence evidence = new AdviceEvidence(target.readOnly(), target.readWrite(),
                    target.statementTimeout(), tracking -> workload.trackedRunners(writePool, tracking), advisor,
                    samples, seed.value(), notesShown::add);
            Map<QueryDescriptor, List<Finding>> findings = new LinkedHashMap<>();
            int i = 0;
            for (QueryDescriptor q : catalog) {
                notes.progress("advise [" + ++i + "/" + catalog.size() + "] " + q.name());
                QueryEvidence e = evidence.gather(q, timings.get(q.name()), compared.get(q.name()));
                if (verify) {
                    e = evidence.verify(e);
                }
                findings.put(q, advisor.advise(e));
            }
            notes.clearProgress();
            phases.end(verify ? "advise and verify" : "advise");
            boolean error = findings.values().stream().flatMap(List::stream)
                    .anyMatch(f -> f.severity() == Severity.ERROR);
            print(target, advisor.thresholds(), findings, notesShown);
            return error ? ExitCode.PROBLEM_FOUND : ExitCode.OK;
        }
    }

    /** The asked queries, and the references of the compare groups they belong to. */
    private static QueryCatalog withReferences(QueryCatalog all, QueryCatalog asked) {
        return all.filter(q -> asked.find(q.name()).isPresent() || (!q.type().isOrm() && q.tags().stream()
                .anyMatch(t -> t.startsWith("compare:") && asked.queries().stream().anyMatch(a -> a.hasTag(t)))));
    }

    private void print(Target target, AdviceThresholds t, Map<QueryDescriptor, List<Finding>> findings,
                       List<String> notesShown) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        findings.values().stream().flatMap(List::stream).forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (output.format() == Format.JSON) {
            Map<String, Object> doc = jsonHeader(SCHEMA_VERSION, target);
            doc.put("run", runSource);
            doc.put("verified", verify);
            Map<String, Object> th = new LinkedHashMap<>();
            th.put("largeTableRows", t.largeTableRows());
            th.put("selectiveFraction", t.selectiveFraction());
            th.put("maxRepeats", t.maxRepeats());
            th.put("hotP95Millis", t.hotP95Millis());
            doc.put("thresholds", th);
            List<Map<String, Object>> queries = new ArrayList<>();
            findings.forEach((q, list) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("query", q.name());
                m.put("type", q.type().name());
                m.put("origin", q.origin().orElse(null));
                List<Map<String, Object>> fs = new ArrayList<>();
                for (Finding f : list) {
                    Map<String, Object> fm = new LinkedHashMap<>();
                    fm.put("rule", f.rule().id());
                    fm.put("severity", f.severity().label());
                    fm.put("guide", f.rule().guideLink());
                    fm.put("title", f.rule().title());
                    fm.put("message", secrets.scrub(f.message()));
                    fm.put("evidence", f.evidence());
                    fs.add(fm);
                }
                m.put("findings", fs);
                queries.add(m);
            });
            doc.put("queries", queries);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("findings", total);
            counts.forEach((s, n) -> summary.put(s.label(), n));
            doc.put("summary", summary);
            doc.put("notes", notesShown.stream().map(secrets::scrub).toList());
            doc.put("phasesMillis", jsonPhasesMillis());
            Json.print(out, doc);
            footer(Format.JSON);
            return;
        }
        header(Format.TABLE, target, null);
        out.println("latency: " + runSource);
        out.println();
        List<String> quiet = new ArrayList<>();
        findings.forEach((q, list) -> {
            if (list.isEmpty()) {
                quiet.add(q.name());
                return;
            }
            out.println(q.name() + "  " + q.type() + "  " + q.originOrUnknown());
            for (Finding f : list) {
                String lead = String.format("  %-5s  %-5s  ", f.severity().label(), f.rule().id());
                wrap(lead, secrets.scrub(f.message()));
                out.println(" ".repeat(lead.length()) + "guide: " + f.rule().guideLink());
            }
            out.println();
        });
        if (!quiet.isEmpty()) {
            wrap("no finding: ", String.join(", ", quiet));
            out.println();
        }
        for (String n : notesShown) {
            wrap("note: ", secrets.scrub(n));
        }
        if (!notesShown.isEmpty()) {
            out.println();
        }
        out.println(total + (total == 1 ? " finding" : " findings") + " (" + counts.get(Severity.ERROR) + " error, "
                + counts.get(Severity.WARN) + " warn, " + counts.get(Severity.INFO) + " info) on "
                + findings.values().stream().filter(l -> !l.isEmpty()).count() + " of " + findings.size()
                + " queries" + (counts.get(Severity.ERROR) > 0 ? "; exit code 1: an error finding" : ""));
        footer(Format.TABLE);
    }

    /** Prints {@code text} after {@code lead}, wrapped at 120 columns under the first line's text. */
    private void wrap(String lead, String text) {
        int width = Math.max(40, 120 - lead.length());
        String indent = " ".repeat(lead.length());
        StringBuilder line = new StringBuilder();
        boolean first = true;
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.println((first ? lead : indent) + line);
                first = false;
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        out.println((first ? lead : indent) + line);
    }
}
