package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code querytool list}: catalogs from folders and jars, filters, formats, catalog errors. No database. */
class ListCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsAFolderAsAnAlignedTable() {
        Cli.Result r = Cli.run("list", "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("NAME "), r::toString);
        assertTrue(lines.get(0).contains("TYPE") && lines.get(0).contains("ORIGIN")
                && lines.get(0).contains("PARAMETERS") && lines.get(0).contains("TAGS"), r::toString);
        String row = lines.stream().filter(l -> l.startsWith("project_by_id")).findFirst().orElseThrow();
        assertTrue(row.contains("RAW_SQL_ANALYTICS"), row);
        assertTrue(row.contains("projects.sql:7"), row);
        assertTrue(row.contains("project_id bigint"), row);
        assertTrue(row.contains("compare:project, point"), row);
        // aligned: every column starts at the same offset on every line
        int typeColumn = lines.get(0).indexOf("TYPE");
        lines.stream().skip(2).filter(l -> !l.isBlank() && !l.startsWith("3 queries"))
                .forEach(l -> assertTrue(l.substring(typeColumn).startsWith("RAW_SQL_"), l));
        assertTrue(r.out().contains("3 queries from " + Cli.catalog("good")), r::toString);
        assertEquals("", r.err(), r::toString);
    }

    @Test
    void listsAsJson() throws IOException {
        Cli.Result r = Cli.run("list", "--catalog", Cli.catalog("good"), "--format", "json");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(r.out());
        JsonStyle.assertFollowed(doc);
        assertEquals(3, doc.get("count").asInt());
        JsonNode first = doc.get("queries").get(0);
        assertEquals("project_by_id", first.get("name").asText());
        assertEquals("RAW_SQL_ANALYTICS", first.get("type").asText());
        assertEquals("SQL", first.get("language").asText());
        assertTrue(first.get("origin").asText().endsWith("projects.sql:7"), first::toString);
        assertEquals("project_id", first.get("parameters").get(0).get("name").asText());
        assertEquals("bigint", first.get("parameters").get(0).get("sqlType").asText());
        assertEquals("range: 1..2000", first.get("parameters").get(0).get("sampler").asText());
        assertEquals("compare:project", first.get("tags").get(0).asText());
        assertEquals("RAW_SQL_BULK", doc.get("queries").get(2).get("type").asText());
    }

    @Test
    void listsAsCsv() {
        Cli.Result r = Cli.run("list", "--catalog", Cli.catalog("good"), "--format", "csv");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertEquals("name,type,origin,parameters,tags", lines.get(0));
        assertEquals(4, lines.size(), r::toString);
        assertTrue(lines.get(1).startsWith("project_by_id,RAW_SQL_ANALYTICS,"), r::toString);
        assertTrue(lines.get(1).endsWith(",project_id bigint,\"compare:project, point\""), r::toString);
    }

    @Test
    void filtersByTypeTagAndGlob() {
        Cli.Result bulk = Cli.run("list", "--catalog", Cli.catalog("good"), "--type", "raw-sql-bulk", "-f", "csv");
        assertEquals(List.of("raise_budget"), names(bulk));

        Cli.Result tagged = Cli.run("list", "--catalog", Cli.catalog("good"), "--tag", "report", "--tag", "point",
                "-f", "csv");
        assertEquals(List.of("project_by_id", "jobs_per_status"), names(tagged));

        Cli.Result glob = Cli.run("list", "--catalog", Cli.catalog("good"), "--query", "*_b?_*", "-f", "csv");
        assertEquals(List.of("project_by_id"), names(glob));

        Cli.Result none = Cli.run("list", "--catalog", Cli.catalog("good"), "--query", "nothing*");
        assertEquals(ExitCode.OK, none.exitCode(), none::toString);
        assertTrue(none.out().contains("0 of 3 queries"), none::toString);
    }

