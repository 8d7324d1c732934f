package io.querygov.cli;

import io.querygov.cli.internal.CliException;
import io.querygov.cli.internal.DurationConverter;
import io.querygov.cli.internal.Json;
import io.querygov.cli.internal.OutputOptions;
import io.querygov.cli.internal.Table;
import io.querygov.cli.internal.Table.Column;
import io.querygov.cli.internal.Target;
import io.querygov.cli.internal.OwnStatements;
import io.querygov.cli.internal.Workload;
import io.querygov.core.QueryCatalog;
import io.querygov.inspect.PgStatStatements;
import io.querygov.inspect.RankedStatement;
import io.querygov.inspect.StatRanking;
import io.querygov.cli.internal.ServiceNames;
import io.querygov.inspect.StatementNames;
import io.querygov.inspect.StatementStats;
import io.querygov.inspect.StatementStatsSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code querytool slowest}: the top statements of pg_stat_statements, named where they are registered. */
@Command(name = "slowest",
        header = "Rank pg_stat_statements on the target, named after registered queries.",
        description = "Rank the statements pg_stat_statements has seen on the target: calls, total and mean time,"
                + " share of all time, rows; each named after the registered query it belongs to where one"
                + " matches. Counts since the last pg_stat_statements_reset(), or, with --window, what ran during"
                + " the window (two readings, ranked by their difference). Only reads; never resets.",
        footer = {
            "  querytool slowest --top 10",
            "  querytool slowest --by mean --window 60s \\",
            "      --url jdbc:postgresql://db:5432/app?user=ops",
            "  querytool slowest --max-mean 250ms     # exit 1 if a mean is above 250ms",
            "  querytool slowest --names http://my-service:8080/querygov/metrics.json"})
