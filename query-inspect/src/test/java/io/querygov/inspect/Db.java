package io.querygov.inspect;

import io.querygov.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers for tests. */
final class Db {

    private Db() {
    }

    static long count(PostgresExtension pg, String table) throws SQLException {
        return queryLong(pg, "SELECT count(*) FROM " + table);
    }

    static long queryLong(PostgresExtension pg, String sql) throws SQLException {
        try (Connection c = pg.openConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void execute(PostgresExtension pg, String sql) throws SQLException {
        try (Connection c = pg.openConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
