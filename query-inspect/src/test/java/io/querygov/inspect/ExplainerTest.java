package io.querygov.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryType;
import io.querygov.core.StatementRefusedException;
import io.querygov.testing.PostgresExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExplainerTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(
            "CREATE TABLE item (id bigint PRIMARY KEY, v int NOT NULL, a int NOT NULL, b int NOT NULL, pad text NOT NULL)",
            // a = b always: the planner multiplies their selectivities and underestimates a = 1 AND b = 1 a hundredfold
            "INSERT INTO item SELECT g, g % 1000, g % 100, g % 100, md5(g::text) FROM generate_series(1, 200000) g",
            "CREATE TABLE job (id bigint PRIMARY KEY, status text NOT NULL)",
            // one status in a thousand is 'failed', spread at random over the table
            "INSERT INTO job SELECT g, CASE WHEN g % 1000 = 0 THEN 'failed' ELSE 'done' END"
                    + " FROM generate_series(1, 200000) g ORDER BY random()",
            "CREATE INDEX job_status_idx ON job (status)",
            "ANALYZE item",
            "ANALYZE job",
            "CREATE SEQUENCE audit_id_seq",
            "CREATE TABLE victim (id int PRIMARY KEY)",
            "INSERT INTO victim SELECT g FROM generate_series(1, 20) g",
            "CREATE TABLE victim2 (id int PRIMARY KEY)",
            "INSERT INTO victim2 SELECT g FROM generate_series(1, 20) g");

    private static final ExplainOptions ANALYZE = ExplainOptions.defaults().withAnalyze(true).withBuffers(true);

    private static QueryDescriptor query(String name, String sql, QueryParameter... parameters) {
        return QueryDescriptor.builder(name, QueryType.RAW_SQL_ANALYTICS).sql(sql).origin("sql/items.sql:1")
                .parameters(List.of(parameters)).build();
    }

    private static ExplainResult explain(QueryDescriptor query, Map<String, ?> values, ExplainOptions options) {
        return Explainer.create(pg.dataSource()).explain(query, values, options);
    }

    private static List<PlanWarning.Kind> kinds(List<PlanWarning> warnings) {
        return warnings.stream().map(PlanWarning::kind).toList();
    }

    @Test
    void aTextOfSeveralStatementsIsRefusedBeforeAnythingIsSentAndNothingCommits() {
        // a carriage return ends the -- comment for the server: each text is more than one statement
        QueryDescriptor delete = query("cr_delete",
                "SELECT 1 --\r; COMMIT; SET transaction_read_only = off; DELETE FROM victim2 --\n;");
        QueryDescriptor update = QueryDescriptor.builder("cr_update_commit", QueryType.RAW_SQL_BULK)
                .sql("UPDATE victim SET id = id + 1000 WHERE id < 1000 --\r; COMMIT --\n;").origin("sql/v.sql:2").build();
        for (ExplainOptions options : List.of(ExplainOptions.defaults(), ANALYZE, ANALYZE.withAllowWrites(true))) {
            StatementRefusedException e = assertThrows(StatementRefusedException.class,
                    () -> explain(delete, Map.of(), options));
            assertTrue(e.getMessage().startsWith("Query 'cr_delete' (sql/items.sql:1) holds 4 statements"), e.getMessage());
            assertThrows(StatementRefusedException.class, () -> explain(update, Map.of(), options));
        }
        assertEquals(20, Db.queryLong(pg, "SELECT count(*) FROM victim2"));
        assertEquals(20, Db.queryLong(pg, "SELECT count(*) FROM victim WHERE id <= 20"));
    }

    /** The sequence's last number, 0 before its first. */
    private static final String AUDIT_ID_SEQ_VALUE = "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM audit_id_seq";

    @Test
    void analyzeRefusesASideEffectARollbackCannotUndoUnlessWritesAreAllowed() {
        QueryDescriptor next = query("next_audit_id", "SELECT nextval('audit_id_seq')");
        long before = Db.queryLong(pg, AUDIT_ID_SEQ_VALUE);
        StatementRefusedException e = assertThrows(StatementRefusedException.class,
                () -> explain(next, Map.of(), ANALYZE));
        assertEquals("Query 'next_audit_id' (sql/items.sql:1) calls nextval(), which a rollback cannot undo (a sequence"
                + " never rolls back); it runs only when writes are allowed: pass --allow-writes to run it", e.getMessage());
        // without ANALYZE nothing runs: the plan is there and the sequence stays
        assertEquals("Result", explain(next, Map.of(), ExplainOptions.defaults()).plan().root().nodeType());
        assertEquals(before, Db.queryLong(pg, AUDIT_ID_SEQ_VALUE));
        // asked for in so many words, it runs, and the rollback does not take the number back
        explain(next, Map.of(), ANALYZE.withAllowWrites(true));
        assertEquals(before + 1, Db.queryLong(pg, AUDIT_ID_SEQ_VALUE));
    }

    @Test
    void explainWithoutAnalyzeGivesTheEstimatedPlanAndTheServersJson() {
        QueryDescriptor query = query("item.by_id", "SELECT pad FROM item WHERE id = :id",
                QueryParameter.of("id", "bigint"));
        ExplainResult result = explain(query, Map.of("id", 42L), ExplainOptions.defaults().withGenericPlan(false));

        PlanNode root = result.plan().root();
        assertEquals("Index Scan", root.nodeType());
        assertEquals("item_pkey", root.indexName());
        assertEquals("public", root.schema());
        assertEquals("(item.id = '42'::bigint)", root.indexCondition());
        assertNull(root.actualRows());
        assertTrue(result.plan().json().contains("\"Node Type\": \"Index Scan\""), result.plan().json());
        assertEquals(Map.of("id", "42"), result.parameters());
        assertEquals(List.of(), result.warnings());
        assertEquals("not asked for", result.genericPlanNote());
        assertTrue(result.renderText().startsWith("Index Scan using item_pkey on public.item  (cost="),
                result.renderText());
    }

    @Test
    void analyzeGivesActualsBuffersAndWarningsJudgedByTableSize() {
        QueryDescriptor query = query("item.by_v", "SELECT id FROM item WHERE v = :v", QueryParameter.of("v", "int"));
        ExplainResult result = explain(query, Map.of("v", 5), ANALYZE);

        PlanNode root = result.plan().root();
        assertEquals("Seq Scan", root.nodeType());
        assertEquals(200.0, root.actualRows());
        assertEquals(199_800L, root.rowsRemovedByFilter());
        assertNotNull(root.buffers());
        assertTrue(root.buffers().sharedHit() + root.buffers().sharedRead() > 0);
        assertNotNull(result.plan().executionTimeMillis());
        assertEquals(List.of(PlanWarning.Kind.SEQ_SCAN_LARGE_TABLE, PlanWarning.Kind.FILTER_REMOVES_MOST_ROWS),
                kinds(result.warnings()));
        assertTrue(result.warnings().get(0).message().contains("which has about 200000 rows"),
                result.warnings().get(0).message());
        assertTrue(result.renderText().contains("  ! SEQ_SCAN_LARGE_TABLE: sequential scan on public.item"),
                result.renderText());
    }

    @Test
    void analyzeOfAWriteStatementIsRolledBack() {
        QueryDescriptor delete = QueryDescriptor.builder("item.purge", QueryType.RAW_SQL_BULK)
                .sql("DELETE FROM item WHERE id <= :max").parameter(QueryParameter.of("max", "bigint")).build();

        ExplainResult result = explain(delete, Map.of("max", 150_000L), ANALYZE);

        PlanNode root = result.plan().root();
        assertEquals("ModifyTable", root.nodeType());
        assertEquals(150_000.0, root.children().get(0).actualRows());
        assertEquals(200_000, Db.count(pg, "item"));

        // without ANALYZE the statement is not run at all, in a read-only transaction
        explain(delete, Map.of("max", 150_000L), ExplainOptions.defaults());
        assertEquals(200_000, Db.count(pg, "item"));
    }

    @Test
    void correlatedColumnsGiveARowMisestimate() {
        QueryDescriptor query = query("item.by_a_b", "SELECT id FROM item WHERE a = :a AND b = :b",
                QueryParameter.of("a", "int"), QueryParameter.of("b", "int"));
        ExplainResult result = explain(query, Map.of("a", 1, "b", 1), ANALYZE);

        assertTrue(kinds(result.warnings()).contains(PlanWarning.Kind.ROW_MISESTIMATE), result.warnings().toString());
        assertEquals(2000.0, result.plan().root().actualRows());
        assertTrue(result.plan().root().planRows() <= 200, "estimate " + result.plan().root().planRows());
    }

    @Test
    void sortSpillsWithASmallWorkMem() {
        QueryDescriptor query = query("item.sorted", "SELECT id, pad FROM item ORDER BY pad");
        ExplainResult result = explain(query, Map.of(), ANALYZE.withSetting("work_mem", "64kB")
                .withSetting("max_parallel_workers_per_gather", "0"));

        assertEquals("Sort", result.plan().root().nodeType());
        assertEquals("Disk", result.plan().root().sortSpaceType());
        assertTrue(kinds(result.warnings()).contains(PlanWarning.Kind.SORT_SPILL), result.warnings().toString());
        assertEquals("the statement has no parameters, so its only plan is generic", result.genericPlanNote());

        // the setting lasted for that EXPLAIN only
        ExplainResult roomy = explain(query, Map.of(), ANALYZE.withSetting("work_mem", "256MB"));
        assertEquals("Memory", roomy.plan().root().sortSpaceType());
    }

    @Test
    void genericPlanIsShownAndComparedOnPostgres16AndNewer() {
        assumeTrue(pg.serverVersionNum() >= 160000, "EXPLAIN (GENERIC_PLAN) needs PostgreSQL 16");
        QueryDescriptor query = query("job.by_status", "SELECT id FROM job WHERE status = :status",
                QueryParameter.of("status", "text"));

        ExplainResult common = explain(query, Map.of("status", "done"), ExplainOptions.defaults());

        assertNotNull(common.genericPlan(), common.genericPlanNote());
        assertNull(common.genericPlanNote());
        assertEquals("Seq Scan", common.plan().root().nodeType());
        assertTrue(common.genericPlan().json().contains("$1"), common.genericPlan().json());
        // the generic plan assumes half the rows match (two distinct values) and picks the index
        assertTrue(!common.genericPlan().root().nodeType().equals("Seq Scan"), common.genericPlan().json());
        assertEquals(List.of(PlanWarning.Kind.SEQ_SCAN_LARGE_TABLE, PlanWarning.Kind.GENERIC_PLAN_DIFFERS),
                kinds(common.warnings()));
        assertTrue(common.renderText().contains("Generic plan (what a prepared statement may switch to"),
                common.renderText());
    }

    @Test
    void genericPlanIsExplainedAsUnavailableBeforePostgres16() {
        assumeTrue(pg.serverVersionNum() < 160000, "the server supports GENERIC_PLAN");
        QueryDescriptor query = query("job.by_status", "SELECT id FROM job WHERE status = :status",
                QueryParameter.of("status", "text"));
        ExplainResult result = explain(query, Map.of("status", "done"), ExplainOptions.defaults());
        assertNull(result.genericPlan());
        assertTrue(result.genericPlanNote().startsWith("EXPLAIN (GENERIC_PLAN) needs PostgreSQL 16 or newer"),
                result.genericPlanNote());
    }

    @Test
    void valuesOfOtherTypesAreCastByTheServer() {
        QueryDescriptor query = query("net", "SELECT :addr << '10.0.0.0/8'::cidr AS inside",
                QueryParameter.of("addr", "inet"));
        ExplainResult result = explain(query, Map.of("addr", "10.1.2.3"), ANALYZE);
        assertEquals("Result", result.plan().root().nodeType());
        assertEquals(1.0, result.plan().root().actualRows());
    }

    @Test
    void failuresNameTheQueryAndTheServerError() {
        IntrospectionException broken = assertThrows(IntrospectionException.class, () -> explain(
                query("broken", "SELECT * FROM nope"), Map.of(), ExplainOptions.defaults()));
        assertEquals("broken", broken.queryName());
        assertEquals("42P01", broken.sqlState());
        assertTrue(broken.getMessage().startsWith("EXPLAIN of query 'broken' (sql/items.sql:1) failed: ERROR: "
                + "relation \"nope\" does not exist"), broken.getMessage());

        ParameterValueException missing = assertThrows(ParameterValueException.class, () -> explain(
                query("item.by_v", "SELECT id FROM item WHERE v = :v"), Map.of(), ExplainOptions.defaults()));
        assertEquals("v", missing.parameterName());
        assertEquals("Parameter 'v' of query 'item.by_v' has no value to explain with: give one, e.g. --param v=<value>,"
                + " or draw values with ParameterSource", missing.getMessage());

        IntrospectionException hql = assertThrows(IntrospectionException.class, () -> explain(
                QueryDescriptor.builder("Item.all", QueryType.ORM_SIMPLE).hql("from Item").build(), Map.of(),
                ExplainOptions.defaults()));
        assertEquals("Query 'Item.all' is hql, not SQL: explain the SQL Hibernate generates for it instead",
                hql.getMessage());
    }
}
