package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querygov.testing.PostgresExtension;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code querytool compare}: variants side by side with the same values, and whether they agree. */
class CompareCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static PostgresExtension pg = Fixtures.database();

    private static Cli.Result compare(String catalog, String... more) {
        String[] args = {"compare", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog(catalog), "--warmup", "0s",
            "--duration", "200ms"};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run(all);
    }

    @Test
    void variantsThatAgreeAreShownSideBySide() throws SQLException {
        String before = Fixtures.scalar(pg, "SELECT sum(budget) FROM project");
        Cli.Result r = compare("compare-same");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        String reference = r.out().lines().filter(l -> l.startsWith("project_jobs ")).findFirst().orElseThrow();
        assertTrue(reference.matches("project_jobs +project_jobs +RAW_SQL_ANALYTICS .*"), reference);
        assertTrue(reference.contains("1.00x") && reference.endsWith("reference"), reference);
        String orm = r.out().lines().filter(l -> l.contains(" project_jobs_orm ")).findFirst().orElseThrow();
        assertTrue(orm.contains("ORM_COMPLEX"), orm);
        assertTrue(orm.endsWith("same rows, other order"), orm);
        String bump = r.out().lines().filter(l -> l.contains(" bump_budget_orm ")).findFirst().orElseThrow();
        assertTrue(bump.endsWith("same"), bump);
        assertEquals(before, Fixtures.scalar(pg, "SELECT sum(budget) FROM project"), "writes are rolled back");
    }

    @Test
    void variantsThatDisagreeExit1() throws IOException {
        Cli.Result r = compare("compare-differ", "--format", "json");
        assertEquals(ExitCode.PROBLEM_FOUND, r.exitCode(), r::toString);
        JsonStyle.assertFollowed(JSON.readTree(r.out()));
        JsonNode group = JSON.readTree(r.out()).get("groups").get(0);
        assertEquals("job_count", group.get("group").asText());
        assertEquals("job_count", group.get("reference").asText());
        JsonNode other = group.get("variants").get(1);
        assertEquals("job_count_off_by_one", other.get("query").asText());
        assertEquals("different", other.get("result").asText());
        assertTrue(other.get("p50Ratio").asDouble() > 0);
        assertTrue(other.get("calls").asLong() > 0);

        Cli.Result table = compare("compare-differ");
        assertEquals(ExitCode.PROBLEM_FOUND, table.exitCode(), table::toString);
        assertTrue(table.out().contains("DIFFERENT"), table::toString);
    }

    @Test
    // Opens as the other tests of a run do (run, exit code, what it said); what it checks is its own.
    void aGroupThatDoesNotExistIsAUsageError() {
        Cli.Result r = compare("compare-same", "--group", "nope");
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("no query is tagged compare:nope"), r::toString);

        Cli.Result untagged = compare("broken");
        assertEquals(ExitCode.USAGE, untagged.exitCode(), untagged::toString);
        assertTrue(untagged.err().contains("No query is tagged compare:<group>"), untagged::toString);
    }

    @Test
    void onlyTheAskedGroupRunsAsCsv() {
        Cli.Result r = compare("compare-same", "--group", "bump", "-f", "csv");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertEquals("group,query,type,calls,p50_ms,p95_ms,p50_ratio,p95_ratio,result",
                r.out().lines().findFirst().orElseThrow());
        assertEquals(3, r.out().lines().count(), r::toString);
    }
}
