package io.querygov.raw.jdbi;

/** The schema and rows the Jdbi tests share. */
final class Fixtures {
    static final String SCHEMA = "CREATE TABLE projects (id int PRIMARY KEY, name text NOT NULL, budget int NOT NULL, "
            + "settings jsonb NOT NULL DEFAULT '{}')";
    static final String JOBS = "CREATE TABLE jobs (id serial PRIMARY KEY, project_id int NOT NULL REFERENCES projects, "
            + "created_at timestamptz NOT NULL)";
    static final String ROWS = "INSERT INTO projects VALUES (1, 'alpha', 100, '{\"beta\": true}'), (2, 'beta', 200, '{}'), "
            + "(3, 'gamma', 300, '{\"beta\": false}'), (4, 'delta', 400, '{}');"
            + "INSERT INTO jobs (project_id, created_at) VALUES (1, '2024-01-15'), (1, '2024-03-01'), (2, '2024-07-01')";

    private Fixtures() {
    }
}
