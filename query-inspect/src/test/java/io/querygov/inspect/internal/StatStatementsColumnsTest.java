package io.querygov.inspect.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatStatementsColumnsTest {
    /** pg_stat_statements 1.8 (PostgreSQL 12): times without exec/plan split, no WAL, no toplevel. */
    private static final Set<String> V12 = Set.of("userid", "dbid", "queryid", "query", "calls", "total_time",
            "min_time", "max_time", "mean_time", "stddev_time", "rows", "shared_blks_hit", "shared_blks_read",
            "shared_blks_dirtied", "shared_blks_written", "local_blks_hit", "local_blks_read", "local_blks_dirtied",
            "local_blks_written", "temp_blks_read", "temp_blks_written", "blk_read_time", "blk_write_time");
    /** 1.8 on PostgreSQL 13: execution and planning split, WAL counters. */
    private static final Set<String> V13 = Set.of("userid", "dbid", "queryid", "query", "plans", "total_plan_time",
            "min_plan_time", "max_plan_time", "mean_plan_time", "stddev_plan_time", "calls", "total_exec_time",
            "min_exec_time", "max_exec_time", "mean_exec_time", "stddev_exec_time", "rows", "shared_blks_hit",
            "shared_blks_read", "shared_blks_dirtied", "shared_blks_written", "local_blks_hit", "local_blks_read",
            "local_blks_dirtied", "local_blks_written", "temp_blks_read", "temp_blks_written", "blk_read_time",
            "blk_write_time", "wal_records", "wal_fpi", "wal_bytes");
    /** 1.11 on PostgreSQL 17: block times split into shared and local, toplevel present. */
    private static final Set<String> V17 = Set.of("userid", "dbid", "toplevel", "queryid", "query", "plans",
            "total_plan_time", "calls", "total_exec_time", "min_exec_time", "max_exec_time", "mean_exec_time",
            "stddev_exec_time", "rows", "shared_blks_hit", "shared_blks_read", "shared_blks_dirtied",
            "shared_blks_written", "local_blks_hit", "local_blks_read", "temp_blks_read", "temp_blks_written",
            "shared_blk_read_time", "shared_blk_write_time", "local_blk_read_time", "local_blk_write_time",
            "wal_bytes", "stats_since", "minmax_stats_since");

    @Test
    void postgres12ReadsTheOldTimeColumnsAndZeroesWhatItLacks() {
        assertSelects(V12,
                "s.total_time::float8 AS total_exec_time",
                "s.min_time::float8 AS min_exec_time",
                "0::float8 AS total_plan_time",
                "0::int8 AS wal_bytes",
                "true::bool AS toplevel",
                "s.blk_read_time::float8 AS shared_blk_read_time");
    }

    @Test
    void postgres13ReadsExecutionTimesAndTheUnsplitBlockTimes() {
        assertSelects(V13,
                "s.total_exec_time::float8 AS total_exec_time",
                "s.total_plan_time::float8 AS total_plan_time",
                "s.blk_read_time::float8 AS shared_blk_read_time",
                "s.blk_write_time::float8 AS shared_blk_write_time",
                "true::bool AS toplevel");
    }

    @Test
    void postgres17ReadsTheSharedBlockTimesAndToplevel() {
        assertSelects(V17,
                "s.shared_blk_read_time::float8 AS shared_blk_read_time",
                "s.shared_blk_write_time::float8 AS shared_blk_write_time",
                "s.toplevel::bool AS toplevel",
                "s.wal_bytes::int8 AS wal_bytes");
    }

    /** Each of {@code items} is in the select list for a view with {@code columns}. */
    private static void assertSelects(Set<String> columns, String... items) {
        List<String> select = StatStatementsColumns.selectList(columns);
        for (String item : items) {
            assertTrue(select.contains(item), () -> item + " in " + select);
        }
    }
}
