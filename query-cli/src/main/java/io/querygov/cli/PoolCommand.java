package io.querygov.cli;

import io.querygov.cli.internal.BenchValues;
import io.querygov.cli.internal.CliException;
import io.querygov.cli.internal.DurationConverter;
import io.querygov.cli.internal.Format;
import io.querygov.cli.internal.Json;
import io.querygov.cli.internal.OutputOptions;
import io.querygov.cli.internal.PoolSizing;
import io.querygov.cli.internal.PoolSizing.SizeResult;
import io.querygov.cli.internal.QueryFilter;
import io.querygov.cli.internal.Table;
import io.querygov.cli.internal.Table.Column;
import io.querygov.cli.internal.Target;
import io.querygov.cli.internal.SeedOption;
import io.querygov.cli.internal.Workload;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import io.querygov.core.StatementLanguage;
import io.querygov.bench.ParameterSupplier;
import io.querygov.cli.internal.Runners;
import io.querygov.core.QueryType;
import io.querygov.core.sql.SqlClassification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code querytool pool}: the workload on HikariCP pools of several sizes, and the size at the knee. */
@Command(name = "pool",
        header = "Size a connection pool: throughput, p95 and connection wait per pool size, and the knee.",
        description = "Run the registered reads (or the filtered ones; SQL, and the examples' Hibernate queries through"
                + " Hibernate) on a HikariCP pool of each --pool-sizes size in turn, at one offered load: --concurrency"
                + " threads that each call the queries in turn, one after another, with values from their samplers, in"
                + " read-only transactions. Each call's time is"
                + " split into the wait for a connection and the query. The recommendation is the knee: the smallest"
                + " pool whose throughput is within 10%% of the best; past it more connections queue in the server"
                + " instead of in the pool. HikariCP's formula, connections = cores * 2 + effective spindles, is shown"
                + " beside it as a cross-check.",
        footer = {
            "  querytool pool                                  # embedded PostgreSQL with the examples",
            "  querytool pool --pool-sizes 2,4,8 --concurrency 32 --duration 10s \\",
            "      --url jdbc:postgresql://db:5432/app?user=ops --catalog sql/ --server-cores 8"})
public final class PoolCommand extends TargetCommand {

