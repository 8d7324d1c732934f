package io.querygov.cache;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The schema and the plain JDBC calls the cache tests make. */
final class Db {
    static final String SCHEMA = "CREATE TABLE projects (id int PRIMARY KEY, name text NOT NULL);"
            + "CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL);"
            + "CREATE TABLE markers (id int);"
            + "INSERT INTO projects VALUES (1, 'one'), (2, 'two');"
            + "INSERT INTO users VALUES (1, 'ada');";

    static final QueryDescriptor PROJECT_NAME = QueryDescriptor.builder("project_name", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT name FROM projects WHERE id = ?")
            .cacheTtl(Duration.ofMinutes(10))
            .build();
    static final QueryDescriptor USER_NAME = QueryDescriptor.builder("user_name", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT name FROM users WHERE id = ?")
            .cacheTtl(Duration.ofMinutes(10))
            .build();
    static final QueryDescriptor MARKERS = QueryDescriptor.builder("markers", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT count(*)::text FROM markers WHERE id = ?")
            .cacheTtl(Duration.ofMinutes(10))
            .build();

    private Db() {
    }

    /** The query's one text value for {@code id}, through the cache. */
    // The JDBC read loop, as other modules' tests write it (query-raw's NamedQueriesTest): each reads through its own API.
    static String read(QueryCache cache, DataSource dataSource, QueryDescriptor query, int id) throws SQLException {
        List<String> rows = cache.get(query, List.of(id), () -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement(query.statement().orElseThrow())) {
                ps.setInt(1, id);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Runs one write in autocommit mode. */
    static void write(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** Runs writes in one transaction, committed or rolled back. */
    static void transaction(DataSource dataSource, boolean commit, String... sqls) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (String sql : sqls) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.executeUpdate();
                }
            }
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        }
    }
}
