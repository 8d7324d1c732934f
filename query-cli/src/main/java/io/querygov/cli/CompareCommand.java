package io.querygov.cli;

import io.querygov.bench.BenchOptions;
import io.querygov.bench.BenchParameters;
import io.querygov.bench.BenchReport;
import io.querygov.bench.BenchmarkEngine;
import io.querygov.bench.ParameterSupplier;
import io.querygov.bench.QueryBenchResult;
import io.querygov.cli.internal.BenchValues;
import io.querygov.cli.internal.CliException;
import io.querygov.cli.internal.ConnectionPool;
import io.querygov.cli.internal.DurationConverter;
import io.querygov.cli.internal.Format;
import io.querygov.cli.internal.Json;
import io.querygov.cli.internal.OutputOptions;
import io.querygov.cli.internal.ProgressLine;
import io.querygov.cli.internal.ResultRows;
import io.querygov.cli.internal.Runners;
import io.querygov.cli.internal.SilentServer;
import io.querygov.cli.internal.Table;
import io.querygov.cli.internal.Table.Column;
import io.querygov.cli.internal.Target;
import io.querygov.cli.internal.SeedOption;
import io.querygov.cli.internal.Workload;
import io.querygov.cli.report.CompareGroup;
import io.querygov.cli.report.CompareReportPage;
import io.querygov.cli.report.ReportFile;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code querytool compare}: the variants of a report (ORM and raw SQL, tagged alike) side by side. */
// Every command's help is a picocli @Command laid out alike; the words are its own.
@Command(name = "compare",
        header = "Compare the ORM and raw SQL variants of a report: p50, p95, ratio, same result.",
        description = "Queries tagged compare:<group> are variants of one report. Each group's variants run with"
                + " the same parameter values (drawn from the reference variant's samplers, matched to the others'"
                + " parameters by name, ignoring case and underscores), are benchmarked briefly, and their rows"
                + " compared once. The reference is the group's first raw SQL variant; ratios are each variant's"
                + " latency over the reference's. Writes are rolled back.",
        footer = {
            "  querytool compare                         # every group of the examples",
            "  querytool compare --group project_analytics --duration 5s",
            "  querytool compare --catalog sql/ --catalog service.jar --format json",
            "  querytool compare --report compare.html"})
