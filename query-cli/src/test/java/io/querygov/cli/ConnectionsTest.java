package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.cli.internal.ConnectionSettings;
import io.querygov.cli.internal.Secrets;
import io.querygov.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.jdbc.PgConnection;
import org.postgresql.jdbc.PreferQueryMode;

/**
 * How querytool's connections behave on a real server: they give up on a server that stops answering, and they send
 * every statement on the extended protocol, one statement at a time.
 */
class ConnectionsTest {
    private static final String MARKER = "freeze here";

    @RegisterExtension
    static PostgresExtension pg = Fixtures.database().withSchema("CREATE TABLE victim (id int PRIMARY KEY)",
            "INSERT INTO victim SELECT generate_series(1, 10)");

    private static Path catalog(Path dir, String sql) throws IOException {
        Files.writeString(dir.resolve("queries.sql"), sql);
        return dir;
    }

    /** A short bench of {@code queries} through {@code proxy}, with one-second timeouts. */
    private static Cli.Result benchThrough(FreezingProxy proxy, Path queries) {
        return Cli.run("bench", "--statement-timeout", "1s", "--connect-timeout", "1s",
                "--warmup", "0s", "--warmup-iterations", "1", "--iterations", "3",
                "--url", proxy.url(pg.jdbcUrl()), "--catalog", queries.toString());
    }

