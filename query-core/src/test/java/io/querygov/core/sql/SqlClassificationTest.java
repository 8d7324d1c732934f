package io.querygov.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    /**
     * Each row: the text, the type inferred (empty for none) and whether it needs a read-write transaction. A text
     * with a line break or leading blanks is quoted with {@code '}; quotes inside a text are the SQL's own.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // reads are analytics
            "SELECT 1 | RAW_SQL_ANALYTICS | false",
            "'  -- leading comment\n/* and another */ select 1' | RAW_SQL_ANALYTICS | false",
            "(SELECT 1) UNION (SELECT 2) | RAW_SQL_ANALYTICS | false",
            "VALUES (1), (2) | RAW_SQL_ANALYTICS | false",
            "TABLE t | RAW_SQL_ANALYTICS | false",
            "SHOW work_mem | RAW_SQL_ANALYTICS | false",
            "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT * FROM t | RAW_SQL_ANALYTICS | false",
            // writes are bulk
            "INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET x = 1 | RAW_SQL_BULK | true",
            "update t set x = 1 | RAW_SQL_BULK | true",
            "DELETE FROM t | RAW_SQL_BULK | true",
            "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE | RAW_SQL_BULK | true",
            "COPY t FROM STDIN | RAW_SQL_BULK | true",
            "TRUNCATE t | RAW_SQL_BULK | true",
            "WITH gone AS (DELETE FROM t RETURNING id) SELECT count(*) FROM gone | RAW_SQL_BULK | true",
            "WITH gone AS MATERIALIZED (UPDATE t SET x = 1 RETURNING id) SELECT 1 | RAW_SQL_BULK | true",
            "WITH src AS (SELECT 1 AS id) UPDATE t SET x = 1 FROM src WHERE t.id = src.id | RAW_SQL_BULK | true",
            // a merge inside WITH and a SELECT INTO are writes: the two texts the two classifiers this one replaced
            // disagreed on
            "WITH m AS (MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING t.*) SELECT * FROM m"
                    + " | RAW_SQL_BULK | true",
            "SELECT * INTO archive FROM t WHERE created < now() | RAW_SQL_BULK | true",
            "WITH x AS (SELECT 1) SELECT * INTO archive FROM x | RAW_SQL_BULK | true",
            // a word in a string, a name or a comment is no statement
            "SELECT 'merge into', \"delete\" FROM t -- insert into t | RAW_SQL_ANALYTICS | false",
            "SELECT x FROM t WHERE y IN (SELECT z FROM u) | RAW_SQL_ANALYTICS | false",
            // row locks need a read-write transaction but stay analytics
            "SELECT * FROM t WHERE id = 1 FOR UPDATE | RAW_SQL_ANALYTICS | true",
            "SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED | RAW_SQL_ANALYTICS | true",
            "SELECT * FROM t FOR KEY SHARE | RAW_SQL_ANALYTICS | true",
            "WITH x AS (SELECT * FROM t FOR UPDATE) SELECT * FROM x | RAW_SQL_ANALYTICS | true",
            "SELECT 'for update' FROM t | RAW_SQL_ANALYTICS | false",
            "SELECT substring(s FROM 1 FOR 3) FROM t | RAW_SQL_ANALYTICS | false",
            // unknown kinds and empty text have no type and are assumed to write
            "CREATE TABLE t (id int) | | true",
            "SET work_mem = '64MB' | | true",
            "-- only a comment | | true",
            "'' | | true",
            // EXPLAIN reads unless it analyzes a statement that writes
            "EXPLAIN DELETE FROM t | RAW_SQL_ANALYTICS | false",
            "EXPLAIN ANALYZE DELETE FROM t | RAW_SQL_ANALYTICS | true",
            "EXPLAIN (ANALYZE, BUFFERS) DELETE FROM t | RAW_SQL_ANALYTICS | true",
            "EXPLAIN (ANALYZE false, BUFFERS) DELETE FROM t | RAW_SQL_ANALYTICS | false",
            "'EXPLAIN /* c */ ANALYSE VERBOSE -- d\n DELETE FROM t' | RAW_SQL_ANALYTICS | true",
            "EXPLAIN ANALYZE SELECT 1 | RAW_SQL_ANALYTICS | false",
    })
    void readsAndWritesByWhatTheStatementDoes(String sql, QueryType type, boolean writes) {
        assertKind(sql, type, writes);
    }

    @Test
    void onlySeparatorsAreNoStatement() {
        assertEquals(0, SqlClassification.of(" ; ;").statementCount());
    }

    @Test
    void explainHasTheSideEffectsOfWhatItAnalyzes() {
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

    /** Each row: the side effect found, then the statement; quotes in the statements are the SQL's own. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiterString = " <- ", quoteCharacter = '`', value = {
            "calls nextval() <- SELECT nextval('audit_id_seq')",
            "calls setval() <- select pg_catalog.setval('s', 1)",
            "calls nextval() <- SELECT \"nextval\" ('s')",
            "runs COPY ... TO PROGRAM <- COPY t TO PROGRAM 'touch /tmp/x'",
            "runs COPY ... FROM PROGRAM <- COPY t FROM PROGRAM 'cat /etc/passwd'",
            "runs COPY ... TO a file on the server <- COPY (SELECT 1 FROM t) TO 'copy_out.csv'",
            "calls pg_terminate_backend() <- SELECT pg_terminate_backend(pid) FROM pg_stat_activity",
            "calls pg_cancel_backend() <- SELECT pg_cancel_backend(42)",
            "calls pg_advisory_lock() <- SELECT pg_advisory_lock(1)",
            "calls dblink_exec() <- SELECT dblink_exec('dbname=x', 'DELETE FROM t')",
            "calls lo_export() <- SELECT lo_export(16409, '/tmp/x')",
            "calls pg_reload_conf() <- SELECT pg_reload_conf()",
            "calls pg_notify() <- SELECT pg_notify('ch', 'x')",
            "calls txid_current() <- SELECT txid_current()",
            "calls query_to_xml() <- SELECT query_to_xml('select 1', true, true, '')",
            "calls set_config() without is_local true <- SELECT set_config('default_transaction_read_only', 'off', false)",
            "calls set_config() without is_local true <- SELECT set_config('a', 'b', x)",
            "runs ALTER SYSTEM <- ALTER SYSTEM SET work_mem = '1GB'",
    })
    void sideEffectsARollbackCannotUndo(String what, String sql) {
        assertEquals(List.of(what), effects(sql));
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMMIT", "BEGIN", "ROLLBACK", "PREPARE p AS SELECT 1", "DO $$ BEGIN END $$",
            "CALL refresh()", "NOTIFY ch", "VACUUM t", "CHECKPOINT", "DISCARD ALL", "EXECUTE p"})
    void statementsOfTheseKindsHaveOneSideEffectAndWrite(String statement) {
        assertEquals(1, effects(statement).size(), statement);
        assertTrue(SqlClassification.of(statement).writes(), statement);
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
