package io.querygov.raw.jdbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.Outcome;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryExecution;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.core.SqlFingerprint;
import io.querygov.raw.SqlFileLoader;
import io.querygov.testing.PostgresExtension;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueryTrackingPluginTest {
    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(Fixtures.SCHEMA, Fixtures.JOBS, Fixtures.ROWS);

    static final QueryCatalog CATALOG = SqlFileLoader.create().classpath("sql-jdbi").load();

    private final RecordingListener recorded = new RecordingListener();
    private Jdbi jdbi;

    public record ProjectRow(int id, String name, int budget) {
    }

    @RegisterConstructorMapper(ProjectRow.class)
    public interface ProjectDao {
        @SqlQuery("SELECT id, name, budget FROM projects ORDER BY id")
        List<ProjectRow> all();

        @SqlQuery("SELECT id, name, budget FROM projects WHERE id = :id")
        Optional<ProjectRow> byId(@Bind("id") int id);

        @SqlQuery("SELECT id, name, budget FROM projects ORDER BY id")
        @TrackAs(QueryType.RAW_SQL_BULK)
        List<ProjectRow> exportAll();

        @SqlUpdate("UPDATE projects SET budget = budget WHERE budget >= :min")
        int touch(@Bind("min") int min);

        @SqlBatch("INSERT INTO projects (id, name, budget) VALUES (:id, :name, 0)")
        int[] insert(@Bind("id") List<Integer> ids, @Bind("name") List<String> names);
    }

    @BeforeEach
    void setUp() {
        jdbi = Jdbi.create(pg.dataSource())
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(QueryTrackingPlugin.create(QueryTracker.create(recorded), CATALOG));
    }

    @Test
    void registryStatementsAreTrackedByTheirNameWithMappedRows() {
        NamedQueries queries = NamedQueries.create(jdbi, CATALOG);
        List<ProjectRow> rows = queries.list("projects_over_budget", Map.of("min_budget", 150), ProjectRow.class);

        assertEquals(List.of(2, 3, 4), rows.stream().map(ProjectRow::id).toList());
        QueryExecution e = recorded.only();
        assertEquals("projects_over_budget", e.name());
        assertEquals(QueryType.RAW_SQL_ANALYTICS, e.type());
        assertEquals(3, e.rows());
        assertEquals(Outcome.SUCCESS, e.outcome());
        assertEquals(CATALOG.get("projects_over_budget"), e.query());
    }

    @Test
    void registrySqlRunThroughPlainJdbiIsTrackedByNameToo() {
        String sql = CATALOG.get("project_by_name").statement().orElseThrow();
        String name = jdbi.withHandle(h -> h.createQuery(sql).bind("name", "gamma").mapToMap().one().get("name").toString());

        assertEquals("gamma", name);
        assertEquals("project_by_name", recorded.only().name());
        assertEquals(1, recorded.only().rows());
    }

    @Test
    void sqlObjectMethodsAreTrackedAsInterfaceDotMethodWithTypedRecords() {
        List<ProjectRow> all = jdbi.withExtension(ProjectDao.class, ProjectDao::all);
        Optional<ProjectRow> two = jdbi.withExtension(ProjectDao.class, dao -> dao.byId(2));

        assertEquals(new ProjectRow(1, "alpha", 100), all.get(0));
        assertEquals(Optional.of(new ProjectRow(2, "beta", 200)), two);
        List<QueryExecution> e = recorded.executions();
        assertEquals(List.of("ProjectDao.all", "ProjectDao.byId"), e.stream().map(QueryExecution::name).toList());
        assertEquals(List.of(4L, 1L), e.stream().map(QueryExecution::rows).toList());
        assertEquals(QueryType.RAW_SQL_ANALYTICS, e.get(0).type());
        assertEquals(Optional.of(ProjectDao.class.getName() + "#all"), e.get(0).query().origin());
    }

    @Test
    void theAnnotationOverridesTheInferredType() {
        jdbi.useExtension(ProjectDao.class, ProjectDao::exportAll);
        assertEquals("ProjectDao.exportAll", recorded.only().name());
        assertEquals(QueryType.RAW_SQL_BULK, recorded.only().type());
    }

    @Test
    void updatesCountTheRowsTheyChanged() {
        int changed = jdbi.withExtension(ProjectDao.class, dao -> dao.touch(200));
        assertEquals(3, changed);
        assertEquals("ProjectDao.touch", recorded.only().name());
        assertEquals(QueryType.RAW_SQL_BULK, recorded.only().type());
        assertEquals(3, recorded.only().rows());
    }

    @Test
    void batchesCountTheSumOfTheirUpdateCounts() {
        jdbi.useTransaction(h -> {
            int[] counts = h.attach(ProjectDao.class).insert(List.of(10, 11, 12), List.of("x", "y", "z"));
            assertEquals(3, counts.length);
            int[] fluent = h.prepareBatch("INSERT INTO projects (id, name, budget) VALUES (:id, 'w', 0)")
                    .bind("id", 20).add().bind("id", 21).add().execute();
            assertEquals(2, fluent.length);
            h.rollback();
        });
        List<QueryExecution> e = recorded.executions();
        assertEquals("ProjectDao.insert", e.get(0).name());
        assertEquals(QueryType.RAW_SQL_BULK, e.get(0).type());
        assertEquals(3, e.get(0).rows());
        assertTrue(e.get(1).name().startsWith(QueryDescriptor.ADHOC_PREFIX), e.get(1).name());
        assertEquals(2, e.get(1).rows());
    }

    @Test
    void plainBatchesAreTrackedAsOneExecution() {
        jdbi.useTransaction(h -> {
            h.createBatch()
                    .add("UPDATE projects SET budget = budget WHERE id = 1")
                    .add("UPDATE projects SET budget = budget WHERE id > 1")
                    .execute();
            h.rollback();
        });
        QueryExecution e = recorded.only();
        assertEquals(QueryType.RAW_SQL_BULK, e.type());
        assertEquals(4, e.rows());
        assertEquals(QueryDescriptor.ADHOC_PREFIX + SqlFingerprint.of(
                "UPDATE projects SET budget = budget WHERE id = 1;\nUPDATE projects SET budget = budget WHERE id > 1").id(), e.name());
    }

    @Test
    void anythingElseIsAdhocNamedByItsFingerprint() {
        jdbi.useHandle(h -> {
            h.createQuery("SELECT name FROM projects WHERE budget > 150").mapTo(String.class).list();
            h.createQuery("SELECT name FROM projects WHERE budget > 350").mapTo(String.class).list();
        });
        List<QueryExecution> e = recorded.executions();
        String expected = QueryDescriptor.ADHOC_PREFIX + SqlFingerprint.of("SELECT name FROM projects WHERE budget > 1").id();
        assertEquals(List.of(expected, expected), e.stream().map(QueryExecution::name).toList());
        assertEquals(List.of(3L, 1L), e.stream().map(QueryExecution::rows).toList());
        assertEquals(QueryType.RAW_SQL_ANALYTICS, e.get(0).type());
    }

    @Test
    void rowsAreTheRowsMappedNotTheRowsMatched() {
        Optional<String> first = jdbi.withHandle(h -> h.createQuery("SELECT name FROM projects ORDER BY id")
                .mapTo(String.class).findFirst());
        assertEquals(Optional.of("alpha"), first);
        assertEquals(1, recorded.only().rows());
    }

    @Test
    void aFailingStatementIsRecordedAsAnErrorAndTheCallerGetsJdbisException() {
        UnableToExecuteStatementException thrown = assertThrows(UnableToExecuteStatementException.class,
                () -> jdbi.useHandle(h -> h.createQuery("SELECT no_such_column FROM projects").mapToMap().list()));
        assertTrue(thrown.getMessage().contains("no_such_column"), thrown.getMessage());
        QueryExecution e = recorded.only();
        assertTrue(e.isError());
        assertEquals("org.postgresql.util.PSQLException", e.errorClass());
        assertFalse(e.hasRowCount());
    }
}
