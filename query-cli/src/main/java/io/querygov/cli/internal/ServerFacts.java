package io.querygov.cli.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** What the first connection to a target learns about the server; opening it also proves the server answers. */
record ServerFacts(String version, int versionNum, String database, String user, Map<String, String> settings) {

    /** Settings that shape query performance, saved with bench results so runs can be told apart. */
    private static final String[] SETTINGS = {"shared_buffers", "work_mem", "effective_cache_size",
        "random_page_cost", "max_parallel_workers_per_gather", "jit", "max_connections", "shared_preload_libraries"};

    static ServerFacts read(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement s = connection.createStatement()) {
            String version;
            int versionNum;
            String database;
            String user;
            try (ResultSet rs = s.executeQuery("SELECT current_setting('server_version'),"
                    + " current_setting('server_version_num')::int, current_database(), current_user")) {
                rs.next();
                version = rs.getString(1);
                versionNum = rs.getInt(2);
                database = rs.getString(3);
                user = rs.getString(4);
            }
            Map<String, String> settings = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT name, current_setting(name) FROM unnest(ARRAY['"
                    + String.join("','", SETTINGS) + "']) AS name")) {
                while (rs.next()) {
                    settings.put(rs.getString(1), rs.getString(2));
                }
            }
            return new ServerFacts(version, versionNum, database, user, settings);
        }
    }

    Map<String, String> asMap() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("postgres.version", version);
        out.put("postgres.version_num", Integer.toString(versionNum));
        out.put("postgres.database", database);
        out.put("postgres.user", user);
        settings.forEach((k, v) -> out.put("postgres.setting." + k, v));
        return out;
    }
}
