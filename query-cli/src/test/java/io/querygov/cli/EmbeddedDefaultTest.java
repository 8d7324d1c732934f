package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Without a target, querytool starts its own PostgreSQL with the examples, and says so. */
class EmbeddedDefaultTest {

    @Test
    void listsTheBuiltInExamplesWithoutADatabase() {
        Cli.Result r = Cli.run("list");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("project_analytics"), r::toString);
        assertTrue(r.out().contains("from the built-in examples catalog"), r::toString);
        assertEquals("", r.err(), "no server was started: " + r);
    }

    @Test
    void checksTheExamplesOnAnEmbeddedServerAndSaysSo() throws IOException {
        // the SQL files and the named queries, whose SQL Hibernate wrote with positional parameters
        Cli.Result r = Cli.run("check", "--scale", "0.01", "--format", "json");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.err().contains("No target given"), r::toString);
        assertTrue(r.err().contains("starting an embedded PostgreSQL 17 with the examples schema and data (scale"
                + " 0.01)"), r::toString);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.get("target").get("embedded").asBoolean());
        assertTrue(doc.get("target").get("serverVersion").asText().startsWith("17."), doc::toString);
        assertEquals(0, doc.get("summary").get("failed").asInt(), doc::toString);
        assertEquals(13, doc.get("summary").get("ok").asInt(), doc::toString);
        assertEquals(7, doc.get("summary").get("skipped").asInt(), doc::toString);
        assertTrue(doc.get("phasesMillis").has("start") && doc.get("phasesMillis").has("load"), doc::toString);
    }

    @Test
    void aNamedQueryWithParametersIsExplainedWithSampledValuesBoundByName() {
        // its generated SQL names each placeholder after the parameter it binds, so values are drawn and bound as for a
        // SQL file
        Cli.Result r = Cli.run("explain", "--scale", "0.01", "Project.byOwner");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("parameters: ownerId="), r::toString);
        assertTrue(r.out().contains("on public.projects"), r::toString);
    }

    @Test
    void benchesSqlHqlAndNamedQueriesOfTheExamples() throws IOException {
        Cli.Result r = Cli.run("bench", "--scale", "0.01", "--query", "*project_analytics*", "--query",
                "Project.byOwner", "--warmup", "0s", "--iterations", "20", "--format", "json");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        JsonNode queries = new ObjectMapper().readTree(r.out()).get("queries");
        assertEquals(4, queries.size(), queries::toString);
        for (JsonNode q : queries) {
            assertEquals("MEASURED", q.get("status").asText(), q::toString);
            assertEquals(20, q.get("calls").asInt(), q::toString);
        }
        assertEquals("Project.byOwner", queries.get(1).get("name").asText(), queries::toString);
        assertEquals("ORM_SIMPLE", queries.get(1).get("type").asText());
    }

    @Test
    void comparesTheOrmVariantsOfAReportWithItsSql() throws IOException {
        Cli.Result r = Cli.run("compare", "--scale", "0.01", "--group", "project_with_stats", "--warmup", "0s",
                "--duration", "200ms", "--format", "json");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        JsonNode group = new ObjectMapper().readTree(r.out()).get("groups").get(0);
        assertEquals("project_with_stats", group.get("reference").asText());
        assertEquals(3, group.get("variants").size(), group::toString);
        for (JsonNode v : group.get("variants")) {
            assertTrue(v.get("result").asText().equals("reference") || v.get("result").asText().startsWith("same"),
                    group::toString);
        }
    }
}
