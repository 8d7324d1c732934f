package io.querygov.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The example service's schema: the SQL scripts under {@code db/} on the class path, applied in order.
 *
 * <p>Every statement is {@code CREATE ... IF NOT EXISTS}, so applying the schema to a database that already has it
 * changes nothing. Nothing here drops or empties a table.
 */
public final class Schema {

    /** The scripts, in the order they are applied. */
    public static final List<String> SCRIPTS = List.of("db/001_tables.sql", "db/002_indexes.sql");

    /** The tables, parents before children. */
    public static final List<String> TABLES =
            List.of("users", "projects", "workflows", "visualizations", "reconciliation_jobs");

    private Schema() {
    }

    /** Applies the schema with a connection of {@code dataSource}. */
    public static void apply(DataSource dataSource) throws SQLException {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection connection = dataSource.getConnection()) {
            apply(connection);
        }
    }

    /**
     * Applies the schema in one transaction: either every script runs or none does. The connection's auto-commit
     * mode is restored afterwards; if it was off, the caller's transaction is used and left for it to commit.
     */
    public static void apply(Connection connection) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            try (Statement statement = connection.createStatement()) {
                for (String script : SCRIPTS) {
                    statement.execute(read(script));
                }
            }
            if (autoCommit) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (autoCommit) {
                connection.rollback();
            }
            throw e;
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    /** The text of a class path resource, e.g. one of {@link #SCRIPTS}. */
    static String read(String resource) {
        try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class path resource " + resource + " is missing from the examples jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class path resource " + resource, e);
        }
    }
}
