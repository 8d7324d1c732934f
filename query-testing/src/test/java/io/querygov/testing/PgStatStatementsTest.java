package io.querygov.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PgStatStatementsTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create();

    @Test
    void availabilityFollowsTheServersPreloadSetting() throws SQLException {
        try (Connection connection = pg.openConnection()) {
            boolean preloaded = Arrays.stream(Sql.string(connection, "SHOW shared_preload_libraries").split(","))
                    .map(String::trim)
                    .anyMatch("pg_stat_statements"::equals);
            assertEquals(preloaded, pg.pgStatStatementsAvailable());
            long installed = Sql.number(connection, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'");
            assertEquals(preloaded ? 1 : 0, installed);
        }
    }

    @Test
    void statementsOfTheClassDatabaseAreCounted() throws SQLException {
        assumeTrue(pg.pgStatStatementsAvailable(), "pg_stat_statements is not preloaded by this server");
        try (Connection connection = pg.openConnection()) {
            for (int i = 0; i < 3; i++) {
                assertEquals(i, Sql.number(connection, "SELECT " + i + " AS querygov_pgss_marker"));
            }
            assertEquals(3, Sql.number(connection, """
                    SELECT sum(calls) FROM pg_stat_statements
                     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                       AND query LIKE '%querygov_pgss_marker%' AND query NOT LIKE '%pg_stat_statements%'
                    """));
        }
    }
}