    /**
     * Without a socket timeout the driver waits for the frozen server forever; the guard, on a thread of its own since
     * a blocked socket read ignores interrupts, fails the test instead.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFrozenServerFailsTheCallInsteadOfHangingIt(@TempDir Path dir) throws IOException {
        Path queries = catalog(dir, "-- name: frozen\nSELECT '" + MARKER + "' AS marker;\n");
        try (FreezingProxy proxy = FreezingProxy.to(pg.jdbcUrl(), MARKER)) {
            Cli.Result r = Cli.run("explain", "frozen", "--statement-timeout", "1s", "--connect-timeout", "1s",
                    "--url", proxy.url(pg.jdbcUrl()), "--catalog", queries.toString());
            assertTrue(proxy.frozen(), "the statement reached the relay");
            assertEquals(ExitCode.DATABASE_UNAVAILABLE, r.exitCode(), r::toString);
            assertTrue(r.err().contains("The database could not be reached or refused us"), r::toString);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aServerThatFreezesMidRunTurnsCallsIntoFailuresAndTheRunEndsWithWhatWasMeasured(@TempDir Path dir)
            throws IOException {
        Path queries = catalog(dir, "-- name: a_before\nSELECT count(*) FROM project;\n\n"
                + "-- name: b_frozen\nSELECT '" + MARKER + "' AS marker;\n");
        try (FreezingProxy proxy = FreezingProxy.to(pg.jdbcUrl(), MARKER)) {
            Cli.Result r = benchThrough(proxy, queries);
            assertTrue(proxy.frozen(), "the statement reached the relay");
            assertEquals(ExitCode.DATABASE_UNAVAILABLE, r.exitCode(), r::toString);
            assertTrue(r.out().lines().anyMatch(l -> l.matches("a_before +RAW_SQL_ANALYTICS +3 +0 .*")), r::toString);
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("b_frozen ")), r::toString);
        }
    }

    /**
     * Issue 10 item 4: after the first call that got no answer, the rest of the run is not sent, so the run ends after
     * one socket timeout rather than one per call and reconnection, query after query.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void afterTheServerStoppedAnsweringTheRestOfTheRunIsNotSentAndTheRunSaysWhy(@TempDir Path dir)
            throws IOException {
        Path queries = catalog(dir, "-- name: a_before\nSELECT count(*) FROM project;\n\n"
                + "-- name: b_frozen\nSELECT '" + MARKER + "' AS marker;\n\n"
                + "-- name: c_after\nSELECT 1;\n\n-- name: d_after\nSELECT 2;\n");
        try (FreezingProxy proxy = FreezingProxy.to(pg.jdbcUrl(), MARKER)) {
            Cli.Result r = benchThrough(proxy, queries);
            assertTrue(proxy.frozen(), "the statement reached the relay");
            // the target failed the run, however few of its calls failed
            assertEquals(ExitCode.DATABASE_UNAVAILABLE, r.exitCode(), r::toString);
            assertTrue(r.out().lines().anyMatch(l -> l.matches("a_before +RAW_SQL_ANALYTICS +3 +0 .*")), r::toString);
            assertTrue(r.out().contains("b_frozen: FAILED: java.sql.SQLTransientConnectionException: the server"
                    + " stopped answering (no reply within the socket or connect timeout during 'b_frozen')"),
                    r::toString);
            for (String after : List.of("c_after", "d_after")) {
                assertTrue(r.out().contains(after + ": FAILED: java.sql.SQLTransientConnectionException: not sent:"
                        + " the server stopped answering"), r::toString);
            }
            assertTrue(r.out().contains("STOPPED: the server stopped answering"), r::toString);
        }
    }

    @Test
    void aQueryWithALongerTimeoutOfItsOwnIsGivenTheTimeToFinish(@TempDir Path dir) throws IOException {
        // 3.5 s is past what a socket timeout derived from --statement-timeout 1s alone would allow (3 s)
        Path queries = catalog(dir, "-- name: patient\n-- timeout: 20s\nSELECT pg_sleep(3.5);\n");
        Cli.Result r = Cli.run("bench", "--statement-timeout", "1s", "--warmup", "0s", "--warmup-iterations", "0",
                "--iterations", "1", "--url", pg.jdbcUrl(), "--catalog", queries.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("patient +RAW_SQL_ANALYTICS +1 +0 .*")), r::toString);
    }

    @Test
    void theSocketTimeoutLeavesTheServerTimeToCancelAndAnswer() {
        assertEquals(Duration.ofSeconds(3), ConnectionSettings.socketTimeout(Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(3), ConnectionSettings.socketTimeout(Duration.ofMillis(300)));
        assertEquals(Duration.ofSeconds(7), ConnectionSettings.socketTimeout(Duration.ofSeconds(5)));
        assertEquals(Duration.ofSeconds(75), ConnectionSettings.socketTimeout(Duration.ofSeconds(60)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"preferQueryMode=simple", "preferQueryMode=extendedForPrepared", "replication=database"})
    void aUrlThatWouldSendSeveralStatementsInOneCallIsRefused(String parameter) {
        Cli.Result r = Cli.run("check", "--url", pg.jdbcUrl() + "&" + parameter, "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains(parameter.startsWith("replication") ? "replication connections are refused"
                : parameter + " is refused"), r::toString);
        assertFalse(r.out().contains("project_by_id"), "nothing checked: " + r);
    }

    @Test
    void sessionsUseTheExtendedProtocolWhateverTheUrlLeavesOut() throws SQLException {
        assertEquals(PreferQueryMode.EXTENDED, modeOf(pg.jdbcUrl()));
        assertEquals(PreferQueryMode.EXTENDED, modeOf(pg.jdbcUrl() + "&preferQueryMode=extended"));
        assertEquals(PreferQueryMode.EXTENDED_CACHE_EVERYTHING,
                modeOf(pg.jdbcUrl() + "&preferQueryMode=extendedCacheEverything"));
    }

    private static PreferQueryMode modeOf(String url) throws SQLException {
        DataSource ds = ConnectionSettings.fromUrl(url, Map.of(), new Secrets())
                .dataSource(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), true);
        try (Connection c = ds.getConnection()) {
            return c.unwrap(PgConnection.class).getQueryExecutor().getPreferQueryMode();
        }
    }

    @Test
    void anEntryTheDriverWouldSplitIsRefusedAndNothingChanges(@TempDir Path dir) throws IOException, SQLException {
        Path queries = catalog(dir, "-- name: cr_update_commit\n-- type: RAW_SQL_BULK\n"
                + "UPDATE victim SET id = id + 1000 WHERE id < 1000 --\r; COMMIT --\n;\n\n"
                + "-- name: cr_delete\nSELECT 1 --\r; COMMIT; SET transaction_read_only = off; DELETE FROM victim --\n;\n");
        for (String[] command : new String[][] {{"explain", "cr_delete"}, {"explain", "cr_update_commit", "--analyze"},
            {"bench", "--iterations", "2", "--warmup-iterations", "0", "--warmup", "0s"}}) {
            String[] args = new String[command.length + 4];
            System.arraycopy(command, 0, args, 0, command.length);
            System.arraycopy(new String[] {"--url", pg.jdbcUrl(), "--catalog", queries.toString()}, 0, args,
                    command.length, 4);
            Cli.Result r = Cli.run(args);
            assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
            assertTrue(r.err().contains("cr_"), r::toString);
        }
        assertEquals("10 55", Fixtures.scalar(pg, "SELECT count(*) || ' ' || sum(id) FROM victim"));
    }
}
