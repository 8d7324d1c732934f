package io.querygov.cli.internal;

import io.querygov.cli.ExitCode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: a PostgreSQL 17 started for this command alone, with pg_stat_statements preloaded, the
 * examples schema and data loaded at the asked scale, stopped (and its files deleted) when the command ends.
 * Durability is off (fsync, full_page_writes): the data is generated and thrown away.
 */
final class EmbeddedTarget extends ConnectedTarget {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTarget.class);
    static final String DATABASE = "examples";

    private final EmbeddedPostgres postgres;
    private final Path log;
    private final double scale;
    private final Thread shutdownHook;

    private EmbeddedTarget(EmbeddedPostgres postgres, Path log, double scale, Duration statementTimeout,
                           DataSource readOnly, DataSource readWrite, ServerFacts facts, Notes notes) {
        super(readOnly, readWrite, statementTimeout, facts, notes);
        this.postgres = postgres;
        this.log = log;
        this.scale = scale;
        this.shutdownHook = new Thread(this::stop, "querytool-embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the server and loads the examples.
     *
     * @param socketTimeout how long a call waits for the server to say anything
     *        ({@link ConnectionSettings#socketTimeout(Duration)}); the load itself waits as long as it takes
     */
    static EmbeddedTarget start(double scale, Duration statementTimeout, Duration socketTimeout, Phases phases,
                                Notes notes) {
        notes.note("No target given (--url or PGHOST/PGPORT/PGDATABASE/PGUSER): starting an embedded PostgreSQL 17"
                + " with the examples schema and data (scale " + scaleText(scale) + ")");
        phases.restart();
        Path log;
        EmbeddedPostgres postgres;
        try {
            log = Files.createTempFile("querytool-embedded-pg-", ".log");
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track", "top")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            throw new CliException(ExitCode.DATABASE_UNAVAILABLE, "Could not start the embedded PostgreSQL: " + e
                    + ("root".equals(System.getProperty("user.name"))
                    ? "; as root it runs through 'unshare -U', which needs user namespaces enabled" : "")
                    + "; or give a target with --url", e);
        }
        EmbeddedTarget target = null;
        try {
            createDatabase(postgres);
            ConnectionSettings settings = ConnectionSettings.fromUrl(postgres.getJdbcUrl("postgres", DATABASE),
                    Map.of(), new Secrets());
            Duration connect = Duration.ofSeconds(10);
            DataSource readOnly = settings.dataSource(connect, statementTimeout, socketTimeout, true);
            DataSource readWrite = settings.dataSource(connect, statementTimeout, socketTimeout, false);
            ServerFacts facts = ServerFacts.read(readOnly);
            target = new EmbeddedTarget(postgres, log, scale, statementTimeout, readOnly, readWrite, facts, notes);
            phases.end("start");
            LOG.info("Embedded PostgreSQL {} on port {} (server log: {})", facts.version(), postgres.getPort(), log);
            // no statement_timeout for the load: COPY at a large scale takes as long as it takes
            ExamplesLoader.load(settings.dataSource(connect, null, null, false), scale, notes);
            phases.end("load");
            return target;
        } catch (SQLException | RuntimeException e) {
            if (target != null) {
                target.close();
            } else {
                closeQuietly(postgres);
            }
            if (e instanceof CliException cli) {
                throw cli;
            }
            throw new CliException(ExitCode.UNEXPECTED, "The embedded PostgreSQL started but could not be prepared: "
                    + e.getMessage() + " (server log: " + log + ")", e);
        }
    }

    private static void createDatabase(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
        try (Connection c = postgres.getDatabase("postgres", DATABASE).getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION pg_stat_statements");
        }
    }

    private static String scaleText(double scale) {
        return ExamplesLoader.scaleText(scale);
    }

    @Override
    public String description() {
        return "embedded PostgreSQL " + serverVersion() + " on port " + postgres.getPort()
                + " with the examples schema and data, scale " + scaleText(scale);
    }

    @Override
    public boolean embedded() {
        return true;
    }

    @Override
    Map<String, String> targetFacts() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("target", "embedded");
        out.put("target.embedded", "true");
        out.put("target.scale", scaleText(scale));
        return out;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs stop()
            return;
        }
        stop();
    }

    private synchronized void stop() {
        closeQuietly(postgres);
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            LOG.debug("Could not delete {}", log, e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.toString());
        }
    }
}
