package io.querygov.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.Outcome;
import io.querygov.core.QueryExecution;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.core.SqlFingerprint;
import io.querygov.core.StatementLanguage;
import io.querygov.orm.model.AppUser;
import io.querygov.orm.model.Project;
import io.querygov.orm.model.Task;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.SQLGrammarException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TrackedSessionTest {
    @RegisterExtension
    static final TestFactories factories = TestFactories.projects();

    private static final TestFactories.Executions executions = new TestFactories.Executions();
    private static SessionFactory sessionFactory;

    @BeforeAll
    static void buildFactory() {
        HibernateTracking tracking = HibernateTracking.create(QueryTracker.create(executions));
        sessionFactory = factories.build(tracking);
    }

    @BeforeEach
    void forgetEarlierExecutions() {
        executions.clear();
    }

    @Test
    void findIsTrackedAsFindWithTheGeneratedSql() {
        Project project;
        try (Session session = sessionFactory.openSession()) {
            project = session.find(Project.class, 1L);
        }
        assertEquals("project 1", project.getName());
        QueryExecution e = executions.only();
        assertEquals("find:Project", e.name());
        assertEquals(QueryType.ORM_SIMPLE, e.type());
        assertEquals(1, e.rows());
        assertEquals(Outcome.SUCCESS, e.outcome());
        assertEquals(StatementLanguage.SQL, e.query().language());
        String sql = e.query().statement().orElseThrow();
        assertTrue(sql.startsWith("select") && sql.contains("from project"), sql);
    }

    @Test
    void findOfAMissingRowCountsNoRows() {
        try (Session session = sessionFactory.openSession()) {
            assertNull(session.find(Project.class, 999L));
        }
        assertEquals("find:Project", executions.only().name());
        assertEquals(0, executions.only().rows());
    }

    @Test
    void hqlIsNamedByTheFingerprintOfItsHql() {
        List<Project> projects;
        String hql = "from Project p where p.name like :n order by p.id";
        try (Session session = sessionFactory.openSession()) {
            projects = session.createSelectionQuery(hql, Project.class)
                    .setParameter("n", "project 1%").getResultList();
        }
        assertEquals(4, projects.size()); // project 1, 10, 11, 12
        QueryExecution e = executions.only();
        // by what the application wrote, so that paging it or adding a column to Project keeps the name
        assertEquals("hql:" + SqlFingerprint.of(hql).id(), e.name());
        assertEquals(4, e.rows());
        assertEquals(QueryType.ORM_SIMPLE, e.type());
    }

    @Test
    void criteriaIsNamedCriteria() {
        List<AppUser> users;
        try (Session session = sessionFactory.openSession()) {
            CriteriaBuilder cb = session.getCriteriaBuilder();
            CriteriaQuery<AppUser> q = cb.createQuery(AppUser.class);
            Root<AppUser> u = q.from(AppUser.class);
            q.select(u).where(cb.equal(u.get("name"), "bob"));
            users = session.createQuery(q).getResultList();
        }
        assertEquals(1, users.size());
        QueryExecution e = executions.only();
        assertEquals("criteria:" + e.query().fingerprint().orElseThrow().id(), e.name());
        assertEquals(1, e.rows());
    }

    @Test
    void namedQueriesKeepTheirNames() {
        List<Project> projects;
        List<?> counts;
        try (Session session = sessionFactory.openSession()) {
            projects = session.createNamedQuery("Project.byOwner", Project.class).setParameter("ownerId", 1L)
                    .getResultList();
            counts = session.createNamedQuery("Project.countByOwner").setParameter("ownerId", 1L).getResultList();
        }
        assertEquals(12, projects.size());
        assertEquals(1, counts.size());
        assertEquals(List.of("Project.byOwner", "Project.countByOwner"), executions.names());
        assertEquals(12, executions.all().get(0).rows());
        assertEquals(1, executions.all().get(1).rows());
    }

    @Test
    void nativeQueriesAreNamedNative() {
        List<?> rows;
        try (Session session = sessionFactory.openSession()) {
            rows = session.createNativeQuery("select id, name from app_user where id <= :max order by id", Object[].class)
                    .setParameter("max", 2).getResultList();
        }
        assertEquals(2, rows.size());
        QueryExecution e = executions.only();
        assertEquals("native:" + SqlFingerprint.of("select id, name from app_user where id <= ? order by id").id(),
                e.name());
        assertEquals(2, e.rows());
    }

    @Test
    void lazyLoadsAreNamedAfterTheAssociation() {
        try (Session session = sessionFactory.openSession()) {
            Project project = session.find(Project.class, 2L);
            assertEquals(3, project.getTasks().size());
            assertEquals("ada", project.getOwner().getName());
        }
        assertEquals(List.of("find:Project", "load:Project.tasks", "load:AppUser"), executions.names());
        assertEquals(List.of(1L, 3L, 1L), executions.all().stream().map(QueryExecution::rows).toList());
    }

    @Test
    void referencesLoadWhenFirstUsedAndRefreshReloads() {
        try (Session session = sessionFactory.openSession()) {
            AppUser reference = session.getReference(AppUser.class, 3L);
            assertEquals(List.of(), executions.names());
            assertEquals("cy", reference.getName());
            Project project = session.find(Project.class, 6L);
            session.refresh(project);
        }
        assertEquals(List.of("load:AppUser", "find:Project", "load:Project"), executions.names());
    }

    @Test
    void persistMergeRemoveAndFlushAreNamedAfterTheEntity() {
        Long id;
        try (Session session = sessionFactory.openSession()) {
            session.beginTransaction();
            AppUser owner = session.getReference(AppUser.class, 2L);
            Project project = new Project("fresh", owner, Map.of("color", "teal", "limits", Map.of("tasks", 5)));
            session.persist(project);
            id = project.getId();
            session.flush();
            project.setName("renamed");
            session.flush();
            session.remove(project);
            session.getTransaction().commit();
        }
        assertEquals(List.of("insert:Project", "update:Project", "delete:Project"), executions.names());
        assertEquals(List.of(1L, 1L, 1L), executions.all().stream().map(QueryExecution::rows).toList());
        assertTrue(id > 12);

        executions.clear();
        Project detached;
        try (Session session = sessionFactory.openSession()) {
            detached = session.find(Project.class, 3L);
        }
        detached.setName("merged");
        try (Session session = sessionFactory.openSession()) {
            session.beginTransaction();
            session.merge(detached);
            session.getTransaction().commit();
        }
        assertEquals("find:Project", executions.names().get(0));
        assertEquals("update:Project", executions.names().get(executions.names().size() - 1));
    }

    @Test
    void jsonbColumnsMapThroughHibernateJsonSupport() {
        Long id;
        Map<String, Object> settings = Map.of("color", "teal", "limits", Map.of("tasks", 5), "archived", false);
        try (Session session = sessionFactory.openSession()) {
            session.beginTransaction();
            Project p = new Project("json", session.getReference(AppUser.class, 3L), settings);
            session.persist(p);
            id = p.getId();
            session.getTransaction().commit();
        }
        try (Session session = sessionFactory.openSession()) {
            assertEquals(settings, session.find(Project.class, id).getSettings());
            String type = session.createNativeQuery("select jsonb_typeof(settings -> 'limits') from project where id = :id",
                    String.class).setParameter("id", id).getSingleResult();
            assertEquals("object", type);
            assertEquals(Map.of("rank", 4), session.find(Project.class, 4L).getSettings());
        }
    }

    @Test
    void hqlAndNamedMutationsCountTheRowsTheyChange() {
        int updated;
        int renamed;
        try (Session session = sessionFactory.openSession()) {
            session.beginTransaction();
            updated = session.createMutationQuery("update Task t set t.done = true where t.project.id = :p")
                    .setParameter("p", 5L).executeUpdate();
            renamed = session.createNamedMutationQuery("Project.rename").setParameter("name", "five")
                    .setParameter("id", 5L).executeUpdate();
            session.getTransaction().rollback();
        }
        assertEquals(3, updated);
        assertEquals(1, renamed);
        List<QueryExecution> all = executions.all();
        assertEquals(2, all.size());
        assertTrue(all.get(0).name().startsWith("hql:"), all.get(0).name());
        assertEquals(3, all.get(0).rows());
        assertEquals("Project.rename", all.get(1).name());
        assertEquals(1, all.get(1).rows());
    }

    @Test
    void hibernateExceptionsReachTheCallerUnchangedAndAreRecordedAsErrors() {
        ConstraintViolationException duplicate;
        try (Session session = sessionFactory.openSession()) {
            session.beginTransaction();
            // an IDENTITY id is generated by the insert itself, so persist runs it at once
            duplicate = assertThrows(ConstraintViolationException.class,
                    () -> session.persist(new AppUser("ada again", "ada@example.org")));
            session.getTransaction().rollback();
        }
        assertEquals("23505", duplicate.getSQLState());
        QueryExecution failed = executions.only();
        assertEquals("insert:AppUser", failed.name());
        assertEquals(Outcome.ERROR, failed.outcome());
        assertEquals("org.postgresql.util.PSQLException", failed.errorClass());

        executions.clear();
        try (Session session = sessionFactory.openSession()) {
            assertThrows(SQLGrammarException.class,
                    () -> session.createNativeQuery("select * from no_such_table", Object[].class).getResultList());
        }
        assertTrue(executions.only().isError());
        assertInstanceOf(String.class, executions.only().errorClass());
    }

    @Test
    void untrackedFactoriesAreLeftAlone() throws Exception {
        try (TestFactories plain = factories.onTheSameDatabase()) {
            SessionFactory untracked = plain.build(null);
            try (Session session = untracked.openSession()) {
                assertEquals("bob", session.find(AppUser.class, 2L).getName());
            }
        }
        assertFalse(executions.all().stream().anyMatch(e -> e.name().equals("find:AppUser")));
    }
}
