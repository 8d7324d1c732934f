package io.querygov.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querygov.testing.PostgresExtension;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The messages for a server or database where pg_stat_statements cannot be read. On the embedded server (which
 * preloads the library) the test database drops the extension; on a server that does not preload it, the real
 * "not preloaded" paths run, before and after CREATE EXTENSION.
 */
class PgStatStatementsUnavailableTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create();

    private static PgStatStatementsUnavailableException readFails() {
        return assertThrows(PgStatStatementsUnavailableException.class,
                () -> PgStatStatements.create(pg.dataSource()).read());
    }

    @Test
    void preloadedButNotCreatedInThisDatabase() {
        assumeTrue(pg.pgStatStatementsAvailable(), "the server does not preload pg_stat_statements");
        Db.execute(pg, "DROP EXTENSION pg_stat_statements");
        try {
            PgStatStatementsUnavailableException e = readFails();
            assertEquals(PgStatStatementsUnavailableException.Reason.EXTENSION_NOT_CREATED, e.reason());
            assertEquals("pg_stat_statements is loaded by the server but not created in database " + pg.databaseName()
                    + ": run CREATE EXTENSION pg_stat_statements; in it (as a superuser or the database owner)",
                    e.getMessage());
        } finally {
            Db.execute(pg, "CREATE EXTENSION pg_stat_statements");
        }
    }

    @Test
    void notPreloadedBeforeAndAfterCreateExtension() {
        assumeTrue(!pg.pgStatStatementsAvailable(), "the server preloads pg_stat_statements");
        assumeTrue(Db.queryLong(pg, "SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_stat_statements'") > 0,
                "the server has no pg_stat_statements to create");

        PgStatStatementsUnavailableException notEnabled = readFails();
        assertEquals(PgStatStatementsUnavailableException.Reason.NOT_PRELOADED, notEnabled.reason());
        assertTrue(notEnabled.getMessage().startsWith("pg_stat_statements is not enabled: add it to "
                + "shared_preload_libraries in postgresql.conf"), notEnabled.getMessage());
        assertTrue(notEnabled.getMessage().contains("restart the server, then run CREATE EXTENSION pg_stat_statements;"),
                notEnabled.getMessage());

        Db.execute(pg, "CREATE EXTENSION pg_stat_statements");
        PgStatStatementsUnavailableException created = readFails();
        assertEquals(PgStatStatementsUnavailableException.Reason.NOT_PRELOADED, created.reason());
        assertTrue(created.getMessage().startsWith("pg_stat_statements is created in the database but the server "
                + "does not load it"), created.getMessage());
        assertEquals("55000", ((SQLException) created.getCause()).getSQLState());
    }
}
