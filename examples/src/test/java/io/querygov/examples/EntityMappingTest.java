package io.querygov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.examples.model.JobStatus;
import io.querygov.examples.model.Project;
import io.querygov.examples.model.ProjectSettings;
import io.querygov.examples.model.ReconciliationJob;
import io.querygov.examples.model.User;
import io.querygov.examples.model.Visualization;
import io.querygov.examples.model.Workflow;
import io.querygov.testing.PostgresExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.hibernate.Hibernate;
import org.hibernate.SessionFactory;
import org.hibernate.query.Query;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EntityMappingTest {

    @RegisterExtension
    static PostgresExtension pg = ExamplePostgres.withData(0.01);

    private static SessionFactory sessions;

    @BeforeAll
    static void buildSessionFactory() {
        // validate: Hibernate compares every mapped column with the live schema and refuses to start on a mismatch
        sessions = ExampleDatabase.sessionFactory(pg.dataSource(), Map.of("hibernate.hbm2ddl.auto", "validate"));
    }

    @AfterAll
    static void close() {
        sessions.close();
    }

    @Test
    void findsEveryEntityWithItsColumns() throws SQLException {
        Row job;
        try (Connection connection = pg.openConnection()) {
            Db.execute(connection, "SET TimeZone = 'UTC'");
            job = new Row(Db.strings(connection, "SELECT concat_ws('|', j.id, j.project_id, j.workflow_id, "
                    + "p.owner_id, j.status, j.duration_ms, j.created_at, v.id) FROM reconciliation_jobs j "
                    + "JOIN projects p ON p.id = j.project_id "
                    + "JOIN visualizations v ON v.project_id = p.id "
                    + "WHERE j.status = 'failed' ORDER BY j.id, v.id LIMIT 1").get(0).split("\\|"));
        }
        sessions.inSession(session -> {
            ReconciliationJob found = session.find(ReconciliationJob.class, Long.parseLong(job.get(0)));
            assertEquals(JobStatus.FAILED, found.getStatus());
            assertEquals(Long.parseLong(job.get(5)), found.getDurationMs());
            assertNotNull(found.getError());
            assertFalse(Hibernate.isInitialized(found.getProject()), "project is lazy");
            assertEquals(UUID.fromString(job.get(1)), found.getProject().getId());

            Project project = session.find(Project.class, UUID.fromString(job.get(1)));
            assertEquals(UUID.fromString(job.get(3)), project.getOwner().getId());
            User owner = session.find(User.class, UUID.fromString(job.get(3)));
            assertTrue(owner.getEmail().endsWith("@example.com"), owner.getEmail());
            Workflow workflow = session.find(Workflow.class, UUID.fromString(job.get(2)));
            assertEquals(project, workflow.getProject());
            Visualization visualization = session.find(Visualization.class, UUID.fromString(job.get(7)));
            assertEquals(project, visualization.getProject());
        });
    }

    @Test
    void namedQueriesFindWhatSqlFinds() throws SQLException {
        UUID owner;
        UUID project;
        List<String> projectsOfOwner;
        List<String> workflowsOfProject;
        List<String> visualizationsOfProject;
        List<String> recentJobs;
        long jobsOfOwnerSince;
        String email;
        try (Connection connection = pg.openConnection()) {
            project = UUID.fromString(Db.strings(connection, "SELECT project_id FROM reconciliation_jobs "
                    + "GROUP BY project_id ORDER BY count(*) DESC, project_id LIMIT 1").get(0));
            owner = UUID.fromString(Db.strings(connection,
                    "SELECT owner_id FROM projects WHERE id = '" + project + "'").get(0));
            email = Db.strings(connection, "SELECT email FROM users WHERE id = '" + owner + "'").get(0);
            projectsOfOwner = Db.strings(connection, "SELECT id FROM projects WHERE owner_id = '" + owner
                    + "' ORDER BY created_at, id");
            workflowsOfProject = Db.strings(connection, "SELECT id FROM workflows WHERE project_id = '" + project
                    + "' ORDER BY name, id");
            visualizationsOfProject = Db.strings(connection, "SELECT id FROM visualizations WHERE project_id = '"
                    + project + "' ORDER BY id");
            recentJobs = Db.strings(connection, "SELECT id FROM reconciliation_jobs WHERE project_id = '" + project
                    + "' ORDER BY created_at DESC, id DESC LIMIT 10");
            jobsOfOwnerSince = Db.number(connection, "SELECT count(*) FROM reconciliation_jobs j JOIN projects p "
                    + "ON p.id = j.project_id WHERE p.owner_id = '" + owner + "' AND j.created_at >= '2024-12-01Z'");
        }
        sessions.inSession(session -> {
            assertEquals(owner, session.createNamedQuery(User.BY_EMAIL, User.class)
                    .setParameter("email", email).getSingleResult().getId());

            Project withOwner = session.createNamedQuery(Project.BY_ID_WITH_OWNER, Project.class)
                    .setParameter("id", project).getSingleResult();
            assertTrue(Hibernate.isInitialized(withOwner.getOwner()), "owner fetched with the project");
            assertEquals(email, withOwner.getOwner().getEmail());

            assertEquals(projectsOfOwner, ids(session.createNamedQuery(Project.BY_OWNER, Project.class)
                    .setParameter("ownerId", owner).getResultList().stream().map(Project::getId)));
            assertEquals(workflowsOfProject, ids(session.createNamedQuery(Workflow.BY_PROJECT, Workflow.class)
                    .setParameter("projectId", project).getResultList().stream().map(Workflow::getId)));
            assertEquals(visualizationsOfProject, ids(session.createNamedQuery(Visualization.BY_PROJECT,
                    Visualization.class).setParameter("projectId", project).getResultList().stream()
                    .map(Visualization::getId).sorted(Comparator.comparing(UUID::toString))));
            assertEquals(recentJobs, ids(session.createNamedQuery(ReconciliationJob.RECENT_OF_PROJECT,
                    ReconciliationJob.class).setParameter("projectId", project).setMaxResults(10)
                    .getResultList().stream().map(ReconciliationJob::getId)));

            List<ReconciliationJob> ofOwner = session.createNamedQuery(ReconciliationJob.RECENT_OF_OWNER,
                    ReconciliationJob.class).setParameter("ownerId", owner)
                    .setParameter("since", Instant.parse("2024-12-01T00:00:00Z")).getResultList();
            assertEquals(jobsOfOwnerSince, ofOwner.size());
            assertTrue(ofOwner.stream().allMatch(j -> Hibernate.isInitialized(j.getWorkflow())
                    && Hibernate.isInitialized(j.getProject().getOwner())), "project, owner and workflow fetched");
        });
        sessions.inSession(session -> {
            Project details = session.createNamedQuery(Project.BY_ID_WITH_DETAILS, Project.class)
                    .setParameter("id", project).getSingleResult();
            assertTrue(Hibernate.isInitialized(details.getWorkflows()));
            assertTrue(Hibernate.isInitialized(details.getVisualizations()));
            assertEquals(Set.copyOf(workflowsOfProject), details.getWorkflows().stream()
                    .map(w -> w.getId().toString()).collect(Collectors.toSet()));
            assertEquals(Set.copyOf(visualizationsOfProject), details.getVisualizations().stream()
                    .map(v -> v.getId().toString()).collect(Collectors.toSet()));
        });
    }

    @Test
    void jsonDocumentsRoundTrip() throws SQLException {
        UUID userId = UUID.randomUUID();
        UUID projectId = UUID.randomUUID();
        UUID workflowId = UUID.randomUUID();
        Instant now = Instant.parse("2025-02-03T04:05:06.789Z");
        ProjectSettings settings = new ProjectSettings("Europe/Lisbon", "EUR", 45,
                new ProjectSettings.Notifications(true, false));
        Map<String, Object> definition = Map.of("version", 5, "trigger", Map.of("type", "manual"),
                "steps", List.of(Map.of("type", "extract", "source", "bank_feed"),
                        Map.of("type", "match", "tolerance", 0.25)));
        long[] jobId = new long[1];
        sessions.inTransaction(session -> {
            User user = new User(userId, "json@example.org", "Jay Son", now);
            Project project = new Project(projectId, user, "JSON books", settings, now);
            Workflow workflow = new Workflow(workflowId, project, "round trip", definition, now);
            ReconciliationJob job = new ReconciliationJob(workflow, now);
            job.start();
            job.finish(now.plusSeconds(3), Duration.ofSeconds(3), null);
            session.persist(user);
            session.persist(project);
            session.persist(workflow);
            session.persist(job);
            session.flush();
            jobId[0] = job.getId();
        });
        try (Connection connection = pg.openConnection()) {
            assertEquals(List.of("t"), Db.strings(connection, "SELECT settings = '{\"currency\": \"EUR\", "
                    + "\"timezone\": \"Europe/Lisbon\", \"retentionDays\": 45, "
                    + "\"notifications\": {\"email\": true, \"slack\": false}}'::jsonb "
                    + "FROM projects WHERE id = '" + projectId + "'"));
            assertEquals(List.of("0.25"), Db.strings(connection, "SELECT definition #>> '{steps,1,tolerance}' "
                    + "FROM workflows WHERE id = '" + workflowId + "'"));
            assertEquals(List.of("completed|3000"), Db.strings(connection,
                    "SELECT status || '|' || duration_ms FROM reconciliation_jobs WHERE id = " + jobId[0]));
        }
        sessions.inSession(session -> {
            assertEquals(settings, session.find(Project.class, projectId).getSettings());
            assertEquals(definition, session.find(Workflow.class, workflowId).getDefinition());
            assertEquals(JobStatus.COMPLETED, session.find(ReconciliationJob.class, jobId[0]).getStatus());
        });
        sessions.inTransaction(session -> {
            Project project = session.find(Project.class, projectId);
            project.setSettings(new ProjectSettings("UTC", "USD", 90, new ProjectSettings.Notifications(false, true)));
        });
        try (Connection connection = pg.openConnection()) {
            assertEquals(List.of("USD"), Db.strings(connection,
                    "SELECT settings->>'currency' FROM projects WHERE id = '" + projectId + "'"));
        }
    }

    @Test
    void entitiesAreEqualByClassAndAssignedId() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.parse("2025-02-03T04:05:06Z");
        User user = new User(id, "same@example.org", "Same", now);
        Project project = new Project(id, user, "Same", new ProjectSettings("UTC", "EUR", 30,
                new ProjectSettings.Notifications(true, true)), now);
        assertEquals(user, new User(id, "renamed@example.org", "Renamed", now.plusSeconds(1)));
        assertEquals(user.hashCode(), new User(id, "renamed@example.org", "Renamed", now).hashCode());
        assertNotEquals(user, project, "a user and a project that share an id");
        assertNotEquals(project, new Project(UUID.randomUUID(), user, "Same", project.getSettings(), now));
        assertEquals("Project[" + id + ", Same]", project.toString());
        assertEquals("User[" + id + ", same@example.org]", user.toString());
    }

    @Test
    void complexNamedQueriesJoinThreeTablesAndSimpleOnesFewer() {
        List<String> statements = new CopyOnWriteArrayList<>();
        StatementInspector inspector = sql -> {
            statements.add(sql);
            return sql;
        };
        UUID id = UUID.randomUUID();
        Instant since = Instant.parse("2024-01-01T00:00:00Z");
        Map<String, Integer> joins = new LinkedHashMap<>();
        try (SessionFactory inspected = ExampleDatabase.sessionFactory(pg.dataSource(),
                Map.of("hibernate.session_factory.statement_inspector", inspector))) {
            inspected.inSession(session -> {
                Map<String, Query<?>> queries = new LinkedHashMap<>();
                queries.put(User.BY_EMAIL,
                        session.createNamedQuery(User.BY_EMAIL, User.class).setParameter("email", "x"));
                queries.put(Project.BY_ID_WITH_OWNER,
                        session.createNamedQuery(Project.BY_ID_WITH_OWNER, Project.class).setParameter("id", id));
                queries.put(Project.BY_OWNER,
                        session.createNamedQuery(Project.BY_OWNER, Project.class).setParameter("ownerId", id));
                queries.put(Workflow.BY_PROJECT,
                        session.createNamedQuery(Workflow.BY_PROJECT, Workflow.class).setParameter("projectId", id));
                queries.put(Visualization.BY_PROJECT,
                        session.createNamedQuery(Visualization.BY_PROJECT, Visualization.class)
                                .setParameter("projectId", id));
                queries.put(ReconciliationJob.RECENT_OF_PROJECT,
                        session.createNamedQuery(ReconciliationJob.RECENT_OF_PROJECT, ReconciliationJob.class)
                                .setParameter("projectId", id));
                queries.put(Project.BY_ID_WITH_DETAILS,
                        session.createNamedQuery(Project.BY_ID_WITH_DETAILS, Project.class).setParameter("id", id));
                queries.put(ReconciliationJob.RECENT_OF_OWNER,
                        session.createNamedQuery(ReconciliationJob.RECENT_OF_OWNER, ReconciliationJob.class)
                                .setParameter("ownerId", id).setParameter("since", since));
                queries.forEach((name, query) -> {
                    statements.clear();
                    query.getResultList();
                    assertEquals(1, statements.size(), name);
                    joins.put(name, statements.get(0).split("(?i)\\bjoin\\b", -1).length - 1);
                });
            });
        }
        assertEquals(Map.of(User.BY_EMAIL, 0, Project.BY_ID_WITH_OWNER, 1, Project.BY_OWNER, 0,
                Workflow.BY_PROJECT, 0, Visualization.BY_PROJECT, 0, ReconciliationJob.RECENT_OF_PROJECT, 0,
                Project.BY_ID_WITH_DETAILS, 3, ReconciliationJob.RECENT_OF_OWNER, 3), joins);
    }

    private static List<String> ids(Stream<?> ids) {
        return ids.map(Object::toString).toList();
    }

    private record Row(String[] columns) {
        String get(int i) {
            return columns[i];
        }
    }
}
