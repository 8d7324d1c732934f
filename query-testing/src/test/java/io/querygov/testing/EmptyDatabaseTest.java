package io.querygov.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmptyDatabaseTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create();

    @Test
    void databaseIsNamedForTheTestClass() {
        assertTrue(pg.databaseName().matches("qg_emptydatabasetest_[0-9a-f]{8}"), pg.databaseName());
    }

    @Test
    void openConnectionReachesTheClassDatabaseAsTheReportedUser() throws SQLException {
        try (Connection connection = pg.openConnection()) {
            assertEquals(pg.databaseName(), Sql.string(connection, "SELECT current_database()"));
            assertEquals(pg.user(), Sql.string(connection, "SELECT current_user"));
        }
    }

    @Test
    void dataSourceAndJdbcUrlReachTheSameDatabase() throws SQLException {
        try (Connection fromDataSource = pg.dataSource().getConnection();
             Connection fromUrl = DriverManager.getConnection(pg.jdbcUrl())) {
            assertEquals(pg.databaseName(), Sql.string(fromDataSource, "SELECT current_database()"));
            assertEquals(pg.databaseName(), Sql.string(fromUrl, "SELECT current_database()"));
        }
        assertTrue(pg.jdbcUrl().startsWith("jdbc:postgresql://"), "jdbcUrl is a PostgreSQL JDBC URL");
    }

    @Test
    void databaseHasNoTablesViewsOrSequences() throws SQLException {
        try (Connection connection = pg.openConnection()) {
            assertEquals(0, Sql.number(connection, Sql.USER_RELATIONS));
        }
    }

    @Test
    void serverVersionNumMatchesTheServer() throws SQLException {
        try (Connection connection = pg.openConnection()) {
            assertEquals(Integer.parseInt(Sql.string(connection, "SHOW server_version_num")), pg.serverVersionNum());
        }
        assertTrue(pg.serverVersionNum() >= 130000, "PostgreSQL 13 or newer: " + pg.serverVersionNum());
    }
}