public final class SlowestCommand extends TargetCommand {
    /** How entries are named in this run, once known: for the names a shape shares. */
    private StatementNames names;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", order = 1,
            description = "How many statements (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--by", paramLabel = "RANKING", defaultValue = "total", order = 2,
            description = "total, mean, calls or rows (default: ${DEFAULT-VALUE}).")
    String by;

    @ArgGroup(exclusive = true, multiplicity = "0..1", order = 3)
    Mode mode;

    @Option(names = "--max-mean", paramLabel = "DURATION", order = 4, converter = DurationConverter.class,
            description = "Exit 1 when a listed statement's mean execution time is above this, e.g. 250ms.")
    Duration maxMean;

    @Option(names = "--names", paramLabel = "FILE|URL", order = 5,
            description = {"A service's saved metrics snapshot (query-metrics' MetricsJson: a file, or an http(s) URL"
                    + " that serves one): statements no catalog holds, Hibernate's among them, are named as the"
                    + " service tracked them, by fingerprint."})
    String serviceNames;

    @Mixin
    OutputOptions output;

    /** Counting since the last reset, or over a window. */
    static final class Mode {
        @Option(names = "--since-reset", description = "Count since pg_stat_statements was last reset (default).")
        boolean sinceReset;

        @Option(names = "--window", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Read twice, this long apart, and rank what ran in between, e.g. 60s.")
        Duration window;
    }

    @Override
    int execute() throws InterruptedException {
        StatRanking ranking = ranking();
        if (top < 1) {
            throw new CliException(ExitCode.USAGE, "--top must be at least 1, was " + top);
        }
        Duration window = mode == null ? null : mode.window;
        if (window != null && (window.isNegative() || window.toMillis() < 1)) {
            throw new CliException(ExitCode.USAGE, "--window must be positive, e.g. 60s");
        }
        // read first: a snapshot that cannot be read is a usage error, found before the target is opened
        Map<String, List<String>> namesFromService = serviceNames == null ? Map.of() : ServiceNames.read(serviceNames);
        // a server the user names runs the user's queries, not the examples: it needs no catalog, and so no Hibernate
        boolean namesOnlyGiven = !catalogOptions.given() && targetOptions.namesTarget(environment());
        try (Workload workload = namesOnlyGiven ? Workload.of(QueryCatalog.empty(), "no catalog") : catalogOptions.open();
             Target target = open(output.format(), workload.catalog())) {
            QueryCatalog catalog = workload.catalog();
            phases.restart();
            OwnStatements own = new OwnStatements();
            PgStatStatements stats = PgStatStatements.create(own.watching(target.readOnly()));
            StatementStatsSnapshot reading = stats.read();
            if (window != null) {
                reading = waitAndRead(stats, reading, window);
                phases.end("window");
            }
            reading = own.leftOut(reading);
            // named after reading: the EXPLAINs that compute query identifiers are not part of what is ranked
            StatementNames names = (catalog.isEmpty() ? StatementNames.none()
                    : catalogOptions.given() || target.embedded()
                    ? StatementNames.forCatalog(target.readOnly(), catalog)
                    : StatementNames.byText(catalog)).withServiceNames(namesFromService);
            this.names = names;
            List<RankedStatement> ranked = reading.top(ranking, top, names);
            phases.end("read");
            List<RankedStatement> tooSlow = maxMean == null ? List.of() : ranked.stream()
                    .filter(r -> r.stats().meanExecTimeMillis() > maxMean.toNanos() / 1e6).toList();
            switch (output.format()) {
                case JSON -> Json.print(out, json(target, ranking, window, reading, ranked, tooSlow));
                case CSV -> table(ranked).csv(out);
                default -> {
                    header(output.format(), target, null);
                    out.println(window == null ? "pg_stat_statements since its last reset, top " + top + " by "
                            + rankingName(ranking) : "pg_stat_statements over a window of "
                            + DurationConverter.format(window) + ", top " + top + " by " + rankingName(ranking));
                    out.println();
                    if (ranked.isEmpty()) {
                        out.println("No statements recorded" + (window == null ? "." : " during the window."));
                    } else {
                        out.print(table(ranked).text());
                    }
                    for (RankedStatement r : tooSlow) {
                        out.println();
                        out.println(String.format(Locale.ROOT, "#%d %s: mean %.3f ms is above --max-mean %s",
                                r.rank(), r.queryName() == null ? "queryid " + r.stats().queryId() : r.queryName(),
                                r.stats().meanExecTimeMillis(), DurationConverter.format(maxMean)));
                    }
                    footer(output.format());
                }
            }
            return tooSlow.isEmpty() ? ExitCode.OK : ExitCode.PROBLEM_FOUND;
        }
    }

    private StatementStatsSnapshot waitAndRead(PgStatStatements stats, StatementStatsSnapshot first, Duration window)
            throws InterruptedException {
        long end = System.nanoTime() + window.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            notes.progress(String.format(Locale.ROOT, "reading pg_stat_statements again in %.0fs", left / 1e9));
            Thread.sleep(Math.min(1000, Math.max(1, left / 1_000_000)));
        }
        notes.clearProgress();
        return stats.read().since(first);
    }

    private StatRanking ranking() {
        try {
            return StatRanking.parse(by);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--by: " + e.getMessage());
        }
    }

    private static String rankingName(StatRanking ranking) {
        return switch (ranking) {
            case TOTAL_TIME -> "total time";
            case MEAN_TIME -> "mean time";
            case CALLS -> "calls";
            case ROWS -> "rows";
        };
    }

    /** Every name that shares the entry's query identifier or shape, joined: "owners_by_name, Owner.byLastName". */
    private String displayName(RankedStatement r) {
        if (r.queryName() == null || names == null) {
            return r.queryName();
        }
        List<String> all = names.allNames(r.stats());
        return all.size() <= 1 ? r.queryName() : String.join(", ", all);
    }

    private Table table(List<RankedStatement> ranked) {
        Table table = Table.of(Column.number("#", "rank", 0), Column.text("QUERY", "query"),
                Column.number("CALLS", "calls", 0), Column.number("TOTAL ms", "total_ms", 1),
                Column.number("MEAN ms", "mean_ms", 3), Column.number("SHARE %", "share_percent", 1),
                Column.number("ROWS", "rows", 0), Column.text("STATEMENT", "statement", 70));
        for (RankedStatement r : ranked) {
            StatementStats s = r.stats();
            table.row(r.rank(), displayName(r), s.calls(), s.totalExecTimeMillis(), s.meanExecTimeMillis(),
                    r.shareOfTotalTime() * 100, s.rows(), oneLine(s.query()));
        }
        return table;
    }

    private Map<String, Object> json(Target target, StatRanking ranking, Duration window,
                                     StatementStatsSnapshot reading, List<RankedStatement> ranked,
                                     List<RankedStatement> tooSlow) {
        Map<String, Object> doc = jsonHeader(target);
        doc.put("mode", window == null ? "since_reset" : "window");
        doc.put("windowMillis", window == null ? null : Json.round(window.toNanos() / 1e6, 3));
        doc.put("ranking", ranking.name().toLowerCase(Locale.ROOT));
        doc.put("top", top);
        doc.put("totalExecTimeMillis", Json.round(reading.totalExecTimeMillis(), 3));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (RankedStatement r : ranked) {
            StatementStats s = r.stats();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", r.rank());
            m.put("query", r.queryName());
            m.put("allNames", names == null ? List.of() : names.allNames(r.stats()));
            m.put("matchedBy", r.matchedBy() == null ? null : r.matchedBy().name().toLowerCase(Locale.ROOT));
            m.put("queryId", s.queryId());
            m.put("statement", s.query());
            m.put("user", s.user());
            m.put("calls", s.calls());
            m.put("totalMillis", Json.round(s.totalExecTimeMillis(), 3));
            m.put("meanMillis", Json.round(s.meanExecTimeMillis(), 3));
            m.put("minMillis", s.minExecTimeMillis() == null ? null : Json.round(s.minExecTimeMillis(), 3));
            m.put("maxMillis", s.maxExecTimeMillis() == null ? null : Json.round(s.maxExecTimeMillis(), 3));
            m.put("share", Json.round(r.shareOfTotalTime(), 4));
            m.put("rows", s.rows());
            m.put("rowsPerCall", Json.round(s.rowsPerCall(), 3));
            m.put("sharedHitRatio", Json.round(s.sharedHitRatio(), 4));
            m.put("aboveMaxMean", tooSlow.contains(r));
            entries.add(m);
        }
        doc.put("statements", entries);
        doc.put("maxMeanMillis", maxMean == null ? null : Json.round(maxMean.toNanos() / 1e6, 3));
        doc.put("phasesMillis", jsonPhasesMillis());
        return doc;
    }

    private static String oneLine(String sql) {
        return sql == null ? null : sql.replaceAll("\\s+", " ").trim();
    }
}
