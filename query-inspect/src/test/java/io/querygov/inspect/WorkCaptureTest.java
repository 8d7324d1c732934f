package io.querygov.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.ParameterSampler;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryRunner;
import io.querygov.core.QueryType;
import io.querygov.core.StatementLanguage;
import io.querygov.testing.PostgresExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Work captured on the embedded server: plan shapes, buffers and rows that do not move between runs. */
class WorkCaptureTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(
            "CREATE TABLE account (id bigint PRIMARY KEY, branch int NOT NULL, balance int NOT NULL, pad text)",
            "INSERT INTO account SELECT g, g % 10, 0, repeat('x', 80) FROM generate_series(1, 50000) g",
            "ANALYZE account");

    private static final QueryDescriptor BY_ID = QueryDescriptor.builder("account_by_id", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT balance FROM account WHERE id = :id")
            .parameters(List.of(new QueryParameter("id", "bigint", new ParameterSampler.FromRange(1, 50000))))
            .build();

    private static WorkCapture capture() {
        return WorkCapture.builder(pg.dataSource()).seed(7).build();
    }

    @Test
    void aReadIsExplainedWithBuffersOnTheSameValuesEveryTime() throws Exception {
        CapturedWork first = capture().capture(BY_ID);
        CapturedWork again = capture().capture(BY_ID);

        assertEquals(WorkCapture.DEFAULT_SAMPLES, first.calls().size());
        assertEquals(first.calls().stream().map(CapturedCall::valuesDigest).toList(),
                again.calls().stream().map(CapturedCall::valuesDigest).toList());
        assertEquals(5, first.calls().stream().map(CapturedCall::valuesDigest).distinct().count());
        CapturedCall call = first.calls().get(0);
        assertEquals(List.of("Index Scan using account_pkey on account"), call.planShape());
        // a root page, a leaf page, a heap page: three or four with an inner level, never thousands
        assertTrue(call.buffers().getAsLong() >= 2 && call.buffers().getAsLong() <= 5, call.toString());
        assertEquals(1, call.rows().getAsLong());
        assertEquals(first.calls().stream().map(CapturedCall::buffers).toList(),
                again.calls().stream().map(CapturedCall::buffers).toList());
        assertTrue(first.note().isEmpty());
    }

    @Test
    void anotherSeedDrawsOtherValues() throws Exception {
        CapturedWork seven = capture().capture(BY_ID);
        CapturedWork eight = WorkCapture.builder(pg.dataSource()).seed(8).build().capture(BY_ID);
        assertNotEquals(seven.calls().get(0).valuesDigest(), eight.calls().get(0).valuesDigest());
    }

    @Test
    void aSequentialScanShowsInTheShapeAndReadsTheWholeTable() throws Exception {
        QueryDescriptor total = QueryDescriptor.builder("branch_total", QueryType.RAW_SQL_ANALYTICS)
                .sql("SELECT sum(balance) FROM account WHERE branch = 3").build();
        CapturedCall call = WorkCapture.builder(pg.dataSource()).samples(2).build().capture(total).calls().get(0);

        assertEquals("Aggregate", call.planShape().get(0));
        assertTrue(call.planShape().stream().anyMatch(line -> line.strip().equals("Seq Scan on account")),
                call.planShape().toString());
        long pages = Db.queryLong(pg, "SELECT relpages FROM pg_class WHERE relname = 'account'");
        assertTrue(call.buffers().getAsLong() >= pages, call.buffers() + " buffers, " + pages + " pages");
    }

    @Test
    void aWriteIsExplainedWithoutRunningIt() throws Exception {
        QueryDescriptor reset = QueryDescriptor.builder("reset_branch", QueryType.RAW_SQL_BULK)
                .sql("UPDATE account SET balance = 1 WHERE branch = 3").build();
        CapturedWork work = WorkCapture.builder(pg.dataSource()).samples(2).build().capture(reset);

        assertEquals("ModifyTable on account", work.calls().get(0).planShape().get(0));
        assertTrue(work.calls().get(0).buffers().isEmpty());
        assertEquals("writes: plain EXPLAIN, no buffers or rows", work.note().orElseThrow());
        assertEquals(0, Db.queryLong(pg, "SELECT count(*) FROM account WHERE balance <> 0"));
    }

    @Test
    void aRunnerQueryCountsTheStatementsItsCallSent() throws Exception {
        QueryDescriptor loop = QueryDescriptor.builder("n_plus_one", QueryType.ORM_SIMPLE)
                .statement(StatementLanguage.ENTITY_OPERATION, "load three accounts one by one").build();
        int[] sent = new int[1];
        QueryRunner runner = new QueryRunner() {
            @Override
            public boolean supports(QueryDescriptor query) {
                return query == loop;
            }

            @Override
            public long execute(QueryDescriptor query, Map<String, Object> parameters) {
                sent[0] += 4;
                return 3;
            }

            @Override
            public List<List<Object>> fetch(QueryDescriptor query, Map<String, Object> parameters) {
                throw new UnsupportedOperationException("the capture only executes");
            }
        };
        CapturedWork work = WorkCapture.builder(pg.dataSource()).samples(3)
                .runner(runner, block -> {
                    int before = sent[0];
                    block.run();
                    return sent[0] - before;
                }).build().capture(loop);

        assertEquals(3, work.calls().size());
        assertEquals(4, work.calls().get(0).statements().getAsLong());
        assertEquals(3, work.calls().get(0).rows().getAsLong());
        assertTrue(work.calls().get(0).planShape().isEmpty());
    }

    @Test
    void aQueryThatIsNotSqlWithoutARunnerSaysWhy() throws Exception {
        QueryDescriptor find = QueryDescriptor.builder("find", QueryType.ORM_SIMPLE)
                .statement(StatementLanguage.ENTITY_OPERATION, "find Account").build();
        CapturedWork work = capture().capture(find);
        assertTrue(work.calls().isEmpty());
        assertEquals("not SQL, and no runner that counts its statements", work.note().orElseThrow());
    }
}
