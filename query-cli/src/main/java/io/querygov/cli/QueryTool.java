package io.querygov.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code querytool}: lists, checks, benchmarks, explains and ranks the registered queries of a service against a
 * PostgreSQL database, or against an embedded one with the examples when no database is named.
 *
 * <pre>{@code
 * int exitCode = new CommandLine(new QueryTool()).execute("check", "--url", url);
 * }</pre>
 */
@Command(name = "querytool", mixinStandardHelpOptions = true, versionProvider = QueryTool.Version.class,
        usageHelpAutoWidth = true,
        description = {
            "Query governance for PostgreSQL: list, check, benchmark, explain and rank the queries a service"
                    + " registers, on any PostgreSQL reachable by JDBC URL or PG* variables, or on an embedded"
                    + " PostgreSQL 17 with the examples when no target is given.",
            ""},
        subcommands = {ListCommand.class, CheckCommand.class, BenchCommand.class, ExplainCommand.class,
            SlowestCommand.class, CompareCommand.class, DashboardCommand.class, AdviseCommand.class,
            PoolCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  querytool bench                  # embedded PostgreSQL 17 with the examples",
            "  querytool list --catalog sql/ --type raw-sql-analytics",
            "  querytool check --url jdbc:postgresql://db:5432/app?user=ops \\",
            "      --catalog service.jar",
            "  querytool slowest --top 10 --by mean     # target from PGHOST, PGUSER, ..."},
        modelTransformer = QueryTool.ExitCodes.class)
public final class QueryTool implements Runnable {

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final boolean terminal;

    /** Reads PGHOST and friends from the process environment. */
    public QueryTool() {
        this(System.getenv(), System.console() != null);
    }

    /**
     * Reads PGHOST and friends from this map instead of the process environment.
     *
     * @param terminal whether standard error is a terminal, where progress lines rewrite themselves
     */
    public QueryTool(Map<String, String> environment, boolean terminal) {
        this.environment = Map.copyOf(environment);
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new QueryTool()).execute(args));
    }

    /** Without a subcommand: the usage, on standard error, and exit code 2. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: give one of list, check,"
                + " bench, explain, slowest, compare, dashboard, advise");
    }

    Map<String, String> environment() {
        return environment;
    }

    boolean terminal() {
        return terminal;
    }

    /** Every command's help lists its exit codes, as {@link ExitCode} declares them. */
    static final class ExitCodes implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.meanings(spec.name()));
            for (CommandLine subcommand : spec.subcommands().values()) {
                transform(subcommand.getCommandSpec());
            }
            return spec;
        }
    }

    /** {@code querytool 0.1.0}, with the versions of what it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = QueryTool.class.getResourceAsStream("querytool-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown"
            }
            return new String[] {
                "querytool " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                "PostgreSQL JDBC " + org.postgresql.util.DriverInfo.DRIVER_VERSION + ", picocli "
                        + CommandLine.VERSION};
        }
    }
}
