package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querygov.testing.PostgresExtension;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code querytool check}, and how every command reaches (or fails to reach) its target. */
class CheckCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static PostgresExtension pg = Fixtures.database();

    @Test
    void everyStatementChecks() {
        Cli.Result r = Cli.run("check", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("target:  PostgreSQL "), r::toString);
        assertTrue(r.out().contains("/" + pg.databaseName() + " as "), r::toString);
        String row = r.out().lines().filter(l -> l.startsWith("project_by_id")).findFirst().orElseThrow();
        assertTrue(row.contains(" ok "), row);
        assertTrue(row.contains("project_id:int8"), row);
        assertTrue(row.contains("id:int8, name:text, budget:numeric"), row);
        assertTrue(r.out().contains("3 ok, 0 failed, 0 skipped"), r::toString);
        assertTrue(r.out().contains("phases: check "), r::toString);
    }

    @Test
    void aStatementTheServerRefusesExits1WithFileLineAndSqlState() {
        Cli.Result r = Cli.run("check", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("broken"));
        assertEquals(ExitCode.PROBLEM_FOUND, r.exitCode(), r::toString);
        assertTrue(r.out().contains("1 ok, 1 failed, 0 skipped"), r::toString);
        assertTrue(r.out().contains("from_missing_table failed at "), r::toString);
        assertTrue(r.out().contains("missing.sql:7:6: relation \"no_such_table\" does not exist (SQLSTATE 42P01)"),
                r::toString);
    }

    @Test
    void checksAsJsonAndCsv() throws IOException {
        Cli.Result r = Cli.run("check", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("broken"), "-f", "json");
        assertEquals(ExitCode.PROBLEM_FOUND, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(r.out());
        JsonStyle.assertFollowed(doc);
        assertFalse(doc.get("target").get("embedded").asBoolean());
        assertEquals(1, doc.get("summary").get("failed").asInt());
        JsonNode ok = doc.get("results").get(0);
        assertEquals("ok", ok.get("status").asText());
        assertEquals("count", ok.get("columns").get(0).get("name").asText());
        assertEquals("int8", ok.get("columns").get(0).get("type").asText());
        JsonNode failed = doc.get("results").get(1);
        assertEquals("failed", failed.get("status").asText());
        assertEquals("42P01", failed.get("failure").get("sqlState").asText());
        assertTrue(failed.get("failure").get("location").asText().endsWith("missing.sql:7:6"), failed::toString);
        assertTrue(r.err().startsWith("target: PostgreSQL"), r::toString);

        Cli.Result csv = Cli.run("check", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good"), "-f", "csv");
        assertEquals(ExitCode.OK, csv.exitCode(), csv::toString);
        assertEquals("query,status,parameters,columns,problem", csv.out().lines().findFirst().orElseThrow());
    }

    @Test
    void readsTheTargetFromPgVariables() {
        URI uri = URI.create(pg.jdbcUrl().substring("jdbc:".length()));
        Map<String, String> env = Map.of("PGHOST", uri.getHost(), "PGPORT", Integer.toString(uri.getPort()),
                "PGDATABASE", pg.databaseName(), "PGUSER", pg.user());
        Cli.Result r = Cli.run(env, "check", "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("(from PG* variables)"), r::toString);
    }

    @Test
    void aUrlThatIsNotOneExits2() {
        Cli.Result r = Cli.run("check", "--url", "postgres://localhost/db", "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("is not a PostgreSQL JDBC URL"), r::toString);
    }

    @Test
    void aRefusedConnectionExits3WithoutAStackTraceOrThePassword() {
        Cli.Result r = Cli.run("check", "--url", "jdbc:postgresql://127.0.0.1:1/db?user=ops&password=s3cr3t-pw",
                "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.DATABASE_UNAVAILABLE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Cannot connect to 127.0.0.1:1/db as ops"), r::toString);
        assertTrue(r.err().contains("refused"), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
        assertFalse(r.toString().contains("s3cr3t-pw"), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
    }

    @Test
    void verboseShowsTheStackTraceButNotThePassword() {
        Cli.Result r = Cli.run(Map.of("PGPASSWORD", "env-s3cret"), "check", "-v", "--url",
                "jdbc:postgresql://127.0.0.1:1/db?user=ops", "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.DATABASE_UNAVAILABLE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("\tat org.postgresql."), r::toString);
        assertFalse(r.toString().contains("env-s3cret"), r::toString);
    }

    @Test
    void aShortPasswordIsNotMaskedInsideTheWordsOfTheMessage() {
        Cli.Result r = Cli.run(Map.of("PGPASSWORD", "o"), "check", "--url",
                "jdbc:postgresql://127.0.0.1:1/db?user=root", "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.DATABASE_UNAVAILABLE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Cannot connect to 127.0.0.1:1/db as root (from --url): Connection to"
                + " 127.0.0.1:1 refused"), r::toString);
        assertFalse(r.err().contains("***"), r::toString);
    }

    @Test
    // Runs check on a URL as aRefusedConnectionExits3WithoutAStackTraceOrThePassword does, with another password.
    void aPasswordInTheUrlIsMaskedAsAValue() {
        Cli.Result r = Cli.run("check", "--url", "jdbc:postgres://127.0.0.1:1/db?user=root&password=o",
                "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--url 'jdbc:postgres://127.0.0.1:1/db?user=root&password=***' is not a"
                + " PostgreSQL JDBC URL"), r::toString);
    }

    @Test
    void aDatabaseThatDoesNotExistExits3() {
        String url = pg.jdbcUrl().replace("/" + pg.databaseName(), "/no_such_database");
        Cli.Result r = Cli.run("check", "--url", url, "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.DATABASE_UNAVAILABLE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("does not exist"), r::toString);
        assertTrue(r.err().contains("3D000"), r::toString);
    }
}
