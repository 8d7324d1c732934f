package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querygov.testing.PostgresExtension;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code querytool explain}: plans with warnings, ANALYZE rolled back, JSON that keeps PostgreSQL's own. */
class ExplainCommandTest {
    // Set up as CheckCommandTest is, on the shared Fixtures database: the tests differ.
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static PostgresExtension pg = Fixtures.database();

    @Test
    void explainsWithSampledParameters() {
        Cli.Result r = Cli.run("explain", "jobs_per_status", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("query:      jobs_per_status (RAW_SQL_ANALYTICS, "), r::toString);
        assertTrue(r.out().matches("(?s).*parameters: project_id=\\d+\n.*"), r::toString);
        assertTrue(r.out().contains("(cost="), r::toString);
        assertTrue(r.out().contains("job_project") || r.out().contains("Seq Scan"), r::toString);
        assertFalse(r.out().contains("actual time"), r::toString);
    }

    @Test
    void explainsAsJsonKeepingPostgresPlan() throws IOException {
        Cli.Result r = Cli.run("explain", "project_by_id", "--param", "project_id=7", "--url", pg.jdbcUrl(),
                "--catalog", Cli.catalog("good"), "--format", "json");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(r.out());
        JsonStyle.assertFollowed(doc, "plan", "genericPlan", "parameters");
        assertEquals("project_by_id", doc.get("query").asText());
        assertEquals("7", doc.get("parameters").get("project_id").asText());
        JsonNode plan = doc.get("plan");
        assertTrue(plan.isArray(), "PostgreSQL's EXPLAIN JSON is an array: " + plan);
        assertEquals("Index Scan", plan.get(0).get("Plan").get("Node Type").asText());
        assertTrue(doc.get("warnings").isArray());
        assertFalse(doc.get("analyze").asBoolean());
    }

    @Test
    void whyThereIsNoGenericPlanIsSaidOnlyWithVerbose() {
        // the same reason on every run (a PostgreSQL 15 server, a statement without parameters, or, here, not asked)
        String[] args = {"explain", "project_by_id", "--param", "project_id=7", "--no-generic-plan", "--url",
            pg.jdbcUrl(), "--catalog", Cli.catalog("good")};
        Cli.Result quiet = Cli.run(args);
        assertEquals(ExitCode.OK, quiet.exitCode(), quiet::toString);
        assertFalse(quiet.out().contains("No generic plan"), quiet::toString);

        String[] verbose = java.util.Arrays.copyOf(args, args.length + 1);
        verbose[args.length] = "-v";
        Cli.Result told = Cli.run(verbose);
        assertEquals(ExitCode.OK, told.exitCode(), told::toString);
        assertTrue(told.out().contains("No generic plan: not asked for"), told::toString);
    }

    @Test
    void analyzeOfAWriteIsRolledBack() throws SQLException {
        String before = Fixtures.scalar(pg, "SELECT budget FROM project WHERE id = 5");
        Cli.Result r = Cli.run("explain", "raise_budget", "--analyze", "--buffers", "--param", "project_id=5",
                "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("ModifyTable on public.project"), r::toString);
        assertTrue(r.out().contains("actual time="), r::toString);
        assertTrue(r.out().contains("rolled back"), r::toString);
        assertEquals(before, Fixtures.scalar(pg, "SELECT budget FROM project WHERE id = 5"));
    }

    @Test
    void analyzeOfASideEffectARollbackCannotUndoExits2WithTheReasonUnlessWritesAreAllowed() throws SQLException {
        String before = Fixtures.scalar(pg, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM audit_id_seq");
        Cli.Result r = Cli.run("explain", "next_audit_id", "--analyze", "--url", pg.jdbcUrl(), "--catalog",
                Cli.catalog("side-effects"));
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("calls nextval(), which a rollback cannot undo (a sequence never rolls back);"
                + " it runs only when writes are allowed: pass --allow-writes to run it"), r::toString);
        assertEquals(before, Fixtures.scalar(pg, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM audit_id_seq"));

        Cli.Result plain = Cli.run("explain", "next_audit_id", "--url", pg.jdbcUrl(), "--catalog",
                Cli.catalog("side-effects"));
        assertEquals(ExitCode.OK, plain.exitCode(), plain::toString);
        Cli.Result allowed = Cli.run("explain", "next_audit_id", "--analyze", "--allow-writes", "--url", pg.jdbcUrl(),
                "--catalog", Cli.catalog("side-effects"));
        assertEquals(ExitCode.OK, allowed.exitCode(), allowed::toString);
        assertFalse(before.equals(Fixtures.scalar(pg, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM audit_id_seq")));
    }

    @Test
    // Runs explain as explainsWithSampledParameters does, with a name that is not registered.
    void anUnknownNameSuggestsCloseOnes() {
        Cli.Result r = Cli.run("explain", "project_by_ids", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("No query named 'project_by_ids'"), r::toString);
        assertTrue(r.err().contains("Did you mean: project_by_id"), r::toString);
    }

    @Test
    void aValueThatIsNotItsTypeIsAUsageError() {
        Cli.Result r = Cli.run("explain", "project_by_id", "--param", "project_id=seven", "--url", pg.jdbcUrl(),
                "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("project_id"), r::toString);
    }

    @Test
    void aSettingThatIsNotASettingNameIsAUsageError() throws SQLException {
        String before = Fixtures.scalar(pg, "SELECT count(*) FROM project");
        Cli.Result r = Cli.run("explain", "project_by_id", "--setting", "work_mem; drop table project; --=1", "--url",
                pg.jdbcUrl(), "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--setting 'work_mem; drop table project; --' is not a setting name"),
                r::toString);
        assertEquals(before, Fixtures.scalar(pg, "SELECT count(*) FROM project"));
    }

    @Test
    void csvIsRefusedForAPlan() {
        Cli.Result r = Cli.run("explain", "project_by_id", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good"),
                "-f", "csv");
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("use table or json"), r::toString);
    }

    @Test
    void statementTimeoutBoundsAnalyze() {
        // pg_sleep(3) would end well within the default timeout: only the 300ms can cancel it
        Cli.Result r = Cli.run("explain", "sleepy", "--analyze", "--statement-timeout", "300ms", "--url", pg.jdbcUrl(),
                "--catalog", Cli.catalog("slow"));
        assertEquals(ExitCode.PROBLEM_FOUND, r.exitCode(), r::toString);
        assertTrue(r.err().contains("statement timeout"), r::toString);
        assertTrue(r.err().contains("57014"), r::toString);
    }
}
