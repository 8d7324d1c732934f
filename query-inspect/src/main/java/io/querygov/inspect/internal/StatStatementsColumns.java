package io.querygov.inspect.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The select list that reads pg_stat_statements under stable names whatever the server's version: columns were
 * renamed in PostgreSQL 13 ({@code total_time} became {@code total_exec_time}, planning got its own columns) and 17
 * ({@code blk_read_time} became {@code shared_blk_read_time}), and {@code toplevel} arrived in 14. Which name to
 * read is decided by the columns the view has, not by the version number, so a back-patched or newer view works too.
 */
public final class StatStatementsColumns {

    private StatStatementsColumns() {
    }

    /**
     * Select expressions over alias {@code s} (the view), each named as the stable name; a column the view lacks
     * reads as zero (counters) or null (extremes), so callers never branch on the version.
     */
    public static List<String> selectList(Set<String> columns) {
        List<String> out = new ArrayList<>();
        out.add("s.queryid AS queryid");
        out.add("s.query AS query");
        out.add(first(columns, "bool", "true", "toplevel") + " AS toplevel");
        out.add("s.calls AS calls");
        out.add(first(columns, "float8", "0", "total_exec_time", "total_time") + " AS total_exec_time");
        out.add(first(columns, "float8", "NULL", "min_exec_time", "min_time") + " AS min_exec_time");
        out.add(first(columns, "float8", "NULL", "max_exec_time", "max_time") + " AS max_exec_time");
        out.add(first(columns, "float8", "NULL", "stddev_exec_time", "stddev_time") + " AS stddev_exec_time");
        out.add(first(columns, "int8", "0", "plans") + " AS plans");
        out.add(first(columns, "float8", "0", "total_plan_time") + " AS total_plan_time");
        out.add("s.rows AS rows");
        for (String counter : List.of("shared_blks_hit", "shared_blks_read", "shared_blks_dirtied",
                "shared_blks_written", "local_blks_hit", "local_blks_read", "temp_blks_read", "temp_blks_written")) {
            out.add(first(columns, "int8", "0", counter) + " AS " + counter);
        }
        out.add(first(columns, "float8", "0", "shared_blk_read_time", "blk_read_time") + " AS shared_blk_read_time");
        out.add(first(columns, "float8", "0", "shared_blk_write_time", "blk_write_time") + " AS shared_blk_write_time");
        out.add(first(columns, "int8", "0", "wal_bytes") + " AS wal_bytes");
        return out;
    }

    /** {@code s.<first present name>::type}, or the fallback when none is present. */
    private static String first(Set<String> columns, String type, String fallback, String... names) {
        for (String name : names) {
            if (columns.contains(name)) {
                return "s." + name + "::" + type;
            }
        }
        return fallback + "::" + type;
    }
}