    @Test
    void aCatalogWithErrorsNamesFileAndLine() {
        Cli.Result r = Cli.run("list", "--catalog", Cli.catalog("bad"));
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("bad.sql:5: "), r::toString);
        assertTrue(r.err().contains("RAW_SQL_SOMETHING"), r::toString);
        assertFalse(r.err().contains("\tat "), "no stack trace without -v: " + r);
        assertEquals("", r.out(), r::toString);
    }

    @Test
    void anEntryThatACarriageReturnSplitsExits2WithFileAndLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("victim.sql"), "-- name: cr_update_commit\n"
                + "UPDATE victim SET id = id + 1000 WHERE id < 1000 --\r; COMMIT --\n;\n");
        Cli.Result r = Cli.run("list", "--catalog", dir.toString());
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains(file + ":2: 'cr_update_commit' holds more than one statement: 'COMMIT --'"),
                r::toString);
        assertEquals("", r.out(), r::toString);
    }

    @Test
    void linksThatCannotBeFollowedAreWarnedAboutByName(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("one.sql"), "-- name: one\nSELECT 1\n");
        Path broken = Files.createSymbolicLink(dir.resolve("gone.sql"), dir.resolve("missing.sql"));
        Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir);
        Cli.Result r = Cli.run("list", "--catalog", dir.toString(), "-f", "csv");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.err().contains("warning: " + broken + ": is a broken symbolic link"), r::toString);
        assertTrue(r.err().contains("warning: " + loop + ": is a symbolic link to a folder that holds it"), r::toString);
        assertEquals(List.of("one"), names(r));
    }

    @Test
    void aMissingCatalogIsAUsageError() {
        Cli.Result r = Cli.run("list", "--catalog", "/no/such/folder");
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--catalog /no/such/folder: no such file or folder"), r::toString);
    }

    @Test
    void twoCatalogsWithTheSameNameAreAUsageError() {
        Cli.Result r = Cli.run("list", "--catalog", Cli.catalog("good"), "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("project_by_id"), r::toString);
    }

    @Test
    void readsTheProvidersOfAJar(@TempDir Path dir) throws IOException {
        Path jar = providerJar(dir);
        Cli.Result r = Cli.run("list", "--catalog", jar.toString(), "--catalog", Cli.catalog("good"), "-f", "csv");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertEquals(List.of("demo_count", "project_by_id", "jobs_per_status", "raise_budget"), names(r));
        assertTrue(r.out().contains("DemoCatalog#catalog"), r::toString);
    }

    @Test
    void aJarWithoutProvidersIsAUsageError(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("empty.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("readme.txt"));
            out.write("nothing here".getBytes(StandardCharsets.UTF_8));
        }
        Cli.Result r = Cli.run("list", "--catalog", jar.toString());
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("declares no query catalog"), r::toString);
    }

    private static List<String> names(Cli.Result csv) {
        assertEquals(ExitCode.OK, csv.exitCode(), csv::toString);
        return csv.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
    }

    /** A service jar as a user would build it: a provider class and its services file, compiled here. */
    static Path providerJar(Path dir) throws IOException {
        Path src = dir.resolve("src/demo/DemoCatalog.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package demo;
                import io.querygov.core.*;
                public final class DemoCatalog implements QueryCatalogProvider {
                    @Override
                    public QueryCatalog catalog() {
                        return QueryCatalog.of(QueryDescriptor.builder("demo_count", QueryType.RAW_SQL_ANALYTICS)
                                .sql("SELECT count(*) FROM project").origin("DemoCatalog#catalog").tag("demo").build());
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int rc = compiler.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString());
        assertEquals(0, rc, "the demo provider compiles");
        Path jar = dir.resolve("service.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("demo/DemoCatalog.class"));
            out.write(Files.readAllBytes(classes.resolve("demo/DemoCatalog.class")));
            out.putNextEntry(new JarEntry("META-INF/services/io.querygov.core.QueryCatalogProvider"));
            out.write("demo.DemoCatalog\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }
}
