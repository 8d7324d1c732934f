package io.querygov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.querygov.testing.PostgresExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What loading does to a database that is not empty or has no schema; the tests share one database, in order. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExampleDataLoadingTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create();

    private static final ExampleData DATA = ExampleData.ofScale(0.001);

    @Test
    @Order(1)
    void refusesADatabaseWithoutTheSchema() throws SQLException {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> DATA.load(pg.dataSource()));
        assertEquals("table users does not exist: apply the schema with Schema.apply(...) before loading the "
                + "example data", refused.getMessage());
    }

    @Test
    @Order(2)
    void schemaCanBeAppliedAgain() throws SQLException {
        Schema.apply(pg.dataSource());
        Schema.apply(pg.dataSource());
        try (Connection connection = pg.openConnection()) {
            assertEquals(Schema.TABLES, Db.strings(connection, "SELECT c.relname FROM unnest(ARRAY['users', "
                    + "'projects', 'workflows', 'visualizations', 'reconciliation_jobs']) WITH ORDINALITY AS t(name, i) "
                    + "JOIN pg_class c ON c.relname = t.name AND c.relkind = 'r' ORDER BY t.i"));
            assertEquals(List.of("projects_owner_id_idx", "reconciliation_jobs_active_idx",
                    "reconciliation_jobs_project_id_created_at_idx", "reconciliation_jobs_workflow_id_idx",
                    "visualizations_project_id_idx", "workflows_project_id_idx"), Db.strings(connection,
                    "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE '%\\_idx' "
                            + "ORDER BY indexname"));
        }
    }

    @Test
    @Order(3)
    void refusesATableWithRowsAndAddsNothing() throws SQLException {
        try (Connection connection = pg.openConnection()) {
            Db.execute(connection, "INSERT INTO users (id, email, name, created_at) "
                    + "VALUES (gen_random_uuid(), 'someone@example.com', 'Someone', now())");
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> DATA.load(connection));
            assertEquals("table users already holds data: the example data is loaded into empty tables only, so "
                    + "that it is never duplicated. Use an empty database, or empty the tables with "
                    + "ExampleData.reset(connection) first", refused.getMessage());
            assertEquals(Map.of("users", 1L, "projects", 0L, "workflows", 0L, "visualizations", 0L,
                    "reconciliation_jobs", 0L), Db.rowCounts(connection));
            assertEquals(true, connection.getAutoCommit());
        }
    }

    @Test
    @Order(4)
    void loadsAfterAReset() throws SQLException {
        try (Connection connection = pg.openConnection()) {
            ExampleData.reset(connection);
            DATA.load(connection);
            Map<String, String> first = Db.checksums(connection);
            assertEquals(DATA.rowCounts().byTable(), Db.rowCounts(connection));

            ExampleData.reset(connection);
            assertEquals(Map.of("users", 0L, "projects", 0L, "workflows", 0L, "visualizations", 0L,
                    "reconciliation_jobs", 0L), Db.rowCounts(connection));
            DATA.load(connection);
            assertEquals(first, Db.checksums(connection));
        }
    }

    @Test
    @Order(5)
    void refusesAConnectionInsideATransaction() throws SQLException {
        try (Connection connection = pg.openConnection()) {
            connection.setAutoCommit(false);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> DATA.load(connection));
            assertEquals("ExampleData.load commits its own transaction: pass a connection in auto-commit mode, "
                    + "not one inside a transaction", refused.getMessage());
            connection.rollback();
        }
    }

    @Test
    @Order(6)
    void rejectsScalesOutOfRange() {
        assertEquals("scale must be greater than 0 and at most 100.0, was 0.0",
                assertThrows(IllegalArgumentException.class, () -> ExampleData.ofScale(0)).getMessage());
        assertEquals("scale must be greater than 0 and at most 100.0, was NaN",
                assertThrows(IllegalArgumentException.class, () -> ExampleData.ofScale(Double.NaN)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExampleData.ofScale(101));
    }
}
