package io.querygov.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryTracker;
import io.querygov.orm.model.Project;
import io.querygov.orm.model.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NPlusOneTest {
    @RegisterExtension
    static final TestFactories factories = TestFactories.projects();

    private static final String PROJECTS = "from Project p where p.owner.id = 1 order by p.id";

    private static final List<NPlusOneEvent> events = new ArrayList<>();
    private static HibernateTracking tracking;
    private static SessionFactory plain;
    private static SessionFactory batched;

    @BeforeAll
    static void build() {
        tracking = HibernateTracking.builder(QueryTracker.create()).nPlusOneThreshold(10)
                .nPlusOneListener(events::add).build();
        plain = factories.build(tracking);
        batched = factories.build(tracking, s -> s.put(AvailableSettings.DEFAULT_BATCH_FETCH_SIZE, 4));
    }

    /** Loads user 1's 12 projects, then walks each one's tasks: 1 query, then 12 lazy loads. */
    private static int walkTasks(SessionFactory sf) {
        int tasks = 0;
        try (Session session = sf.openSession()) {
            session.beginTransaction();
            for (Project p : session.createSelectionQuery(PROJECTS, Project.class).getResultList()) {
                tasks += p.getTasks().size();
            }
            session.getTransaction().commit();
        }
        return tasks;
    }

    @Test
    void repeatedLazyLoadsRaiseOneEventNamingTheShapeCountAndCause() {
        events.clear();
        RecordedStatements recorded = tracking.record(() -> assertEquals(36, walkTasks(plain)));

        assertEquals(1, events.size(), events.toString());
        NPlusOneEvent event = events.get(0);
        assertEquals("load:Project.tasks", event.queryName());
        assertEquals(11, event.executions());
        assertEquals(10, event.threshold());
        String projectsQuery = recorded.names().get(0);
        assertTrue(projectsQuery.startsWith("hql:"), projectsQuery);
        assertEquals(projectsQuery, event.triggeredBy());
        assertTrue(event.shape().normalized().contains("from task"), event.shape().normalized());
        assertTrue(event.message().startsWith("N+1: load:Project.tasks ran 11 times in one unit of work (more than 10),"
                + " triggered by " + projectsQuery), event.message());

        assertEquals(13, recorded.size());
        assertEquals(12, recorded.count("load:Project.tasks"));
        recorded.assertNoNPlusOne(12);
        AssertionError failure = assertThrows(AssertionError.class, recorded::assertNoNPlusOne);
        assertTrue(failure.getMessage().contains("load:Project.tasks ran 12 times"), failure.getMessage());
    }

    @Test
    void batchFetchingIsNotNPlusOne() {
        events.clear();
        RecordedStatements recorded = tracking.record(() -> assertEquals(36, walkTasks(batched)));
        assertEquals(List.of(), events);
        // one query for the projects, then 12 collections 4 at a time
        assertEquals(4, recorded.size(), recorded.toString());
        assertEquals(3, recorded.count("load:Project.tasks"));
        assertTrue(recorded.statements().get(1).batchFetch());
        recorded.assertNoNPlusOne(1).assertAtMost(4);
    }

    @Test
    void inListsRunInALoopAreNotNPlusOne() {
        events.clear();
        try (Session session = plain.openSession()) {
            for (int i = 0; i < 12; i++) {
                List<Task> tasks = session.createSelectionQuery("from Task t where t.project.id in :ids", Task.class)
                        .setParameterList("ids", List.of(1L, 2L, 3L).subList(0, 1 + i % 3)).getResultList();
                assertEquals(3 * (1 + i % 3), tasks.size());
            }
        }
        assertEquals(List.of(), events);
    }

    @Test
    void eachSessionIsItsOwnUnitOfWork() {
        events.clear();
        RecordedStatements recorded = tracking.record(() -> {
            for (long id = 1; id <= 12; id++) {
                try (Session session = plain.openSession()) {
                    session.find(Project.class, id);
                }
            }
        });
        assertEquals(List.of(), events);
        assertEquals(12, recorded.count("find:Project"));
        recorded.assertNoNPlusOne(1);
    }

    @Test
    void lazyLoadsOutsideATransactionShareTheSessionsUnitOfWork() {
        events.clear();
        try (Session session = plain.openSession()) {
            for (Project p : session.createSelectionQuery(PROJECTS, Project.class).getResultList()) {
                p.getTasks().size();
            }
        }
        assertEquals(1, events.size());
        assertEquals("load:Project.tasks", events.get(0).queryName());
    }

    @Test
    void findInALoopWithinOneSessionIsNPlusOne() {
        events.clear();
        try (Session session = plain.openSession()) {
            for (long id = 1; id <= 12; id++) {
                session.find(Project.class, id);
            }
        }
        assertEquals(1, events.size());
        assertEquals("find:Project", events.get(0).queryName());
        assertEquals("find:Project", events.get(0).triggeredBy());
    }

    @Test
    void theThrowingListenerFailsAtTheLineThatCausedIt() throws Exception {
        try (TestFactories strict = factories.onTheSameDatabase()) {
            HibernateTracking throwing = HibernateTracking.builder(QueryTracker.create()).nPlusOneThreshold(3)
                    .nPlusOneListener(NPlusOneListener.THROW).build();
            SessionFactory sf = strict.build(throwing);
            int[] lazyLoadLine = new int[1];
            NPlusOneException e = assertThrows(NPlusOneException.class, () -> {
                try (Session session = sf.openSession()) {
                    for (Project p : session.createSelectionQuery(PROJECTS, Project.class).getResultList()) {
                        // both on one line: the frame of the lazy load then carries the recorded line number
                        lazyLoadLine[0] = new Throwable().getStackTrace()[0].getLineNumber(); p.getTasks().size();
                    }
                }
            });
            assertEquals("load:Project.tasks", e.event().queryName());
            assertEquals(4, e.event().executions());
            assertTrue(e.getMessage().startsWith("N+1: load:Project.tasks ran 4 times"), e.getMessage());
            StackTraceElement caller = Arrays.stream(e.getStackTrace())
                    .filter(f -> f.getClassName().equals(NPlusOneTest.class.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError("no frame of the test", e));
            assertEquals(lazyLoadLine[0], caller.getLineNumber(), caller::toString);
        }
    }
}
