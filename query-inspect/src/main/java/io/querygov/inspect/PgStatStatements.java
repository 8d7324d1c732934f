package io.querygov.inspect;

import io.querygov.core.sql.SqlRedaction;
import io.querygov.inspect.internal.StatStatementsColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Reads pg_stat_statements (PostgreSQL 13 to 17; older and newer views work as far as their columns allow).
 *
 * <pre>{@code
 * PgStatStatements stats = PgStatStatements.create(dataSource);
 * StatementStatsSnapshot before = stats.read();
 * Thread.sleep(60_000);
 * List<RankedStatement> top = stats.read().since(before)
 *         .top(StatRanking.TOTAL_TIME, 10, StatementNames.forCatalog(dataSource, catalog));
 * }</pre>
 *
 * <p>Only reads: it never resets the statistics. A reading holds the entries of the connection's database, for all
 * roles the connecting role may see (without {@code pg_read_all_stats}, other roles' entries have no text and no
 * identifier; they are left out). Thread-safe.
 */
public final class PgStatStatements {
    private static final String EXTENSION = "pg_stat_statements";
    /** SQLSTATE object_not_in_prerequisite_state: the view exists but the library was not preloaded. */
    private static final String NOT_PRELOADED_STATE = "55000";

    // a private constructor behind create overloads on purpose, as QueryTrackingPlugin and the other entry points
    private final DataSource dataSource;
    private final Clock clock;

