package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querygov.testing.PostgresExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code querytool slowest}: pg_stat_statements ranked and named, and what happens without it. */
class SlowestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static PostgresExtension pg = Fixtures.database();

    @BeforeAll
    static void runSomeQueries() throws SQLException {
        assumeTrue(pg.pgStatStatementsAvailable(), "the server preloads pg_stat_statements");
        try (Connection c = pg.openConnection();
             PreparedStatement jobs = c.prepareStatement(
                     "SELECT status, count(*) AS jobs FROM job WHERE project_id = ? GROUP BY status ORDER BY status");
             PreparedStatement project = c.prepareStatement("SELECT id, name, budget FROM project WHERE id = ?")) {
            for (int i = 1; i <= 200; i++) {
                jobs.setLong(1, i);
                jobs.executeQuery().close();
                project.setLong(1, i);
                project.executeQuery().close();
            }
            try (java.sql.Statement s = c.createStatement()) {
                // issue 10 item 12: pg_stat_statements keeps this text verbatim
                s.execute("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'slowest_probe') THEN"
                        + " CREATE ROLE slowest_probe; END IF; END$$");
                s.execute("ALTER ROLE slowest_probe PASSWORD 'hunter2-" + "secret'");
            }
        }
    }

    @Test
    void aPasswordInAStatementIsShownMaskedInTheTableAndTheJson() throws IOException {
        for (String format : List.of("table", "json")) {
            Cli.Result r = Cli.run("slowest", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good"), "--top", "1000",
                    "-f", format);
            assertEquals(ExitCode.OK, r.exitCode(), r::toString);
            assertFalse(r.out().contains("hunter2-" + "secret"), r::toString);
            assertTrue(r.out().contains("ALTER ROLE slowest_probe PASSWORD '***'"), r::toString);
        }
    }

    /**
     * Issue 12 item 2: a statement no catalog holds (Hibernate's, in a service) is named as the service's own metrics
     * snapshot names it, read from a file or from the service over HTTP.
     */
    @Test
    void aServicesSnapshotNamesStatementsNoCatalogHolds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String sql = "SELECT name FROM project WHERE budget > ? ORDER BY id LIMIT 1";
        io.querygov.core.QueryDescriptor byBudget = io.querygov.core.QueryDescriptor
                .builder("query:Project.byBudget", io.querygov.core.QueryType.ORM_SIMPLE).sql(sql).build();
        io.querygov.metrics.QueryMetrics metrics = io.querygov.metrics.QueryMetrics.create();
        io.querygov.core.QueryTracker tracker = io.querygov.core.QueryTracker.create(metrics);
        try (Connection c = pg.openConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < 3; i++) {
                ps.setInt(1, i);
                tracker.track(byBudget, () -> {
                    ps.executeQuery().close();
                    return null;
                });
            }
        }
        java.nio.file.Path snapshot = dir.resolve("service-metrics.json");
        java.nio.file.Files.writeString(snapshot, io.querygov.metrics.MetricsJson.toJson(metrics.cumulativeSnapshot()));

        com.sun.net.httpserver.HttpServer service = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = java.nio.file.Files.readAllBytes(snapshot);
        service.createContext("/metrics.json", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        try {
            String url = "http://127.0.0.1:" + service.getAddress().getPort() + "/metrics.json";
            for (String names : List.of(snapshot.toString(), url)) {
                Cli.Result r = Cli.run("slowest", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good"), "--top",
                        "1000", "--names", names, "-f", "json");
                assertEquals(ExitCode.OK, r.exitCode(), r::toString);
                JsonNode entry = null;
                for (JsonNode s : JSON.readTree(r.out()).get("statements")) {
                    if (s.get("statement").asText().startsWith("SELECT name FROM project WHERE budget >")) {
                        entry = s;
                    }
                }
                assertTrue(entry != null, r::toString);
                assertEquals("query:Project.byBudget", entry.get("query").asText(), entry::toString);
                assertEquals("service", entry.get("matchedBy").asText(), entry::toString);
            }
        } finally {
            service.stop(0);
        }
    }

    @Test
    void aNamesFileThatIsNotASnapshotIsAUsageErrorNamingIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path notASnapshot = java.nio.file.Files.writeString(dir.resolve("bench.json"), "{\"queries\": []}");
        for (String names : List.of(notASnapshot.toString(), dir.resolve("missing.json").toString())) {
            Cli.Result r = Cli.run("slowest", "--url", pg.jdbcUrl(), "--names", names);
            assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
            assertTrue(r.err().contains("--names " + names + ": "), r::toString);
        }
    }

    @Test
    void ranksAndNamesStatements() {
        Cli.Result r = Cli.run("slowest", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good"), "--top", "20");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("since its last reset, top 20 by total time"), r::toString);
        String row = r.out().lines().filter(l -> l.contains("jobs_per_status")).findFirst()
                .orElseThrow(() -> new AssertionError(r));
        assertTrue(row.contains(" 200 "), row);
        assertTrue(r.out().lines().anyMatch(l -> l.contains("project_by_id") && l.contains(" 200 ")), r::toString);
    }

    @Test
    void aWindowLeavesOutQuerytoolsOwnStatements() throws IOException {
        // nothing else runs during the window: before, the reading that opened it was ranked
        Cli.Result r = Cli.run("slowest", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good"), "--window", "200ms",
                "--by", "calls", "--top", "100", "-f", "json");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        for (JsonNode s : JSON.readTree(r.out()).get("statements")) {
            assertFalse(s.get("statement").asText("").contains("pg_stat_statements"), s::toString);
        }
    }

    @Test
    void aShapeThatSeveralNamesShareShowsThemAll(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        // the same query identifier: pg_stat_statements ignores aliases, as between a SQL file and Hibernate's SQL
        java.nio.file.Files.writeString(dir.resolve("aliased.sql"), """
                -- name: project_by_id_aliased
                -- param: project_id bigint range: 1..2000
                SELECT p1_0.id, p1_0.name, p1_0.budget FROM project p1_0 WHERE p1_0.id = :project_id;
                """);
        Cli.Result r = Cli.run("slowest", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good"), "--catalog",
                dir.toString(), "--top", "100", "-f", "json");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        boolean found = false;
        for (JsonNode s : JSON.readTree(r.out()).get("statements")) {
            if ("project_by_id".equals(s.get("query").asText(null))) {
                found = true;
                assertEquals("[\"project_by_id\",\"project_by_id_aliased\"]", s.get("allNames").toString(), s::toString);
            }
        }
        assertTrue(found, r::toString);
        Cli.Result table = Cli.run("slowest", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good"), "--catalog",
                dir.toString(), "--top", "100");
        assertTrue(table.out().contains("project_by_id, project_by_id_aliased"), table::toString);
    }

    @Test
    void ranksAsJsonByCalls() throws IOException {
        Cli.Result r = Cli.run("slowest", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good"), "--by", "calls",
                "-f", "json");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(r.out());
        JsonStyle.assertFollowed(doc);
        assertEquals("calls", doc.get("ranking").asText());
        assertEquals("since_reset", doc.get("mode").asText());
        JsonNode statements = doc.get("statements");
        assertTrue(statements.size() >= 2, doc::toString);
        // the top-level entry of the 200 calls; the EXPLAINs other runs of slowest sent to compute query identifiers
        // may add a nested entry of the same identifier on servers that track nested statements
        boolean named = false;
        for (JsonNode s : statements) {
            if ("jobs_per_status".equals(s.get("query").asText(null)) && s.get("calls").asLong() == 200) {
                named = true;
                assertEquals("query_id", s.get("matchedBy").asText());
                assertTrue(s.get("meanMillis").asDouble() > 0);
            }
        }
        assertTrue(named, doc::toString);
        long previous = Long.MAX_VALUE;
        for (JsonNode s : statements) {
            assertTrue(s.get("calls").asLong() <= previous, "ranked by calls: " + doc);
            previous = s.get("calls").asLong();
        }
    }

    @Test
    void aWindowRanksOnlyWhatRanDuringIt() throws IOException {
        Cli.Result r = Cli.run("slowest", "--url", pg.jdbcUrl(), "--window", "300ms", "-f", "json");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(r.out());
        assertEquals("window", doc.get("mode").asText());
        for (JsonNode s : doc.get("statements")) {
            assertTrue(s.get("calls").asLong() < 200, "nothing of the 200 calls before the window: " + doc);
        }
    }

    @Test
    void aStatementAboveMaxMeanExits1() {
        Cli.Result r = Cli.run("slowest", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good"), "--max-mean",
                "1us", "-f", "csv");
        assertEquals(ExitCode.PROBLEM_FOUND, r.exitCode(), r::toString);
        assertEquals("rank,query,calls,total_ms,mean_ms,share_percent,rows,statement",
                r.out().lines().findFirst().orElseThrow());
    }

    @Test
    void aBadRankingIsAUsageError() {
        Cli.Result r = Cli.run("slowest", "--url", pg.jdbcUrl(), "--by", "fastest");
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("unknown ranking 'fastest'"), r::toString);
    }

    /** A database of the same server in which the extension was never created. */
    @Nested
    class WithoutTheExtension {
        @RegisterExtension
        static PostgresExtension bare = PostgresExtension.create()
                .withInitializer("DROP EXTENSION IF EXISTS pg_stat_statements");

        @Test
        void exits3SayingHowToEnableIt() {
            Cli.Result r = Cli.run("slowest", "--url", bare.jdbcUrl());
            assertEquals(ExitCode.DATABASE_UNAVAILABLE, r.exitCode(), r::toString);
            assertTrue(r.err().contains("CREATE EXTENSION pg_stat_statements"), r::toString);
        }
    }

    @Test
    void aServerThatDoesNotPreloadItExits3SayingHowToEnableIt() throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:5432/test?user=root";
        assumeTrue(answers("127.0.0.1", 5432), "a PostgreSQL on 127.0.0.1:5432 (user root, database test)");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW shared_preload_libraries")) {
            rs.next();
            assumeFalse(rs.getString(1).contains("pg_stat_statements"),
                    "the server on 127.0.0.1:5432 preloads pg_stat_statements: " + rs.getString(1));
        }
        Cli.Result r = Cli.run("slowest", "--url", url);
        assertEquals(ExitCode.DATABASE_UNAVAILABLE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("shared_preload_libraries"), r::toString);
    }

    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
