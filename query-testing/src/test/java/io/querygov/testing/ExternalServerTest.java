package io.querygov.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs only when QUERYGOV_TEST_JDBC_URL names a server, as {@code .ci/run} does in its second pass. */
class ExternalServerTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create();

    private String url;

    @BeforeEach
    void onlyWithAnExternalServer() {
        url = System.getenv(PostgresExtension.JDBC_URL_ENVIRONMENT_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), "QUERYGOV_TEST_JDBC_URL is not set");
    }

    @Test
    void serverIsTheExternalOne() {
        assertFalse(pg.isEmbedded());
    }

    @Test
    void classUrlIsTheGivenUrlWithItsDatabaseReplaced() {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        String hostAndPort = url.substring(0, slash + 1);
        String parameters = query < 0 ? "" : url.substring(query);
        assertEquals(hostAndPort + pg.databaseName() + parameters, pg.jdbcUrl());
    }

    @Test
    void classDatabaseIsNotTheGivenDatabase() throws SQLException {
        try (Connection connection = pg.openConnection()) {
            assertEquals(pg.databaseName(), Sql.string(connection, "SELECT current_database()"));
            assertEquals(0, Sql.number(connection, Sql.USER_RELATIONS));
        }
    }
}
