package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command as a role that is neither superuser nor member of pg_read_all_settings, as most production accounts
 * are: settings such a role may not read are left out, with a note, and nothing fails for want of them.
 */
class NonSuperuserTest {
    @RegisterExtension
    static PostgresExtension pg = Fixtures.database();

    /** Roles belong to the whole server: a name of its own, so that parallel builds on one server never meet. */
    private static final String ROLE = "qg_reader_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    private static String url;

    @BeforeAll
    static void createTheRole() throws SQLException {
        Fixtures.execute(pg, "CREATE ROLE " + ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
        Fixtures.execute(pg, "GRANT CONNECT ON DATABASE " + pg.databaseName() + " TO " + ROLE);
        Fixtures.execute(pg, "GRANT USAGE ON SCHEMA public TO " + ROLE);
        Fixtures.execute(pg, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + ROLE);
        url = pg.jdbcUrl().replaceAll("([?&])user=[^&]*", "$1user=" + ROLE);
        assertTrue(url.contains("user=" + ROLE), url);
        assertEquals("false", Fixtures.scalar(pg, "SELECT (rolsuper OR pg_has_role('" + ROLE
                + "', 'pg_read_all_settings', 'USAGE'))::text FROM pg_roles WHERE rolname = '" + ROLE + "'"));
    }

    @AfterAll
    static void dropTheRole() throws SQLException {
        // the grants are in this database; the role itself is the server's
        Fixtures.execute(pg, "DROP OWNED BY " + ROLE);
        Fixtures.execute(pg, "DROP ROLE " + ROLE);
    }

    @Test
    void checkRuns() {
        Cli.Result r = Cli.run("check", "--url", url, "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("as " + ROLE), r::toString);
        assertFalse(r.err().contains("must be superuser"), r::toString);
    }

    @Test
    void explainRuns() {
        Cli.Result r = Cli.run("explain", "jobs_per_status", "--url", url, "--catalog", Cli.catalog("good"));
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
    }

    @Test
    void benchSavesTheSettingsItMayReadAndSaysWhichItMayNot(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("run.json");
        Cli.Result r = Cli.run("bench", "--url", url, "--catalog", Cli.catalog("good"), "--query", "project_by_id",
                "--warmup", "0s", "--warmup-iterations", "2", "--iterations", "5", "--save", saved.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.err().contains("shared_preload_libraries is not readable by " + ROLE
                + " (superusers and members of pg_read_all_settings only)"), r::toString);
        String run = Files.readString(saved);
        assertTrue(run.contains("work_mem"), run);
        assertFalse(run.contains("shared_preload_libraries"), run);
    }

    @Test
    void slowestRanksOrSaysWhatIsMissingWithoutAskingForSuperuser() {
        Cli.Result r = Cli.run("slowest", "--url", url, "--catalog", Cli.catalog("good"));
        assertFalse(r.err().contains("must be superuser"), r::toString);
        if (pg.pgStatStatementsAvailable()) {
            assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        } else {
            // the extension was never created here, and this role may not read whether the server loads it
            assertEquals(ExitCode.DATABASE_UNAVAILABLE, r.exitCode(), r::toString);
            assertTrue(r.err().contains("pg_stat_statements is not created in database " + pg.databaseName()
                    + ", and whether the server loads it cannot be told"), r::toString);
        }
    }
}