    private PgStatStatements(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static PgStatStatements create(DataSource dataSource) {
        return new PgStatStatements(dataSource, Clock.systemUTC());
    }

    /** As {@link #create(DataSource)}, with the clock that stamps readings. */
    public static PgStatStatements create(DataSource dataSource, Clock clock) {
        return new PgStatStatements(dataSource, clock);
    }

    /**
     * Reads the entries of the connection's database.
     *
     * @throws PgStatStatementsUnavailableException saying how to enable pg_stat_statements when it cannot be read
     * @throws IntrospectionException when the server refuses the reading for another reason
     */
    public StatementStatsSnapshot read() {
        try (Connection connection = dataSource.getConnection()) {
            String schema = extensionSchema(connection);
            Set<String> columns = columns(connection, schema);
            String sql = "SELECT " + String.join(", ", StatStatementsColumns.selectList(columns))
                    + ", d.datname AS database, r.rolname AS username"
                    + " FROM " + quoteIdentifier(schema) + ".pg_stat_statements s"
                    + " JOIN pg_database d ON d.oid = s.dbid"
                    + " LEFT JOIN pg_roles r ON r.oid = s.userid"
                    + " WHERE d.datname = current_database() AND s.queryid IS NOT NULL";
            List<StatementStats> entries = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    entries.add(entry(rs));
                }
            } catch (SQLException e) {
                if (NOT_PRELOADED_STATE.equals(e.getSQLState())) {
                    throw notPreloaded(e);
                }
                throw e;
            }
            return new StatementStatsSnapshot(null, clock.instant(), entries);
        } catch (SQLException e) {
            throw new IntrospectionException(null, e.getSQLState(), "Cannot read pg_stat_statements: "
                    + e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), e);
        }
    }

    private static StatementStats entry(ResultSet rs) throws SQLException {
        long calls = rs.getLong("calls");
        double total = rs.getDouble("total_exec_time");
        // ALTER ROLE ... PASSWORD '...' stands verbatim in pg_stat_statements: masked before anyone can show it
        return new StatementStats(rs.getLong("queryid"), SqlRedaction.passwords(rs.getString("query")),
                rs.getString("database"),
                rs.getString("username"), rs.getBoolean("toplevel"), calls, total, calls == 0 ? 0 : total / calls,
                nullableDouble(rs, "min_exec_time"), nullableDouble(rs, "max_exec_time"),
                nullableDouble(rs, "stddev_exec_time"), rs.getLong("plans"), rs.getDouble("total_plan_time"),
                rs.getLong("rows"), rs.getLong("shared_blks_hit"), rs.getLong("shared_blks_read"),
                rs.getLong("shared_blks_dirtied"), rs.getLong("shared_blks_written"), rs.getLong("local_blks_hit"),
                rs.getLong("local_blks_read"), rs.getLong("temp_blks_read"), rs.getLong("temp_blks_written"),
                rs.getDouble("shared_blk_read_time"), rs.getDouble("shared_blk_write_time"), rs.getLong("wal_bytes"));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /** The schema the extension was created in, or an exception that says which step is missing. */
    private static String extensionSchema(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT n.nspname FROM pg_extension e"
                + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = ?")) {
            statement.setString(1, EXTENSION);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
        }
        boolean onServer;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM pg_available_extensions WHERE name = ?")) {
            statement.setString(1, EXTENSION);
            try (ResultSet rs = statement.executeQuery()) {
                onServer = rs.next() && rs.getLong(1) > 0;
            }
        }
        if (!onServer) {
            throw new PgStatStatementsUnavailableException(PgStatStatementsUnavailableException.Reason.NOT_INSTALLED_ON_SERVER,
                    "pg_stat_statements is not installed on the server: install PostgreSQL's contrib package"
                            + " (e.g. postgresql-contrib), then " + PRELOAD_STEPS, null);
        }
        Boolean preloaded = preloaded(connection);
        if (preloaded == null) {
            throw new PgStatStatementsUnavailableException(PgStatStatementsUnavailableException.Reason.EXTENSION_NOT_CREATED,
                    "pg_stat_statements is not created in database " + currentDatabase(connection) + ", and whether"
                            + " the server loads it cannot be told: shared_preload_libraries is readable only by"
                            + " superusers and members of pg_read_all_settings. Ask an administrator to check it"
                            + " (it must list pg_stat_statements: " + PRELOAD_STEPS + ")", null);
        }
        if (!preloaded) {
            throw new PgStatStatementsUnavailableException(PgStatStatementsUnavailableException.Reason.NOT_PRELOADED,
                    "pg_stat_statements is not enabled: " + PRELOAD_STEPS, null);
        }
        throw new PgStatStatementsUnavailableException(PgStatStatementsUnavailableException.Reason.EXTENSION_NOT_CREATED,
                "pg_stat_statements is loaded by the server but not created in database " + currentDatabase(connection)
                        + ": run CREATE EXTENSION pg_stat_statements; in it (as a superuser or the database owner)", null);
    }

    private static final String PRELOAD_STEPS = "add it to shared_preload_libraries in postgresql.conf"
            + " (shared_preload_libraries = 'pg_stat_statements', or ALTER SYSTEM SET shared_preload_libraries ="
            + " 'pg_stat_statements' keeping any libraries already listed), restart the server, then run"
            + " CREATE EXTENSION pg_stat_statements; in the database";

    private static PgStatStatementsUnavailableException notPreloaded(SQLException cause) {
        return new PgStatStatementsUnavailableException(PgStatStatementsUnavailableException.Reason.NOT_PRELOADED,
                "pg_stat_statements is created in the database but the server does not load it, so it collects"
                        + " nothing: add it to shared_preload_libraries in postgresql.conf (shared_preload_libraries ="
                        + " 'pg_stat_statements', keeping any libraries already listed) and restart the server",
                cause);
    }

    /**
     * Whether shared_preload_libraries lists pg_stat_statements, or null when this role may not read it: pg_settings
     * leaves it out for roles that are not superusers or members of pg_read_all_settings, where
     * {@code current_setting} would fail.
     */
    private static Boolean preloaded(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT setting FROM pg_settings WHERE name = 'shared_preload_libraries'")) {
            if (!rs.next()) {
                return null;
            }
            for (String library : rs.getString(1).split(",")) {
                if (library.trim().replace("\"", "").equals(EXTENSION)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String currentDatabase(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Set<String> columns(Connection connection, String schema) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.attname FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = 'pg_stat_statements' AND a.attnum > 0 AND NOT a.attisdropped")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private static String quoteIdentifier(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
