package io.querygov.cli;

import io.querygov.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The schema and data the test catalogs run on: 2000 projects, 20000 jobs. */
final class Fixtures {
    static final String[] SCHEMA = {
        "CREATE TABLE project (id bigint PRIMARY KEY, name text NOT NULL, budget numeric NOT NULL)",
        "INSERT INTO project SELECT g, 'project ' || g, g * 10 FROM generate_series(1, 2000) g",
        "CREATE TABLE job (id bigint PRIMARY KEY, project_id bigint NOT NULL REFERENCES project,"
                + " status text NOT NULL, duration_ms int NOT NULL)",
        "INSERT INTO job SELECT g, 1 + g % 2000, (ARRAY['done','failed','running'])[1 + g % 3], g % 997"
                + " FROM generate_series(1, 20000) g",
        "CREATE INDEX job_project ON job (project_id)",
        "CREATE SEQUENCE audit_id_seq",
        "ANALYZE"};

    private Fixtures() {
    }

    static PostgresExtension database() {
        return PostgresExtension.create().withSchema(SCHEMA);
    }

    // query-inspect's tests write these two JDBC helpers too: a shared one belongs in query-testing's
    // PostgresExtension.
    /** One value, for checking that a table did not change. */
    static String scalar(PostgresExtension pg, String sql) throws SQLException {
        try (Connection c = pg.openConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void execute(PostgresExtension pg, String sql) throws SQLException {
        try (Connection c = pg.openConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
