package io.querygov.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlClassificationTest {

    private static void assertKind(String sql, QueryType type, boolean writes) {
        SqlClassification c = SqlClassification.of(sql);
        assertEquals(Optional.ofNullable(type), c.inferredType(), sql);
        assertEquals(writes, c.writes(), sql);
        assertEquals(!writes, c.reads(), sql);
    }

    private static List<String> effects(String sql) {
        return SqlClassification.of(sql).sideEffects().stream().map(SqlSideEffect::what).toList();
    }

    @Test
    void readsAndWritesByWhatTheStatementDoes() {
        assertKind("SELECT 1", QueryType.RAW_SQL_ANALYTICS, false);
        assertKind("  -- leading comment\n/* and another */ select 1", QueryType.RAW_SQL_ANALYTICS, false);
        assertKind("(SELECT 1) UNION (SELECT 2)", QueryType.RAW_SQL_ANALYTICS, false);
        assertKind("VALUES (1), (2)", QueryType.RAW_SQL_ANALYTICS, false);
        assertKind("TABLE t", QueryType.RAW_SQL_ANALYTICS, false);
        assertKind("SHOW work_mem", QueryType.RAW_SQL_ANALYTICS, false);
        assertKind("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT * FROM t",
                QueryType.RAW_SQL_ANALYTICS, false);
        assertKind("INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET x = 1", QueryType.RAW_SQL_BULK, true);
        assertKind("update t set x = 1", QueryType.RAW_SQL_BULK, true);
        assertKind("DELETE FROM t", QueryType.RAW_SQL_BULK, true);
        assertKind("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", QueryType.RAW_SQL_BULK, true);
        assertKind("COPY t FROM STDIN", QueryType.RAW_SQL_BULK, true);
        assertKind("TRUNCATE t", QueryType.RAW_SQL_BULK, true);
        assertKind("WITH gone AS (DELETE FROM t RETURNING id) SELECT count(*) FROM gone", QueryType.RAW_SQL_BULK, true);
        assertKind("WITH gone AS MATERIALIZED (UPDATE t SET x = 1 RETURNING id) SELECT 1", QueryType.RAW_SQL_BULK, true);
        assertKind("WITH src AS (SELECT 1 AS id) UPDATE t SET x = 1 FROM src WHERE t.id = src.id",
                QueryType.RAW_SQL_BULK, true);
    }

    @Test
    void aMergeInsideWithAndASelectIntoAreWrites() {
        // the two texts the two classifiers this one replaced disagreed on
        assertKind("WITH m AS (MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING t.*) SELECT * FROM m",
                QueryType.RAW_SQL_BULK, true);
        assertKind("SELECT * INTO archive FROM t WHERE created < now()", QueryType.RAW_SQL_BULK, true);
        assertKind("WITH x AS (SELECT 1) SELECT * INTO archive FROM x", QueryType.RAW_SQL_BULK, true);
        // a word in a string, a name or a comment is no statement
        assertKind("SELECT 'merge into', \"delete\" FROM t -- insert into t", QueryType.RAW_SQL_ANALYTICS, false);
        assertKind("SELECT x FROM t WHERE y IN (SELECT z FROM u)", QueryType.RAW_SQL_ANALYTICS, false);
    }

    @Test
    void rowLocksNeedAReadWriteTransactionButStayAnalytics() {
        assertKind("SELECT * FROM t WHERE id = 1 FOR UPDATE", QueryType.RAW_SQL_ANALYTICS, true);
        assertKind("SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED", QueryType.RAW_SQL_ANALYTICS, true);
        assertKind("SELECT * FROM t FOR KEY SHARE", QueryType.RAW_SQL_ANALYTICS, true);
        assertKind("WITH x AS (SELECT * FROM t FOR UPDATE) SELECT * FROM x", QueryType.RAW_SQL_ANALYTICS, true);
        assertKind("SELECT 'for update' FROM t", QueryType.RAW_SQL_ANALYTICS, false);
        assertKind("SELECT substring(s FROM 1 FOR 3) FROM t", QueryType.RAW_SQL_ANALYTICS, false);
    }

    @Test
    void unknownKindsAndEmptyTextHaveNoTypeAndAreAssumedToWrite() {
        assertKind("CREATE TABLE t (id int)", null, true);
        assertKind("SET work_mem = '64MB'", null, true);
        assertKind("-- only a comment", null, true);
        assertKind("", null, true);
        assertEquals(0, SqlClassification.of(" ; ;").statementCount());
    }

    @Test
    void explainReadsUnlessItAnalyzesAStatementThatWrites() {
        assertKind("EXPLAIN DELETE FROM t", QueryType.RAW_SQL_ANALYTICS, false);
        assertKind("EXPLAIN ANALYZE DELETE FROM t", QueryType.RAW_SQL_ANALYTICS, true);
        assertKind("EXPLAIN (ANALYZE, BUFFERS) DELETE FROM t", QueryType.RAW_SQL_ANALYTICS, true);
        assertKind("EXPLAIN (ANALYZE false, BUFFERS) DELETE FROM t", QueryType.RAW_SQL_ANALYTICS, false);
        assertKind("EXPLAIN /* c */ ANALYSE VERBOSE -- d\n DELETE FROM t", QueryType.RAW_SQL_ANALYTICS, true);
        assertKind("EXPLAIN ANALYZE SELECT 1", QueryType.RAW_SQL_ANALYTICS, false);
        assertEquals(List.of(), effects("EXPLAIN SELECT nextval('s')"));
        assertEquals(List.of("calls nextval()"), effects("EXPLAIN ANALYZE SELECT nextval('s')"));
    }

    @Test
    void statementsAreCountedWhereTheServerSplitsThem() {
        SqlClassification crUpdate = SqlClassification.of(
                "UPDATE victim SET id = id + 1000 WHERE id < 1000 --\r; COMMIT --\n;");
        assertEquals(List.of("UPDATE victim SET id = id + 1000 WHERE id < 1000", "COMMIT"), crUpdate.statements());
        assertTrue(crUpdate.commentEndsAtCarriageReturn());
        assertTrue(crUpdate.severalStatements().orElseThrow().contains("carriage return"),
                crUpdate.severalStatements().orElseThrow());
        SqlClassification crDelete = SqlClassification.of(
                "SELECT 1 --\r; COMMIT; SET transaction_read_only = off; DELETE FROM victim2 --\n;");
        assertEquals(4, crDelete.statementCount());
        assertTrue(crDelete.writes());

        SqlClassification one = SqlClassification.of("SELECT 1; -- done\n;");
        assertEquals(1, one.statementCount());
        assertEquals(Optional.empty(), one.severalStatements());
        assertFalse(SqlClassification.of("SELECT 1 -- a\r\n").commentEndsAtCarriageReturn());
        assertEquals(1, SqlClassification.of("SELECT ';', $$;$$, E'\\';' /* ; */ -- ;").statementCount());
        assertEquals(2, SqlClassification.of("SELECT 1; SELECT 2").statementCount());
    }

    @Test
    void sideEffectsARollbackCannotUndo() {
        assertEquals(List.of("calls nextval()"), effects("SELECT nextval('audit_id_seq')"));
        assertEquals(List.of("calls setval()"), effects("select pg_catalog.setval('s', 1)"));
        assertEquals(List.of("calls nextval()"), effects("SELECT \"nextval\" ('s')"));
        assertEquals(List.of("runs COPY ... TO PROGRAM"), effects("COPY t TO PROGRAM 'touch /tmp/x'"));
        assertEquals(List.of("runs COPY ... FROM PROGRAM"), effects("COPY t FROM PROGRAM 'cat /etc/passwd'"));
        assertEquals(List.of("runs COPY ... TO a file on the server"), effects("COPY (SELECT 1 FROM t) TO 'copy_out.csv'"));
        assertEquals(List.of("calls pg_terminate_backend()"), effects("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"));
        assertEquals(List.of("calls pg_cancel_backend()"), effects("SELECT pg_cancel_backend(42)"));
        assertEquals(List.of("calls pg_advisory_lock()"), effects("SELECT pg_advisory_lock(1)"));
        assertEquals(List.of("calls dblink_exec()"), effects("SELECT dblink_exec('dbname=x', 'DELETE FROM t')"));
        assertEquals(List.of("calls lo_export()"), effects("SELECT lo_export(16409, '/tmp/x')"));
        assertEquals(List.of("calls pg_reload_conf()"), effects("SELECT pg_reload_conf()"));
        assertEquals(List.of("calls pg_notify()"), effects("SELECT pg_notify('ch', 'x')"));
        assertEquals(List.of("calls txid_current()"), effects("SELECT txid_current()"));
        assertEquals(List.of("calls query_to_xml()"), effects("SELECT query_to_xml('select 1', true, true, '')"));
        assertEquals(List.of("calls set_config() without is_local true"),
                effects("SELECT set_config('default_transaction_read_only', 'off', false)"));
        assertEquals(List.of("calls set_config() without is_local true"), effects("SELECT set_config('a', 'b', x)"));
        for (String statement : List.of("COMMIT", "BEGIN", "ROLLBACK", "PREPARE p AS SELECT 1", "DO $$ BEGIN END $$",
                "CALL refresh()", "NOTIFY ch", "VACUUM t", "CHECKPOINT", "DISCARD ALL", "EXECUTE p")) {
            assertEquals(1, effects(statement).size(), statement);
            assertTrue(SqlClassification.of(statement).writes(), statement);
        }
        assertEquals(List.of("runs ALTER SYSTEM"), effects("ALTER SYSTEM SET work_mem = '1GB'"));
    }

    @Test
    void whatARollbackDoesUndoIsNoSideEffect() {
        for (String statement : List.of("SELECT currval('s')", "SELECT pg_advisory_xact_lock(1)",
                "SELECT set_config('work_mem', '64MB', true)", "COPY t TO STDOUT", "COPY t FROM '/data/t.csv'",
                "SELECT 'nextval(1)' -- nextval(2)", "SELECT \"NEXTVAL\"('s')", "SELECT nextval FROM t",
                "UPDATE t SET x = 1", "SELECT pg_sleep(1)")) {
            assertEquals(List.of(), effects(statement), statement);
        }
        assertTrue(SqlClassification.of("SELECT currval('s')").reads());
        SqlClassification nextval = SqlClassification.of("SELECT nextval('s')");
        assertTrue(nextval.writes());
        assertEquals(Optional.of(QueryType.RAW_SQL_ANALYTICS), nextval.inferredType());
        assertEquals("calls nextval(), which a rollback cannot undo: a sequence never rolls back",
                nextval.sideEffects().get(0).toString());
    }

    @Test
    void lexicalErrorsAreReportedWithTheirOffset() {
        assertEquals(Optional.of("trailing junk after numeric literal at offset 7"),
                SqlClassification.of("SELECT 1e'x'").lexicalError());
        assertEquals(Optional.empty(), SqlClassification.of("SELECT 1").lexicalError());
    }
}
