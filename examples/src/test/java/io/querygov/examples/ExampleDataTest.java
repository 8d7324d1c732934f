package io.querygov.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.testing.PostgresExtension;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExampleDataTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withInitializer(Schema::apply);

    /** A second database, to show that two loads give the same rows. */
    @RegisterExtension
    static PostgresExtension other = PostgresExtension.create().withInitializer(Schema::apply);

    private static final ExampleData DATA = ExampleData.ofScale(0.01);

    /**
     * The rows at scale 0.01 with the default seed, as PostgreSQL renders them. A change here changes the data every
     * benchmark baseline was measured on: make it on purpose, and say so.
     */
    private static final Map<String, String> CHECKSUMS = Map.of(
            "users", "40b32d64a4f780293aa30ef1e2029a81",
            "projects", "342a31f1b0d4ff8b4f174e350a4d484d",
            "workflows", "ab43f2d668ea82896c98ad9099cf139d",
            "visualizations", "521ff21282fefcebf82d4d452d68417f",
            "reconciliation_jobs", "e915f9fb0d80a750db9d3599b7d0435b");

    @BeforeAll
    static void load() throws SQLException {
        DATA.load(pg.dataSource());
        DATA.load(other.dataSource());
    }

    @Test
    void rowsHaveTheFixedChecksums() throws SQLException {
        try (Connection connection = pg.openConnection()) {
            assertEquals(CHECKSUMS, Db.checksums(connection));
        }
    }

    @Test
    void sameRowsInTwoDatabases() throws SQLException {
        try (Connection a = pg.openConnection(); Connection b = other.openConnection()) {
            assertEquals(Db.checksums(a), Db.checksums(b));
        }
    }

    @Test
    void rowCountsAreScaleOneTimesTheScale() throws SQLException {
        Map<String, Long> expected = Map.of("users", 10L, "projects", 100L, "workflows", 500L,
                "visualizations", 500L, "reconciliation_jobs", 5_000L);
        assertEquals(expected, DATA.rowCounts().byTable());
        try (Connection connection = pg.openConnection()) {
            assertEquals(expected, Db.rowCounts(connection));
        }
        RowCounts one = ExampleData.ofScale(1).rowCounts();
        assertEquals(RowCounts.SCALE_ONE, one);
        assertEquals(new RowCounts(1, 1, 5, 5, 50), ExampleData.ofScale(0.0001).rowCounts());
    }

    @Test
    void copyTextIsTheSameBytesEachTime() throws IOException, NoSuchAlgorithmException {
        for (String table : Schema.TABLES) {
            assertArrayEquals(sha256(DATA, table), sha256(ExampleData.ofScale(0.01), table), table);
        }
        assertNotEquals(new String(sha256(DATA, "reconciliation_jobs"), StandardCharsets.ISO_8859_1),
                new String(sha256(DATA.withSeed(7), "reconciliation_jobs"), StandardCharsets.ISO_8859_1));
    }

    @Test
    void dataHasTheIntendedShape() throws SQLException {
        try (Connection connection = pg.openConnection()) {
            assertEquals(0, Db.number(connection, "SELECT count(*) FROM users u "
                    + "WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.owner_id = u.id)"), "users without projects");
            assertEquals(0, Db.number(connection, "SELECT count(*) FROM projects p "
                    + "WHERE NOT EXISTS (SELECT 1 FROM workflows w WHERE w.project_id = p.id)"), "projects without workflows");
            assertEquals(0, Db.number(connection, "SELECT count(*) FROM reconciliation_jobs j "
                    + "JOIN workflows w ON w.id = j.workflow_id WHERE w.project_id <> j.project_id"),
                    "jobs running another project's workflow");
            // Zipf: the busiest tenth of the projects runs more than half of the jobs
            long busiestTenth = Db.number(connection, "SELECT sum(n) FROM (SELECT count(*) AS n FROM "
                    + "reconciliation_jobs GROUP BY project_id ORDER BY n DESC LIMIT 10) c");
            assertTrue(busiestTenth > 2_500, "jobs of the 10 busiest projects: " + busiestTenth);
            long completed = Db.number(connection,
                    "SELECT count(*) FROM reconciliation_jobs WHERE status = 'completed'");
            assertTrue(completed > 4_000 && completed < 5_000, "completed jobs: " + completed);
            assertEquals(0, Db.number(connection, "SELECT count(*) FROM reconciliation_jobs "
                    + "WHERE created_at < '2023-01-01' OR created_at >= '2025-01-01' OR finished_at > '2025-01-01'"),
                    "jobs outside the two years before 2025-01-01");
            assertEquals(0, Db.number(connection, "SELECT count(*) FROM (SELECT created_at < lag(created_at) "
                    + "OVER (ORDER BY id) AS back FROM reconciliation_jobs) t WHERE back"), "ids out of time order");
            // the identity continues after the loaded ids
            Db.execute(connection, "BEGIN");
            assertEquals(5_001, Db.number(connection, "INSERT INTO reconciliation_jobs "
                    + "(project_id, workflow_id, status, created_at) SELECT project_id, id, 'pending', now() "
                    + "FROM workflows LIMIT 1 RETURNING id"));
            Db.execute(connection, "ROLLBACK");
        }
    }

    @Test
    void refusesTablesThatHoldData() throws SQLException {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> DATA.load(pg.dataSource()));
        assertEquals("table users already holds data: the example data is loaded into empty tables only, so that "
                + "it is never duplicated. Use an empty database, or empty the tables with "
                + "ExampleData.reset(connection) first", refused.getMessage());
        try (Connection connection = pg.openConnection()) {
            assertEquals(5_000, Db.number(connection, "SELECT count(*) FROM reconciliation_jobs"));
        }
    }

    private static byte[] sha256(ExampleData data, String table) throws IOException, NoSuchAlgorithmException {
        StringWriter out = new StringWriter();
        data.writeCopyText(table, out);
        return MessageDigest.getInstance("SHA-256").digest(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
