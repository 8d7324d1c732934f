package io.querygov.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the embedded server promises; skipped when QUERYGOV_TEST_JDBC_URL names another server. */
class EmbeddedServerTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create();

    @BeforeEach
    void onlyOnTheEmbeddedServer() {
        assumeTrue(pg.isEmbedded(), "QUERYGOV_TEST_JDBC_URL names an external server");
    }

    @Test
    void serverIsPostgresql17() throws SQLException {
        assertEquals(17, pg.serverVersionNum() / 10000, "server_version_num " + pg.serverVersionNum());
        try (Connection connection = pg.openConnection()) {
            assertTrue(Sql.string(connection, "SHOW server_version").startsWith("17."));
        }
    }

    @Test
    void pgStatStatementsIsPreloadedAndTracksEverything() throws SQLException {
        try (Connection connection = pg.openConnection()) {
            assertEquals("pg_stat_statements", Sql.string(connection, "SHOW shared_preload_libraries"));
            assertEquals("all", Sql.string(connection, "SHOW pg_stat_statements.track"));
        }
    }

    @Test
    void pgStatStatementsExtensionIsCreatedInTheClassDatabase() throws SQLException {
        assertTrue(pg.pgStatStatementsAvailable());
        try (Connection connection = pg.openConnection()) {
            assertEquals(List.of("pg_stat_statements"),
                    Sql.strings(connection, "SELECT extname FROM pg_extension WHERE extname = 'pg_stat_statements'"));
        }
    }

    @Test
    void testsConnectAsTheSuperuserPostgres() {
        assertEquals("postgres", pg.user());
        assertTrue(pg.jdbcUrl().matches("jdbc:postgresql://localhost:\\d+/" + pg.databaseName() + "\\?user=postgres"),
                pg.jdbcUrl());
    }
}
