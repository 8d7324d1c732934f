package io.querygov.cache.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlTablesTest {

    @Test
    void readsTheTablesAfterFromAndJoinWithoutSchemaOrAlias() {
        assertEquals(Set.of("projects", "users"), SqlTables.read(
                "SELECT p.id FROM public.projects p JOIN users AS u ON u.id = p.owner_id WHERE p.id = :id"));
        assertEquals(Set.of("a", "b", "c"), SqlTables.read("select * from a x, b, c as z where x.id = b.id"));
        assertEquals(Set.of("Mixed Case"), SqlTables.read("SELECT 1 FROM \"Mixed Case\""));
    }

    @Test
    void leavesOutCommonTableExpressionsFunctionsAndTheFromOfExtract() {
        String sql = "WITH project_jobs AS (SELECT j.status FROM reconciliation_jobs j WHERE j.project_id = :p), "
                + "m (x) AS MATERIALIZED (SELECT 1) "
                + "SELECT extract(year FROM now()), count(*) FILTER (WHERE status = 'from x') "
                + "FROM project_jobs, generate_series(1, 3) g, m";
        assertEquals(Set.of("reconciliation_jobs"), SqlTables.read(sql));
    }

    @Test
    void readsSubqueriesInsideFunctionsAndExists() {
        assertEquals(Set.of("users", "jobs"), SqlTables.read(
                "SELECT coalesce((SELECT max(id) FROM users), 0) WHERE EXISTS (SELECT 1 FROM jobs) "
                        + "AND array(select id from jobs) IS NOT NULL"));
    }

    @Test
    void commentsAndStringsNeverNameATable() {
        assertEquals(Set.of("real"), SqlTables.read("SELECT 'FROM fake' -- FROM comment\n FROM real /* JOIN other */"));
    }

    @Test
    void writesNameTheirTargets() {
        assertEquals(Set.of("reconciliation_jobs"), SqlTables.written(
                "UPDATE reconciliation_jobs SET status = 'archived' FROM projects p WHERE p.id = project_id").tables());
        assertEquals(Set.of("projects"), SqlTables.written("insert into public.projects (id) values (?)").tables());
        assertEquals(Set.of("jobs"), SqlTables.written("DELETE FROM ONLY jobs USING projects WHERE true").tables());
        assertEquals(Set.of("a", "b"), SqlTables.written("TRUNCATE TABLE a, ONLY b RESTART IDENTITY").tables());
        assertEquals(Set.of("t"), SqlTables.written("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE").tables());
        assertEquals(Set.of("t"), SqlTables.written("COPY t (a, b) FROM STDIN").tables());
        assertEquals(Set.of("stats"), SqlTables.written("REFRESH MATERIALIZED VIEW CONCURRENTLY stats").tables());
        assertEquals(Set.of("x", "y"), SqlTables.written("DROP TABLE IF EXISTS x, y").tables());
    }

    @Test
    void dataModifyingCtesWriteButForUpdateAndDoUpdateDoNot() {
        assertEquals(Set.of("archive", "jobs"), SqlTables.written(
                "WITH moved AS (DELETE FROM jobs WHERE old RETURNING *) INSERT INTO archive SELECT * FROM moved").tables());
        assertEquals(Set.of("t"), SqlTables.written(
                "INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET n = t.n + 1").tables());
        assertFalse(SqlTables.written("SELECT * FROM t FOR UPDATE").any());
        assertFalse(SqlTables.written("WITH x AS (SELECT 1 FROM t FOR NO KEY UPDATE) SELECT * FROM x").any());
    }

    @Test
    void readsAndSessionCommandsWriteNothingAndUnknownReachWritesEverything() {
        assertFalse(SqlTables.written("COPY (SELECT 1) TO STDOUT").any());
        assertFalse(SqlTables.written("COPY t TO STDOUT").any());
        assertFalse(SqlTables.written("SET statement_timeout = 5").any());
        assertFalse(SqlTables.written("CREATE INDEX i ON t (a)").any());
        assertTrue(SqlTables.written("CALL archive_jobs(30)").everything());
        assertTrue(SqlTables.written("DO $$ BEGIN DELETE FROM t; END $$").everything());
    }

    @Test
    void theFirstWordCheckLetsEveryWriteThrough() {
        assertFalse(SqlTables.mayWrite("  -- a report\n  (SELECT 1)"));
        assertFalse(SqlTables.mayWrite("VALUES (1)"));
        assertTrue(SqlTables.mayWrite("selectivity()"), "not the word SELECT: read in full");
        assertTrue(SqlTables.mayWrite("WITH x AS (DELETE FROM t RETURNING 1) SELECT * FROM x"));
        assertTrue(SqlTables.mayWrite("/* SELECT */ DELETE FROM t"));
        assertTrue(SqlTables.mayWrite("update t set a = 1"));
    }
}
