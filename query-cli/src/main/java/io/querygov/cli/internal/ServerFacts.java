package io.querygov.cli.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What the first connection to a target learns about the server; opening it also proves the server answers. Only what
 * any role may read: the settings that shape performance are read later, by {@link #settings}, where a result is saved.
 */
record ServerFacts(String version, int versionNum, String database, String user) {

    /** Settings that shape query performance, saved with bench results so runs can be told apart. */
    private static final String[] SETTINGS = {"shared_buffers", "work_mem", "effective_cache_size",
        "random_page_cost", "max_parallel_workers_per_gather", "jit", "max_connections", "shared_preload_libraries"};

    static ServerFacts read(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version'),"
                     + " current_setting('server_version_num')::int, current_database(), current_user")) {
            rs.next();
            return new ServerFacts(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4));
        }
    }

    /**
     * The settings of {@link #SETTINGS} this role may read, by name, and a note naming those it may not. Some are
     * readable only by superusers and members of {@code pg_read_all_settings} ({@code shared_preload_libraries});
     * {@code pg_settings} leaves those out for other roles rather than fail, so one hidden setting costs nothing but
     * its value.
     */
    static Map<String, String> settings(DataSource dataSource, String user, Notes notes) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement s = connection.prepareStatement(
                     "SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY (?)")) {
            Array names = connection.createArrayOf("text", SETTINGS);
            s.setArray(1, names);
            Map<String, String> read = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    read.put(rs.getString(1), rs.getString(2));
                }
            }
            List<String> hidden = new ArrayList<>();
            for (String name : SETTINGS) {
                if (read.containsKey(name)) {
                    settings.put(name, read.get(name));
                } else {
                    hidden.add(name);
                }
            }
            if (!hidden.isEmpty()) {
                notes.note(String.join(", ", hidden) + (hidden.size() == 1 ? " is" : " are") + " not readable by "
                        + user + " (superusers and members of pg_read_all_settings only): left out of the"
                        + " server's settings recorded with this run");
            }
        }
        return settings;
    }

    Map<String, String> asMap() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("postgres.version", version);
        out.put("postgres.version_num", Integer.toString(versionNum));
        out.put("postgres.database", database);
        out.put("postgres.user", user);
        return out;
    }

    /** The settings as facts: {@code postgres.setting.work_mem} and so on. */
    static Map<String, String> asFacts(Map<String, String> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        settings.forEach((k, v) -> out.put("postgres.setting." + k, v));
        return out;
    }
}