public final class CompareCommand extends TargetCommand {
    static final String TAG_PREFIX = "compare:";
    /** The version of the JSON document {@code --format json} prints. */
    static final int SCHEMA_VERSION = 1;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP", order = 1,
            description = "Only this group, repeatable: the part of the tag after compare:.")
    List<String> groups = new ArrayList<>();

    // Declared like advise's --warmup and --duration on purpose: the same form, compare's own defaults and help.
    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "300ms", order = 2,
            converter = DurationConverter.class,
            description = "Unmeasured time per variant, at least (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", defaultValue = "1s", order = 3,
            converter = DurationConverter.class,
            description = "Measured time per variant (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", defaultValue = "1", order = 4,
            description = "Threads per variant (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Mixin
    SeedOption seed;

    @Option(names = "--report", paramLabel = "FILE.html", order = 8,
            description = "Also write the comparison as one HTML file that opens offline: per group the variants'"
                    + " p50 and p95 as bars side by side, ratios, same result, and the run's facts.")
    Path reportFile;

    /** Facts of the run as the engine recorded them, for the report. */
    private Map<String, String> environment = Map.of();

    @Mixin
    OutputOptions output;

    /** One variant's figures and how its rows compare with the reference's. */
    private record Variant(QueryDescriptor query, QueryBenchResult result, String match, Double p50Ratio,
                           Double p95Ratio) {
    }

    @Override
    int execute() {
        BenchOptions options;
        try {
            options = BenchOptions.builder().warmup(warmup).duration(duration).concurrency(concurrency).build();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
        if (reportFile != null) {
            ReportFile.check("--report", reportFile);
        }
        try (Workload workload = catalogOptions.open()) {
            return compare(workload, options);
        }
    }

    private int compare(Workload workload, BenchOptions options) {
        Map<String, List<QueryDescriptor>> byGroup = groups(workload.catalog());
        try (Target target = open(output.format(), workload.catalog());
             ConnectionPool pool = new ConnectionPool(target.readOnly());
             ConnectionPool writePool = new ConnectionPool(target.readWrite())) {
            // a server that stops answering fails the rest of the comparison at once, as in bench
            SilentServer runner = SilentServer.guarding(Runners.forBench(pool, false, workload.runners(writePool, false)));
            BenchValues values = seed.drawnFrom(target.readOnly());
            phases.restart();
            Instant startedAt = Instant.now();
            Map<String, List<Variant>> compared = new LinkedHashMap<>();
            for (Map.Entry<String, List<QueryDescriptor>> group : byGroup.entrySet()) {
                compared.put(group.getKey(), compare(group.getValue(), runner, values, options, target));
            }
            phases.end("compare");
            boolean differ = compared.values().stream().flatMap(List::stream).anyMatch(v -> v.match() != null
                    && (v.match().equals(ResultRows.Match.DIFFERENT.name()) || v.match().startsWith("FAILED")));
            print(target, compared);
            if (reportFile != null) {
                writeReport(target, compared, startedAt, options);
            }
            return differ ? ExitCode.PROBLEM_FOUND : ExitCode.OK;
        }
    }

    private Map<String, List<QueryDescriptor>> groups(QueryCatalog catalog) {
        Map<String, List<QueryDescriptor>> out = new LinkedHashMap<>();
        for (QueryDescriptor q : catalog) {
            for (String tag : q.tags()) {
                if (tag.startsWith(TAG_PREFIX)) {
                    String group = tag.substring(TAG_PREFIX.length());
                    if (groups.isEmpty() || groups.contains(group)) {
                        out.computeIfAbsent(group, g -> new ArrayList<>()).add(q);
                    }
                }
            }
        }
        for (String asked : groups) {
            if (!out.containsKey(asked)) {
                throw new CliException(ExitCode.USAGE, "--group " + asked + ": no query is tagged compare:" + asked);
            }
        }
        if (out.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "No query is tagged compare:<group>: tag the ORM and raw SQL"
                    + " variants of a report alike, e.g. -- tags: compare:project_stats");
        }
        return out;
    }

    private List<Variant> compare(List<QueryDescriptor> variants, QueryRunner runner, BenchValues values,
                                  BenchOptions options, Target target) {
        QueryDescriptor reference = variants.stream().filter(q -> !q.type().isOrm()).findFirst()
                .orElse(variants.get(0));
        List<QueryDescriptor> ordered = new ArrayList<>();
        ordered.add(reference);
        variants.stream().filter(q -> q != reference).forEach(ordered::add);
        BenchParameters shared = new SharedValues(reference, values);

        Map<String, String> matches = new HashMap<>();
        Map<String, Object> probe = shared.forThread(reference, 0).next();
        // a report that writes is compared by the rows each variant changes, any other by the rows it returns
        boolean counts = reference.type() == QueryType.RAW_SQL_BULK;
        Object referenceRows = null;
        for (QueryDescriptor q : ordered) {
            String match;
            try {
                Map<String, Object> mine = q == reference ? probe : SharedValues.rename(probe, q);
                Object rows = counts ? (Object) runner.execute(q, mine) : runner.fetch(q, mine);
                if (q == reference) {
                    referenceRows = rows;
                    match = "reference";
                } else if (referenceRows == null) {
                    match = null;
                } else if (counts) {
                    match = (rows.equals(referenceRows) ? ResultRows.Match.SAME : ResultRows.Match.DIFFERENT).name();
                } else {
                    match = compareRows(referenceRows, rows).name();
                }
            } catch (Exception e) {
                match = "FAILED: " + e.getMessage();
            }
            matches.put(q.name(), match);
        }

        BenchReport report = BenchmarkEngine.builder(runner).options(options).parameters(shared)
                .progressListener(new ProgressLine(notes)).environment(target.facts()).build().run(ordered);
        notes.clearProgress();
        environment = report.environment();
        QueryBenchResult ref = report.queries().get(0);
        List<Variant> out = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            QueryBenchResult r = report.queries().get(i);
            boolean both = r.isMeasured() && ref.isMeasured() && ref.latency().p50Micros() > 0;
            out.add(new Variant(ordered.get(i), r, matches.get(ordered.get(i).name()),
                    both ? r.latency().p50Micros() / ref.latency().p50Micros() : null,
                    both ? r.latency().p95Micros() / ref.latency().p95Micros() : null));
        }
        return out;
    }

    private void writeReport(Target target, Map<String, List<Variant>> compared, Instant startedAt,
                             BenchOptions options) {
        List<CompareGroup> groupsShown = compared.entrySet().stream().map(g -> new CompareGroup(g.getKey(),
                g.getValue().stream().map(v -> new CompareGroup.Variant(v.query(), v.result(), resultText(v),
                        v.p50Ratio(), v.p95Ratio())).toList())).toList();
        String described = "warmup " + DurationConverter.format(options.warmup()) + ", "
                + DurationConverter.format(duration) + " measured per variant, concurrency " + options.concurrency()
                + ", seed " + seed.value() + ", writes rolled back";
        ReportFile.write("--report", reportFile, new CompareReportPage(groupsShown, startedAt, target.description(),
                described, environment, secrets::redact).render());
        notes.note("report: " + reportFile);
    }

    @SuppressWarnings("unchecked")
    private static ResultRows.Match compareRows(Object reference, Object rows) {
        return ResultRows.compare((List<List<Object>>) reference, (List<List<Object>>) rows);
    }

    /**
     * Every variant of a group gets the reference's draws, renamed to its own parameters; a parameter the
     * reference does not have is drawn from the variant's own sampler.
     */
    private record SharedValues(QueryDescriptor reference, BenchValues values) implements BenchParameters {

        @Override
        public ParameterSupplier forThread(QueryDescriptor query, int threadIndex) {
            ParameterSupplier drawn = values.forThread(reference, threadIndex);
            if (query == reference) {
                return drawn;
            }
            boolean complete = query.parameters().stream().allMatch(p -> find(reference, p.name()).isPresent());
            ParameterSupplier own = complete ? null : values.forThread(query, threadIndex);
            return () -> {
                Map<String, Object> renamed = rename(drawn.next(), query);
                if (own == null) {
                    return renamed;
                }
                Map<String, Object> merged = new LinkedHashMap<>(own.next());
                merged.putAll(renamed);
                return merged;
            };
        }

        static Map<String, Object> rename(Map<String, Object> values, QueryDescriptor variant) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (QueryParameter p : variant.parameters()) {
                for (Map.Entry<String, Object> e : values.entrySet()) {
                    if (key(e.getKey()).equals(key(p.name()))) {
                        out.put(p.name(), e.getValue());
                    }
                }
            }
            return out;
        }

        private static Optional<QueryParameter> find(QueryDescriptor query, String name) {
            return query.parameters().stream().filter(p -> key(p.name()).equals(key(name))).findFirst();
        }

        private static String key(String name) {
            return name.replace("_", "").toLowerCase(Locale.ROOT);
        }
    }

    private void print(Target target, Map<String, List<Variant>> compared) {
        Table table = Table.of(Column.text("GROUP", "group"), Column.text("QUERY", "query"),
                Column.text("TYPE", "type"), Column.number("CALLS", "calls", 0), Column.number("p50 ms", "p50_ms", 3),
                Column.number("p95 ms", "p95_ms", 3), Column.text("p50 RATIO", "p50_ratio"),
                Column.text("p95 RATIO", "p95_ratio"), Column.text("RESULT", "result", 60));
        for (Map.Entry<String, List<Variant>> group : compared.entrySet()) {
            for (Variant v : group.getValue()) {
                boolean m = v.result().isMeasured();
                table.row(group.getKey(), v.query().name(), v.query().type().name(), m ? v.result().calls() : null,
                        m ? v.result().latency().p50Micros() / 1e3 : null,
                        m ? v.result().latency().p95Micros() / 1e3 : null, ratio(v.p50Ratio()), ratio(v.p95Ratio()),
                        resultText(v));
            }
        }
        switch (output.format()) {
            case JSON -> {
                Map<String, Object> doc = jsonHeader(SCHEMA_VERSION, target);
                List<Map<String, Object>> groupsJson = new ArrayList<>();
                for (Map.Entry<String, List<Variant>> group : compared.entrySet()) {
                    Map<String, Object> g = new LinkedHashMap<>();
                    g.put("group", group.getKey());
                    g.put("reference", group.getValue().get(0).query().name());
                    List<Map<String, Object>> variants = new ArrayList<>();
                    for (Variant v : group.getValue()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("query", v.query().name());
                        m.put("type", v.query().type().name());
                        m.put("status", v.result().status().name());
                        m.put("calls", v.result().calls());
                        m.put("p50Millis", Json.round(v.result().latency().p50Micros() / 1e3, 6));
                        m.put("p95Millis", Json.round(v.result().latency().p95Micros() / 1e3, 6));
                        m.put("p50Ratio", v.p50Ratio() == null ? null : Json.round(v.p50Ratio(), 3));
                        m.put("p95Ratio", v.p95Ratio() == null ? null : Json.round(v.p95Ratio(), 3));
                        m.put("result", v.match() == null ? null : v.match().toLowerCase(Locale.ROOT));
                        m.put("firstError", v.result().firstError().map(Object::toString).orElse(null));
                        variants.add(m);
                    }
                    g.put("variants", variants);
                    groupsJson.add(g);
                }
                doc.put("groups", groupsJson);
                Json.print(out, doc);
                footer(Format.JSON);
            }
            case CSV -> table.csv(out);
            default -> {
                header(Format.TABLE, target, null);
                out.print(table.text());
                for (List<Variant> group : compared.values()) {
                    if (group.size() == 1) {
                        out.println();
                        out.println(group.get(0).query().name() + ": the only variant of its group, nothing to"
                                + " compare it with");
                    }
                }
                footer(Format.TABLE);
            }
        }
    }

    private static String ratio(Double r) {
        return r == null ? null : String.format(Locale.ROOT, "%.2fx", r);
    }

    private static String resultText(Variant v) {
        if (v.match() == null) {
            return null;
        }
        return switch (v.match()) {
            case "reference" -> "reference";
            case "SAME" -> "same";
            case "SAME_ROWS_OTHER_ORDER" -> "same rows, other order";
            case "DIFFERENT" -> "DIFFERENT";
            default -> v.match();
        };
    }
}
