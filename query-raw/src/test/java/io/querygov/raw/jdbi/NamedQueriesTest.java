package io.querygov.raw.jdbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryExecution;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.core.UnknownQueryException;
import io.querygov.raw.NamedSql;
import io.querygov.raw.ParameterBindingException;
import io.querygov.raw.SqlFileLoader;
import io.querygov.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NamedQueriesTest {
    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(Fixtures.SCHEMA, Fixtures.JOBS, Fixtures.ROWS);

    static final QueryCatalog CATALOG = SqlFileLoader.create().classpath("sql-jdbi").load();

    public record Project(int id, String name, int budget) {
    }

    public record BudgetRow(int id, String name, int budget, boolean beta, String note) {
    }

    private final RecordingListener recorded = new RecordingListener();
    private final AtomicInteger connectionsOpened = new AtomicInteger();
    private Jdbi jdbi;
    private NamedQueries queries;

    @BeforeEach
    void setUp() {
        jdbi = Jdbi.create(() -> {
            connectionsOpened.incrementAndGet();
            return pg.dataSource().getConnection();
        }).installPlugin(QueryTrackingPlugin.create(QueryTracker.create(recorded)));
        queries = NamedQueries.create(jdbi, CATALOG);
    }

    @Test
    void mapsRowsToRecordsThroughTheirConstructor() {
        List<BudgetRow> rows = queries.list("projects_over_budget", Map.of("min_budget", 250), BudgetRow.class);
        // the jsonb ? operator (does the key exist?) reached PostgreSQL intact, and :not_a_param inside $$ stayed text
        assertEquals(List.of(new BudgetRow(3, "gamma", 300, true, " :not_a_param "),
                new BudgetRow(4, "delta", 400, false, " :not_a_param ")), rows);
        List<BudgetRow> withBeta = queries.list("projects_over_budget", Map.of("min_budget", 0), BudgetRow.class);
        assertEquals(List.of(true, false, true, false), withBeta.stream().map(BudgetRow::beta).toList());
    }

    @Test
    void mapsRowsToMapsAndToSingleColumns() {
        List<Map<String, Object>> maps = queries.listMaps("project_by_name", Map.of("name", "beta"));
        assertEquals(List.of(Map.of("id", 2, "name", "beta", "budget", 200)), maps);
        assertEquals(List.of(2L), queries.list("jobs_since", Map.of("since", java.time.OffsetDateTime.parse("2024-02-01T00:00Z")), Long.class));
    }

    @Test
    void aStringForATimestamptzParameterIsParsedByPostgresql() {
        // what a benchmark's 'values: 2024-01-01, 2024-06-01' sampler hands over
        assertEquals(List.of(3L), queries.list("jobs_since", Map.of("since", "2024-01-01"), Long.class));
        assertEquals(List.of(1L), queries.list("jobs_since", Map.of("since", "2024-06-01"), Long.class));
    }

    @Test
    void updatesReturnTheirCountAndRunInTheCallersTransaction() {
        int changed = jdbi.inTransaction(h -> {
            int n = queries.update(h, "raise_budgets", Map.of("amount", 1, "min_budget", 250));
            assertEquals(List.of(new Project(3, "gamma", 301), new Project(4, "delta", 401)),
                    h.createQuery("SELECT id, name, budget FROM projects WHERE budget > 250 ORDER BY id")
                            .map(org.jdbi.v3.core.mapper.reflect.ConstructorMapper.of(Project.class)).list());
            h.rollback();
            return n;
        });
        assertEquals(2, changed);
        assertEquals(List.of(new Project(3, "gamma", 300)), queries.list("project_by_name", Map.of("name", "gamma"), Project.class));
        QueryExecution raise = recorded.executions().stream().filter(e -> e.name().equals("raise_budgets")).findFirst().orElseThrow();
        assertEquals(QueryType.RAW_SQL_BULK, raise.type());
        assertEquals(2, raise.rows());
    }

    @Test
    void anUnknownNameFailsWithCloseMatchesBeforeTheDatabaseIsTouched() {
        UnknownQueryException e = assertThrows(UnknownQueryException.class,
                () -> queries.list("project_by_nam", Map.of("name", "x"), Project.class));
        assertEquals(List.of("project_by_name"), e.suggestions().subList(0, 1));
        assertTrue(e.getMessage().startsWith("No query named 'project_by_nam' in the catalog (4 queries). Did you mean: project_by_name"),
                e.getMessage());
        assertEquals(0, connectionsOpened.get());
    }

    @Test
    void aMissingParameterFailsBeforeTheDatabaseIsTouched() {
        ParameterBindingException e = assertThrows(ParameterBindingException.class,
                () -> queries.update("raise_budgets", Map.of("amount", 1)));
        assertEquals("Query 'raise_budgets' (sql-jdbi/projects.sql:20) needs 'min_budget', which was not given. "
                + "It takes amount int, min_budget int; nothing was sent to the database.", e.getMessage());
        assertEquals(0, connectionsOpened.get());
    }

    @Test
    void anUnexpectedParameterFailsBeforeTheDatabaseIsTouched() {
        ParameterBindingException e = assertThrows(ParameterBindingException.class,
                () -> queries.listMaps("project_by_name", Map.of("name", "x", "nmae", "y")));
        assertEquals("Query 'project_by_name' (sql-jdbi/projects.sql:3) has no parameter 'nmae'. "
                + "It takes name text; nothing was sent to the database.", e.getMessage());
        jdbi.useHandle(h -> assertThrows(ParameterBindingException.class,
                () -> queries.list(h, "project_by_name", Map.of(), Project.class)));
        assertEquals(List.of(), recorded.executions());
    }

    @Test
    void nullValuesAreBoundAsNull() {
        Map<String, Object> values = new HashMap<>();
        values.put("name", null);
        assertEquals(List.of(), queries.list("project_by_name", values, Project.class));
    }

    @Test
    void aRegisteredStatementBecomesServerPreparedAfterRepeatedUse() throws SQLException {
        String sent = NamedSql.parse(CATALOG.get("project_by_name").statement().orElseThrow()).positionalSql();
        try (org.jdbi.v3.core.Handle h = jdbi.open()) {
            queries.list(h, "project_by_name", Map.of("name", "alpha"), Project.class);
            assertEquals(List.of(), preparedLike(h.getConnection(), sent), "pgjdbc prepares server-side after prepareThreshold uses");
            for (int i = 0; i < 10; i++) {
                queries.list(h, "project_by_name", Map.of("name", "alpha"), Project.class);
            }
            assertEquals(List.of(sent), preparedLike(h.getConnection(), sent));
        }
    }

    /** The statements this session has prepared on the server with this text (plain JDBC: the handle keeps the connection). */
    private static List<String> preparedLike(Connection connection, String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT statement FROM pg_prepared_statements WHERE NOT from_sql AND statement = ?")) {
            ps.setString(1, sql);
            List<String> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        }
    }

    @Test
    void queriesOfOtherLanguagesAreRefusedByName() {
        QueryCatalog mixed = QueryCatalog.of(QueryDescriptor.builder("find_project", QueryType.ORM_SIMPLE)
                .hql("from Project where id = :id").origin("ProjectRepository#find").build());
        QueryGovExceptionAssert.assertMessage(() -> NamedQueries.create(jdbi, mixed).listMaps("find_project", Map.of("id", 1)),
                "Query 'find_project' (ProjectRepository#find) is HQL, not SQL: run it with the module that handles HQL");
    }
}
