package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 2: a read turned its pooled connection read-write for every later call, and `bench` committed what
 * the calls after it wrote (2,018 rows in 500 ms as one entry, 214 as two). Each entry runs many times on one
 * thread, so on one pooled connection; no row may be committed.
 */
class SessionSafetyTest {
    @RegisterExtension
    static PostgresExtension pg = Fixtures.database().withSchema(
            "CREATE TABLE written (n int)",
            "CREATE FUNCTION writer() RETURNS int LANGUAGE sql AS 'INSERT INTO written VALUES (1) RETURNING n'",
            // the flip where no reading of the text sees it
            "CREATE FUNCTION flip() RETURNS text LANGUAGE sql"
                    + " AS 'SELECT set_config(''default_transaction_read_only'', ''off'', false)'");

    private static final String ISSUE_ONE_ENTRY = "-- name: a_flip_or_write\n"
            + "SELECT CASE WHEN current_setting('default_transaction_read_only') = 'on'"
            + " THEN set_config('default_transaction_read_only','off',false) ELSE writer()::text END;\n\n";
    private static final String HIDDEN_ONE_ENTRY = "-- name: b_hidden_flip_or_write\n"
            + "SELECT CASE WHEN current_setting('default_transaction_read_only') = 'on'"
            + " THEN flip() ELSE writer()::text END;\n\n";
    private static final String TWO_ENTRIES = "-- name: c_flip\nSELECT set_config('default_transaction_read_only','off',false);\n\n"
            + "-- name: d_write\nSELECT writer();\n\n"
            + "-- name: e_hidden_flip\nSELECT flip();\n\n"
            + "-- name: f_write_again\nSELECT writer();\n";

    private static Cli.Result bench(Path dir, String sql, String... more) throws IOException {
        Path catalog = Files.createDirectories(dir.resolve("catalog"));
        Files.writeString(catalog.resolve("queries.sql"), sql);
        List<String> args = new ArrayList<>(List.of("bench", "--url", pg.jdbcUrl(), "--catalog", catalog.toString(),
                "--warmup", "0s", "--warmup-iterations", "5", "--iterations", "50", "--max-error-rate", "100%"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void noReadCommitsWhatItWritesAfterAnotherTurnedTheSessionReadWrite(@TempDir Path dir)
            throws IOException, SQLException {
        Cli.Result r = bench(dir, ISSUE_ONE_ENTRY + HIDDEN_ONE_ENTRY + TWO_ENTRIES);
        // set_config(..., false) written in the text is refused, with the reason; the rest runs
        assertTrue(r.out().contains("a_flip_or_write: FAILED") && r.out().contains("calls set_config() without"
                + " is_local true"), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("b_hidden_flip_or_write +RAW_SQL_ANALYTICS +50 .*")),
                r::toString);
        assertTrue(r.out().contains("d_write: FAILED") && r.out().contains("read-only transaction"), r::toString);
        assertEquals("0", Fixtures.scalar(pg, "SELECT count(*) FROM written"));
    }

    @Test
    void withWritesAllowedAReadStillCommitsNothing(@TempDir Path dir) throws IOException, SQLException {
        // the flip now commits, as asked; the session is reset after it, and writer() in a read is refused
        Cli.Result r = bench(dir, HIDDEN_ONE_ENTRY + TWO_ENTRIES, "--allow-writes");
        assertTrue(r.out().contains("writes committed"), r::toString);
        assertTrue(r.out().contains("d_write: FAILED") && r.out().contains("f_write_again: FAILED"), r::toString);
        assertEquals("0", Fixtures.scalar(pg, "SELECT count(*) FROM written"));
    }
}