    // Declared like bench's options on purpose (one @Option per field): pool's own flags, defaults and help.
    @Option(names = "--pool-sizes", paramLabel = "N,N,...", split = ",", defaultValue = "1,2,4,8,16", order = 1,
            description = "Pool sizes to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> poolSizes;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", order = 2,
            description = "Threads calling at once, the same for every size (default: twice the largest size).")
    Integer concurrency;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", defaultValue = "3s", order = 3,
            converter = DurationConverter.class, description = "Measured time per size (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "1s", order = 4,
            converter = DurationConverter.class,
            description = "Unmeasured time per size, while the pool fills and plans settle (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "2", order = 5,
            description = "Times each size is measured, every other round from the largest size down; the rounds'"
                    + " calls are added up (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--server-cores", paramLabel = "N", order = 5,
            description = "The database server's CPU cores, for HikariCP's formula (default: this machine's for the"
                    + " embedded server; unknown for --url).")
    Integer serverCores;

    @Mixin
    SeedOption seed;

    @Mixin
    QueryFilter filter;

    @Mixin
    OutputOptions output;

    @Override
    int execute() throws Exception {
        List<Integer> sizes = sizes();
        int threads = concurrency != null ? concurrency : 2 * sizes.get(sizes.size() - 1);
        if (threads < 1) {
            throw new CliException(ExitCode.USAGE, "--concurrency must be at least 1, was " + threads);
        }
        if (duration.isZero() || duration.isNegative() || warmup.isNegative()) {
            throw new CliException(ExitCode.USAGE, "--duration must be more than 0 and --warmup 0 or more");
        }
        if (rounds < 1) {
            throw new CliException(ExitCode.USAGE, "--rounds must be at least 1, was " + rounds);
        }
        if (serverCores != null && serverCores < 1) {
            throw new CliException(ExitCode.USAGE, "--server-cores must be at least 1, was " + serverCores);
        }
        try (Workload workload = catalogOptions.open()) {
            QueryCatalog chosen = filter.apply(workload.catalog());
            List<QueryDescriptor> reads = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (QueryDescriptor q : chosen) {
                boolean writes = q.type() == QueryType.RAW_SQL_BULK || (q.language() == StatementLanguage.SQL
                        && q.statement().map(sql -> !SqlClassification.of(sql).reads()).orElse(true));
                if (writes) {
                    skipped.add(q.name() + " (writes)");
                } else {
                    reads.add(q);
                }
            }
            if (reads.isEmpty()) {
                throw new CliException(ExitCode.USAGE, "No read to size the pool with: " + (filter.given()
                        ? "none matches " + filter.describe() : "the catalog has none")
                        + " (the pool workload runs reads only)");
            }
            try (Target target = open(output.format(), QueryCatalog.of(reads.toArray(QueryDescriptor[]::new)))) {
                BenchValues values = seed.drawnFrom(target.readOnly());
                List<SizeResult> results = new ArrayList<>();
                phases.restart();
                results.addAll(measureAll(target, sizes, threads, reads, values, skipped));
                notes.clearProgress();
                phases.end("pool");
                Integer cores = serverCores != null ? serverCores
                        : target.embedded() ? Runtime.getRuntime().availableProcessors() : null;
                double hitRatio = cacheHitRatio(target);
                double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                print(target, reads, skipped, threads, results, cores, hitRatio);
                int here = Runtime.getRuntime().availableProcessors();
                if (target.embedded() && load > here) {
                    // the embedded server shares this machine: sessions compete with other work for its CPUs
                    (output.format() == Format.TABLE ? out : err).println(String.format(Locale.ROOT, "note: this machine"
                            + " was busy with other work (load average %.1f on %d cores): more connections also win"
                            + " a larger share of its CPUs against that work, which moves the knee up; measure where"
                            + " the database runs alone.", load, here));
                }
                return ExitCode.OK;
            }
        }
    }

    /** Every size in every round, the rounds of a size added up; in increasing size. */
    private List<SizeResult> measureAll(Target target, List<Integer> sizes, int threads, List<QueryDescriptor> reads,
                                        BenchValues values, List<String> skipped) throws InterruptedException {
        Map<Integer, SizeResult> bySize = new java.util.TreeMap<>();
        List<List<ParameterSupplier>> perThread = null;
        for (int round = 0; round < rounds; round++) {
            // every other round from the largest size down, so that a drift of the machine's load over the run
            // does not favour the sizes measured first
            List<Integer> order = new ArrayList<>(sizes);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (int size : order) {
                // each size its own pool, and its own runners on it: Hibernate's session factory included
                try (PoolSizing.TimedPool pool = new PoolSizing.TimedPool(target.readOnly(), size);
                     Workload sized = catalogOptions.open()) {
                    QueryRunner runner = Runners.forBench(pool.dataSource(), false, sized.runners(pool.dataSource(), false));
                    if (perThread == null) {
                        leaveOutWhatCannotRun(runner, reads, values, skipped);
                        notes.progress("drawing parameter values for " + threads + " threads");
                        perThread = PoolSizing.values(values, reads, threads);
                    }
                    notes.progress("round " + (round + 1) + " of " + rounds + ", pool size " + size + ": " + threads
                            + " threads, " + DurationConverter.format(warmup) + " warmup, "
                            + DurationConverter.format(duration) + " measured");
                    bySize.merge(size, PoolSizing.measure(pool, runner, reads, perThread, warmup, duration),
                            SizeResult::plus);
                }
            }
        }
        return new ArrayList<>(bySize.values());
    }

    /**
     * Leaves out, saying why, the queries whose trial call fails (a parameter the statement does not take, a missing
     * table, no runner): they would count as errors at every size.
     */
    private static void leaveOutWhatCannotRun(QueryRunner runner, List<QueryDescriptor> reads, BenchValues values,
                                              List<String> skipped) {
        for (java.util.Iterator<QueryDescriptor> it = reads.iterator(); it.hasNext(); ) {
            QueryDescriptor q = it.next();
            try {
                if (!runner.supports(q)) {
                    throw new IllegalArgumentException("no runner for " + q.language());
                }
                runner.execute(q, values.forThread(q, 0).next());
            } catch (Exception e) {
                it.remove();
                skipped.add(q.name() + " (its trial call failed: " + e.getMessage() + ")");
            }
        }
        if (reads.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "No query could run on the target: " + String.join("; ", skipped));
        }
    }

    private List<Integer> sizes() {
        if (poolSizes == null || poolSizes.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "--pool-sizes needs at least one size, e.g. --pool-sizes 1,2,4,8");
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer s : poolSizes) {
            if (s == null || s < 1 || s > 1000) {
                throw new CliException(ExitCode.USAGE, "--pool-sizes: each size must be between 1 and 1000, was " + s);
            }
            sorted.add(s);
        }
        return List.copyOf(sorted);
    }

    /** The share of block reads of the target database that hit shared buffers since its statistics were reset. */
    private static double cacheHitRatio(Target target) {
        try (Connection c = target.readOnly().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT blks_hit, blks_read FROM pg_stat_database WHERE datname = current_database()")) {
            if (!rs.next()) {
                return Double.NaN;
            }
            double hit = rs.getLong(1);
            double read = rs.getLong(2);
            return hit + read == 0 ? Double.NaN : hit / (hit + read);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    private void print(Target target, List<QueryDescriptor> reads, List<String> skipped, int threads,
                       List<SizeResult> results, Integer cores, double hitRatio) {
        int knee = PoolSizing.knee(results);
        List<String> reasoning = reasoning(results, knee, threads);
        String formula = formula(cores, hitRatio);
        Table table = table(results, knee);
        switch (output.format()) {
            case JSON -> {
                Map<String, Object> doc = jsonHeader(target);
                doc.put("threads", threads);
                doc.put("queries", reads.stream().map(QueryDescriptor::name).toList());
                doc.put("skipped", skipped);
                List<Map<String, Object>> sizes = new ArrayList<>();
                for (SizeResult r : results) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("poolSize", r.poolSize());
                    m.put("calls", r.calls());
                    m.put("errors", r.errors());
                    m.put("callsPerSecond", Json.round(r.callsPerSecond(), 1));
                    m.put("p50Millis", round(SizeResult.millis(r.latency(), 50)));
                    m.put("p95Millis", round(SizeResult.millis(r.latency(), 95)));
                    m.put("waitP50Millis", round(SizeResult.millis(r.connectionWait(), 50)));
                    m.put("waitP95Millis", round(SizeResult.millis(r.connectionWait(), 95)));
                    m.put("waitShare", Json.round(r.waitShare(), 3));
                    m.put("queryP95Millis", round(SizeResult.millis(r.query(), 95)));
                    sizes.add(m);
                }
                doc.put("sizes", sizes);
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("poolSize", knee < 0 ? null : results.get(knee).poolSize());
                rec.put("reasoning", reasoning);
                rec.put("hikariFormula", formula);
                doc.put("recommendation", rec);
                doc.put("phasesMillis", jsonPhasesMillis());
                Json.print(out, doc);
            }
            case CSV -> table.csv(out);
            default -> {
                header(Format.TABLE, target, reads.size() + " reads, each thread calling them in turn"
                        + (skipped.isEmpty() ? "" : "; " + skipped.size() + " left out (-v lists them)"));
                if (verbosity.level() > 0) {
                    skipped.forEach(s -> out.println("left out: " + s));
                }
                out.println("pool: " + threads + " threads at every size, warmup " + DurationConverter.format(warmup)
                        + " and " + DurationConverter.format(duration) + " measured per size in each of " + rounds
                        + " rounds, HikariCP, read-only transactions");
                out.println();
                out.print(table.text());
                out.println();
                out.println(knee < 0 ? "recommendation: none, no call succeeded"
                        : "recommendation: " + results.get(knee).poolSize() + " connections (the knee)");
                reasoning.forEach(line -> out.println("  " + line));
                out.println("cross-check: " + formula);
                for (SizeResult r : results) {
                    if (r.errors() > 0) {
                        out.println("pool size " + r.poolSize() + ": " + r.errors() + " calls failed, first: " + r.firstError());
                    }
                }
                footer(Format.TABLE);
            }
        }
    }

    private static Table table(List<SizeResult> results, int knee) {
        Table t = Table.of(Column.number("POOL", "pool_size", 0), Column.number("CALLS/s", "calls_per_second", 1),
                Column.number("p50 ms", "p50_ms", 3), Column.number("p95 ms", "p95_ms", 3),
                Column.number("WAIT p50 ms", "wait_p50_ms", 3), Column.number("WAIT p95 ms", "wait_p95_ms", 3),
                Column.text("WAIT SHARE", "wait_share"), Column.number("QUERY p95 ms", "query_p95_ms", 3),
                Column.number("ERRORS", "errors", 0), Column.text("", "knee"));
        for (int i = 0; i < results.size(); i++) {
            SizeResult r = results.get(i);
            t.row(r.poolSize(), r.callsPerSecond(), SizeResult.millis(r.latency(), 50), SizeResult.millis(r.latency(), 95),
                    SizeResult.millis(r.connectionWait(), 50), SizeResult.millis(r.connectionWait(), 95),
                    String.format(Locale.ROOT, "%.0f%%", 100 * r.waitShare()), SizeResult.millis(r.query(), 95),
                    r.errors(), i == knee ? "<- knee" : "");
        }
        return t;
    }

    /** Why the knee is where it is, in the figures of this run. */
    static List<String> reasoning(List<SizeResult> results, int knee, int threads) {
        List<String> lines = new ArrayList<>();
        if (knee < 0) {
            return lines;
        }
        SizeResult best = results.stream().max(java.util.Comparator.comparingDouble(SizeResult::callsPerSecond)).orElseThrow();
        SizeResult k = results.get(knee);
        lines.add(String.format(Locale.ROOT, "%d connections give %.1f calls/s, %.0f%% of the best (%.1f/s with %d);"
                        + " the knee is the smallest size within %.0f%% of the best.", k.poolSize(), k.callsPerSecond(),
                100 * k.callsPerSecond() / best.callsPerSecond(), best.callsPerSecond(), best.poolSize(),
                100 * (1 - PoolSizing.KNEE_SHARE)));
        if (knee + 1 < results.size()) {
            SizeResult last = results.get(results.size() - 1);
            lines.add(String.format(Locale.ROOT, "From %d to %d connections throughput changes %+.0f%% while the query's"
                            + " own p95 goes from %.3f to %.3f ms: extra connections queue in the server (CPU, locks, I/O)"
                            + " instead of in the pool.", k.poolSize(), last.poolSize(),
                    100 * (last.callsPerSecond() / k.callsPerSecond() - 1),
                    SizeResult.millis(k.query(), 95), SizeResult.millis(last.query(), 95)));
        }
        if (knee > 0) {
            SizeResult below = results.get(knee - 1);
            lines.add(String.format(Locale.ROOT, "Below it, with %d, calls spend %.0f%% of their time waiting for a"
                    + " connection (p95 wait %.3f ms).", below.poolSize(), 100 * below.waitShare(),
                    SizeResult.millis(below.connectionWait(), 95)));
        }
        if (knee == results.size() - 1 && knee > 0) {
            lines.add("Throughput still rises at the largest size tried: the knee may lie beyond it; try larger"
                    + " --pool-sizes (with --concurrency above them).");
        }
        results.stream().filter(r -> r.poolSize() > threads).findFirst().ifPresent(r -> lines.add(
                "Sizes above " + threads + " cannot be used by " + threads + " threads: give more --concurrency to try them."));
        return lines;
    }

    /** HikariCP's "About Pool Sizing" formula, with what its two inputs are here. */
    static String formula(Integer cores, double hitRatio) {
        int spindles = Double.isNaN(hitRatio) || hitRatio >= 0.99 ? 0 : 1;
        String spindleReason = Double.isNaN(hitRatio) ? "no block reads counted yet, taken as 0"
                : String.format(Locale.ROOT, "%.1f%% of block reads hit shared buffers, so %d", 100 * hitRatio, spindles);
        if (cores == null) {
            return "HikariCP's formula, connections = cores * 2 + effective spindles, needs the server's cores:"
                    + " give --server-cores (effective spindles: " + spindleReason + ")";
        }
        return String.format(Locale.ROOT, "HikariCP's formula, connections = cores * 2 + effective spindles = %d * 2 + %d"
                + " = %d (cores: %d; effective spindles: %s, as a data set in memory needs no disk wait)",
                cores, spindles, cores * 2 + spindles, cores, spindleReason);
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Json.round(v, 3);
    }
}
