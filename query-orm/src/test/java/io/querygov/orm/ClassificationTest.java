package io.querygov.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.querygov.core.QueryExecution;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.orm.internal.JoinCounter;
import io.querygov.orm.model.Task;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClassificationTest {
    @RegisterExtension
    static final TestFactories factories = TestFactories.projects();

    private static final String TWO_JOINS = "select t from Task t join t.project p join p.owner o where o.name = :n";
    private static final String THREE_JOINS =
            "select t from Task t join t.project p join p.owner o join t.assignee a where o.name = :n and a.name = :n";

    private static QueryExecution run(SessionFactory sf, TestFactories.Executions executions, String hql) {
        executions.clear();
        List<Task> tasks;
        try (Session session = sf.openSession()) {
            tasks = session.createSelectionQuery(hql, Task.class).setParameter("n", "ada").getResultList();
        }
        QueryExecution e = executions.only();
        assertEquals(tasks.size(), e.rows());
        return e;
    }

    @Test
    void twoJoinsAreSimpleAndThreeAreComplex() {
        TestFactories.Executions executions = new TestFactories.Executions();
        SessionFactory sf = factories.build(HibernateTracking.create(QueryTracker.create(executions)));

        QueryExecution two = run(sf, executions, TWO_JOINS);
        assertEquals(2, JoinCounter.count(two.query().statement().orElseThrow()));
        assertEquals(QueryType.ORM_SIMPLE, two.type());
        assertEquals(36, two.rows());

        QueryExecution three = run(sf, executions, THREE_JOINS);
        assertEquals(3, JoinCounter.count(three.query().statement().orElseThrow()));
        assertEquals(QueryType.ORM_COMPLEX, three.type());
        assertEquals(12, three.rows());
    }

    @Test
    void theThresholdIsConfigurable() {
        TestFactories.Executions executions = new TestFactories.Executions();
        SessionFactory sf = factories.build(HibernateTracking.builder(QueryTracker.create(executions))
                .complexJoinThreshold(2).build());
        assertEquals(QueryType.ORM_COMPLEX, run(sf, executions, TWO_JOINS).type());
    }

    @Test
    void invalidSettingsAreRejectedWithTheirLimit() {
        HibernateTracking.Builder b = HibernateTracking.builder(QueryTracker.create());
        assertEquals("complexJoinThreshold must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> b.complexJoinThreshold(0)).getMessage());
        assertEquals("nPlusOneThreshold must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> b.nPlusOneThreshold(0)).getMessage());
    }
}
