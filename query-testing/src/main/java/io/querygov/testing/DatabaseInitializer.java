package io.querygov.testing;

import java.sql.Connection;

/**
 * Prepares a test class's fresh database before its tests run, e.g. creates the schema and loads fixtures.
 *
 * <p>A {@code Consumer<Connection>} that may throw: JDBC code throws {@link java.sql.SQLException}, and reading
 * a schema file throws {@link java.io.IOException}.
 *
 * @see PostgresExtension#withInitializer(DatabaseInitializer)
 */
@FunctionalInterface
public interface DatabaseInitializer {

    /**
     * Prepares the database. The connection is in auto-commit mode and is closed by the caller.
     *
     * @param connection a connection to the test class's database
     * @throws Exception to fail the test class, with this as the cause
     */
    void initialize(Connection connection) throws Exception;
}
