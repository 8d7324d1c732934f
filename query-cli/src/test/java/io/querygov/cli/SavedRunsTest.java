package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querygov.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --save} and runs that end early: the path checked before the run, the file replaced whole or not at
 * all, the results printed whatever happens to the save, and a run stopped by a signal reported and saved as
 * interrupted.
 */
class SavedRunsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] QUICK = {"--warmup", "0s", "--warmup-iterations", "0", "--iterations", "3"};

    @RegisterExtension
    static PostgresExtension pg = Fixtures.database();

    private static Path catalog(Path dir, String sql) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("catalog"));
        Files.writeString(folder.resolve("queries.sql"), sql);
        return folder;
    }

    private static String[] bench(Path catalog, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("bench", "--url", pg.jdbcUrl(), "--catalog",
                catalog.toString()));
        args.addAll(List.of(QUICK));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aSavePathThatIsAFolderOrInAMissingOneIsRefusedBeforeTheRun(@TempDir Path dir) throws IOException {
        Path queries = catalog(dir, "-- name: one\nSELECT 1;\n");
        Cli.Result folder = Cli.run(bench(queries, "--save", dir.toString()));
        assertEquals(ExitCode.USAGE, folder.exitCode(), folder::toString);
        assertTrue(folder.err().contains("--save " + dir + " is a folder"), folder::toString);
        assertFalse(folder.out().contains("QUERY"), "nothing ran: " + folder);

        Path missing = dir.resolve("no-such-folder").resolve("run.json");
        Cli.Result r = Cli.run(bench(queries, "--save", missing.toString()));
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--save " + missing + ": the folder"), r::toString);
        assertFalse(r.out().contains("QUERY"), "nothing ran: " + r);
    }

    /**
     * Issue 10 item 6: the folder goes away while the run runs (a full or unmounted disk is the same to the writer):
     * the results are printed, then the failure, exit 2, and nothing half-written is left.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSaveThatFailsAfterTheRunComesAfterTheResults(@TempDir Path dir) throws Exception {
        Path queries = catalog(dir, "-- name: waits\nSELECT pg_sleep(0.2), 'save-fails-marker';\n");
        Path folder = Files.createDirectories(dir.resolve("out"));
        Path saved = folder.resolve("run.json");
        CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.run(bench(queries, "--save",
                saved.toString())));
        awaitActive("save-fails-marker");
        deleteTree(folder);
        Cli.Result r = run.get();
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("waits +RAW_SQL_ANALYTICS +3 +0 .*")), r::toString);
        assertTrue(r.out().contains("NOT saved: --save " + saved + ": cannot write it"), r::toString);
        assertTrue(r.err().contains("the results above were not saved"), r::toString);
        assertFalse(Files.exists(folder));
    }

    @Test
    void aSaveReplacesTheEarlierFileWhole(@TempDir Path dir) throws IOException {
        Path queries = catalog(dir, "-- name: one\nSELECT 1;\n");
        Path saved = dir.resolve("run.json");
        Files.writeString(saved, "{\"an\": \"earlier baseline\"}");
        Cli.Result r = Cli.run(bench(queries, "--save", saved.toString()));
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(saved.toFile());
        assertEquals(false, doc.get("interrupted").asBoolean(true));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(saved)), "a saved run is as readable as a file written in place");
        assertEquals("one", doc.at("/queries/0/name").asText());
        try (Stream<Path> files = Files.list(dir)) {
            // no temporary file left beside it
            assertEquals(List.of("catalog", "run.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /**
     * Issue 10 item 5: SIGTERM after the first of two queries printed nothing and saved nothing. Now the first one's
     * results are printed and saved, marked as interrupted, and such a file is no baseline.
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRunStoppedBySigtermPrintsAndSavesWhatFinishedAsInterrupted(@TempDir Path dir) throws Exception {
        Path queries = catalog(dir, "-- name: a_first\nSELECT count(*) FROM project;\n\n"
                + "-- name: b_long\nSELECT pg_sleep(60), 'sigterm-marker';\n");
        Path saved = dir.resolve("run.json");
        Process child = ChildJvm.java(QueryTool.class, bench(queries, "--save", saved.toString()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        ChildJvm.StreamReader out = new ChildJvm.StreamReader(child.getInputStream());
        ChildJvm.StreamReader err = new ChildJvm.StreamReader(child.getErrorStream());
        ChildJvm.Finished r;
        try {
            awaitActive("sigterm-marker");
            // kill(1), not Process.destroy(), which closes the pipes and loses what the child prints on its way out
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor());
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child ends on SIGTERM");
            r = new ChildJvm.Finished(child.exitValue(), out.text(), err.text());
        } finally {
            child.destroyForcibly();
            Fixtures.execute(pg, "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE"
                    + " '%sigterm-marker%' AND pid <> pg_backend_pid()");
        }
        assertEquals(143, r.exitCode(), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("a_first +RAW_SQL_ANALYTICS +3 +0 .*")), r::toString);
        assertTrue(r.out().contains("INTERRUPTED: the run was stopped before its end; 1 of 2 queries had finished"),
                r::toString);
        assertTrue(r.out().contains("saved: " + saved + " (interrupted)"), r::toString);
        assertTrue(r.err().contains("interrupted after 1 of 2 queries"), r::toString);
        JsonNode doc = JSON.readTree(saved.toFile());
        assertTrue(doc.get("interrupted").asBoolean(), doc::toString);
        assertEquals(1, doc.get("queries").size(), doc::toString);

        Cli.Result judged = Cli.run(bench(queries, "--query", "a_first", "--baseline", saved.toString()));
        assertEquals(ExitCode.USAGE, judged.exitCode(), judged::toString);
        assertTrue(judged.err().contains("the baseline is an interrupted run"), judged::toString);
    }

    /** Waits until a statement holding the marker is running on the server: a state, not a time. */
    private static void awaitActive(String marker) throws SQLException, InterruptedException {
        String sql = "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%" + marker
                + "%' AND pid <> pg_backend_pid()";
        while (Fixtures.scalar(pg, sql).equals("0")) {
            Thread.sleep(20);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
