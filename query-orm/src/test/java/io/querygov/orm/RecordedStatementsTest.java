package io.querygov.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryType;
import io.querygov.core.SqlFingerprint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordedStatementsTest {
    private static final String BY_ID = "select * from task t where t.project_id = ?";
    private static final String BATCH = "select * from task t where t.project_id = any(?)";

    private static RecordedStatement statement(String name, String sql, long unit) {
        SqlFingerprint fp = SqlFingerprint.of(sql);
        return new RecordedStatement(name, QueryType.ORM_SIMPLE, sql, fp, 3, false, true,
                fp.normalized().contains("any(?)") || fp.normalized().contains("any (?)"), unit);
    }

    private static List<RecordedStatement> repeated(String name, String sql, int times, long unit) {
        List<RecordedStatement> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.add(statement(name, sql, unit));
        }
        return out;
    }

    @Test
    void atMostAndCountListEveryStatementWhenTheyFail() {
        RecordedStatements recorded = new RecordedStatements(repeated("load:Project.tasks", BY_ID, 3, 1), 10);
        recorded.assertAtMost(3).assertCount(3);
        AssertionError e = assertThrows(AssertionError.class, () -> recorded.assertAtMost(2));
        assertTrue(e.getMessage().startsWith("Expected at most 2 statements, 3 ran:"), e.getMessage());
        assertTrue(e.getMessage().contains("3. load:Project.tasks [ORM_SIMPLE, 3 rows]"), e.getMessage());
        assertThrows(AssertionError.class, () -> recorded.assertCount(4));
    }

    @Test
    void nPlusOneIsARepeatedSingleKeyReadWithinOneUnitOfWork() {
        List<RecordedStatement> all = new ArrayList<>(repeated("load:Project.tasks", BY_ID, 4, 1));
        RecordedStatements recorded = new RecordedStatements(all, 10);
        recorded.assertNoNPlusOne();
        AssertionError e = assertThrows(AssertionError.class, () -> recorded.assertNoNPlusOne(3));
        assertTrue(e.getMessage().contains("load:Project.tasks ran 4 times"), e.getMessage());
        assertEquals(List.of(new RecordedStatements.Repetition("load:Project.tasks", SqlFingerprint.of(BY_ID), 4)),
                recorded.repetitions(3));
    }

    @Test
    void batchFetchesAndSeparateUnitsOfWorkAreNotNPlusOne() {
        List<RecordedStatement> all = new ArrayList<>(repeated("load:Project.tasks", BATCH, 5, 1));
        for (long unit = 2; unit < 7; unit++) {
            all.add(statement("find:Task", BY_ID, unit));
        }
        RecordedStatements recorded = new RecordedStatements(all, 10);
        recorded.assertNoNPlusOne(1);
        assertEquals(5, recorded.count("find:Task"));
        assertEquals(10, recorded.size());
    }
}
