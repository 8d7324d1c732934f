package io.querygov.cli;

import io.querygov.bench.BenchOptions;
import io.querygov.cli.dashboard.Dashboard;
import io.querygov.cli.dashboard.DashboardServer;
import io.querygov.cli.dashboard.StatementSampler;
import io.querygov.cli.internal.CliException;
import io.querygov.cli.internal.ConnectionPool;
import io.querygov.cli.internal.DurationConverter;
import io.querygov.cli.internal.Format;
import io.querygov.cli.internal.Runners;
import io.querygov.cli.internal.Target;
import io.querygov.cli.internal.SeedOption;
import io.querygov.cli.internal.Workload;
import io.querygov.inspect.PgStatStatements;
import io.querygov.inspect.StatementNames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code querytool dashboard}: a local web server over the target's statements, plans and benchmarks. */
// Every command's help is a picocli @Command laid out alike; the words are its own.
@Command(name = "dashboard",
        header = "Serve a dashboard of the target's queries: pg_stat_statements, plans, benchmarks, checks.",
        description = "Start a web server on this machine for the target: the queries page (pg_stat_statements"
                + " named after registered queries, read every --interval, the last hour kept: calls/s and mean"
                + " time as sparklines, share of total time, statements above their slow threshold), a page per"
                + " query (statement, parameters, EXPLAIN on demand, EXPLAIN ANALYZE for reads, always rolled"
                + " back, a benchmark with its latency spectrum) and the catalog with every query's check. Only"
                + " reads the target. Listens on the loopback address unless --bind; runs until stopped (Ctrl-C).",
        footer = {
            "  querytool dashboard                 # embedded PostgreSQL 17 with the examples",
            "  querytool dashboard --url jdbc:postgresql://db:5432/app?user=ops \\",
            "      --catalog service.jar --interval 30s",
            "  querytool dashboard --bind 0.0.0.0 --port 8070   # reachable from elsewhere, token in the URL"})
public final class DashboardCommand extends TargetCommand {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8070", order = 1,
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", order = 2,
            description = "Address to listen on (default: ${DEFAULT-VALUE}). Any other than a loopback address"
                    + " makes the dashboard reachable from other machines: every request then needs the random"
                    + " token of the printed URL.")
    String bind;

    // Declared like bench's and the target's duration options on purpose: the form is picocli's, the values are
    // the dashboard's.
    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "10s", order = 3,
            converter = DurationConverter.class,
            description = "How often pg_stat_statements is read: one reading per interval, whoever looks"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--bench-duration", paramLabel = "DURATION", defaultValue = "2s", order = 4,
            converter = DurationConverter.class,
            description = "Measured time of a benchmark started from a query's page (default: ${DEFAULT-VALUE}).")
    Duration benchDuration;

    @Mixin
    SeedOption seed;

    @Override
    int execute() {
        if (port < 0 || port > 65535) {
            throw new CliException(ExitCode.USAGE, "--port must be between 0 and 65535, was " + port);
        }
        if (interval.toMillis() < 100) {
            throw new CliException(ExitCode.USAGE, "--interval must be at least 100ms, was "
                    + DurationConverter.format(interval));
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CliException(ExitCode.USAGE, "--bind " + bind + ": not an address of this machine", e);
        }
        BenchOptions benchOptions;
        try {
            benchOptions = BenchOptions.builder().warmup(Duration.ofMillis(300)).duration(benchDuration).build();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--bench-duration: " + e.getMessage(), e);
        }
        try (Workload workload = catalogOptions.open();
             Target target = open(Format.TABLE, workload.catalog());
             ConnectionPool pool = new ConnectionPool(target.readOnly());
             ConnectionPool writePool = new ConnectionPool(target.readWrite())) {
            header(Format.TABLE, target, workload.description());
            Runners runner = Runners.forBench(pool, false, workload.runners(writePool, false));
            StatementNames names = StatementNames.forCatalog(target.readOnly(), workload.catalog());
            try (StatementSampler sampler = new StatementSampler(PgStatStatements.create(target.readOnly()), names,
                    interval);
                 Dashboard dashboard = new Dashboard(workload.catalog(), target.description(), target.readOnly(),
                         target.statementTimeout(), sampler, runner, seed.drawnFrom(target.readOnly()),
                         benchOptions, target.facts(), seed.value(), secrets::redact);
                 DashboardServer server = start(dashboard, address)) {
                sampler.start();
                if (server.tokenRequired()) {
                    err.println("WARNING: --bind " + bind + " makes the dashboard reachable from other machines. It"
                            + " shows the target's statements and runs them (read-only) on request; every request"
                            + " needs the token in the URL below. Use a loopback address unless you mean it.");
                    err.flush();
                }
                out.println("dashboard: " + server.url() + "  (Ctrl-C stops it)");
                out.flush();
                waitUntilStopped();
            }
        }
        return ExitCode.OK;
    }

    private DashboardServer start(Dashboard dashboard, InetAddress address) {
        try {
            return DashboardServer.start(dashboard, address, port);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "--bind " + bind + " --port " + port + ": cannot listen there: "
                    + e.getMessage() + (port != 0 ? "; choose another --port, or 0 for any free one" : ""), e);
        }
    }

    /**
     * Until the thread is interrupted, which is how a caller in the same JVM stops the dashboard: the command then
     * closes what it opened and returns. Ctrl-C ends the process, and the embedded server stops with it.
     */
    private static void waitUntilStopped() {
        try {
            while (true) {
                Thread.sleep(Long.MAX_VALUE);
            }
        } catch (InterruptedException e) {
            // asked to stop: this return is the answer
        }
    }
}
