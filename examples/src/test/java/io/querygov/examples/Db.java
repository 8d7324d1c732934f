package io.querygov.examples;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small query helpers for the tests. */
final class Db {

    private Db() {
    }

    static long number(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getLong(1);
        }
    }

    // query-testing's own tests read rows alike (Sql.strings); neither module's test helpers are published to share.
    static List<String> strings(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * An md5 of each example table's rows as PostgreSQL renders them, in key order. The session's time zone and
     * date style are fixed first: they decide how timestamptz values are rendered.
     */
    static Map<String, String> checksums(Connection connection) throws SQLException {
        execute(connection, "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'");
        Map<String, String> checksums = new LinkedHashMap<>();
        for (String table : Schema.TABLES) {
            checksums.put(table, strings(connection,
                    "SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM " + table + " t").get(0));
        }
        return checksums;
    }

    static Map<String, Long> rowCounts(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : Schema.TABLES) {
            counts.put(table, number(connection, "SELECT count(*) FROM " + table));
        }
        return counts;
    }
}
