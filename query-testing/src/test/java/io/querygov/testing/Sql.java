package io.querygov.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small query helpers for the tests. */
final class Sql {

    /** Relations in the database that are not PostgreSQL's own nor owned by an extension. */
    static final String USER_RELATIONS = """
            SELECT count(*) FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
               AND NOT EXISTS (SELECT 1 FROM pg_depend d
                                WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            """;

    private Sql() {
    }

    static String string(Connection connection, String sql) throws SQLException {
        List<String> values = strings(connection, sql);
        if (values.size() != 1) {
            throw new AssertionError("expected one row from " + sql + " but got " + values);
        }
        return values.get(0);
    }

    static long number(Connection connection, String sql) throws SQLException {
        return Long.parseLong(string(connection, sql));
    }

    // plain JDBC, as the examples' Db reads rows too: query-testing's tests can use no other querygov module or Jdbi
    static List<String> strings(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
