package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line itself: help, version, usage errors. No database. */
class QueryToolTest {

    @Test
    void printsUsageAndExits2WithoutACommand() {
        Cli.Result r = Cli.run();
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Missing command"), r::toString);
        assertTrue(r.err().contains("Usage: querytool"), r::toString);
        assertTrue(r.err().contains("slowest"), r::toString);
    }

    @Test
    void helpListsCommandsExamplesAndExitCodes() {
        Cli.Result r = Cli.run("--help");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        for (String command : new String[] {"list", "check", "bench", "explain", "slowest", "compare", "dashboard"}) {
            assertTrue(r.out().contains("  " + command + " "), () -> command + " missing from\n" + r.out());
        }
        assertTrue(r.out().contains("Examples:"), r::toString);
        assertTrue(r.out().contains("3  the database could not be reached"), r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "check", "bench", "explain", "slowest", "compare"})
    void everyCommandHasHelpWithExamples(String command) {
        Cli.Result r = Cli.run(command, "--help");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Usage: querytool " + command), r::toString);
        assertTrue(r.out().contains("Examples:\n  querytool " + command), r::toString);
        assertTrue(r.out().contains("Exit codes:"), r::toString);
        assertTrue(r.out().contains("--format"), r::toString);
        assertTrue(r.out().contains("--verbose"), r::toString);
    }

    @Test
    void version() {
        Cli.Result r = Cli.run("--version");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("querytool "), r::toString);
        assertFalse(r.out().startsWith("querytool unknown"), r::toString);
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli.Result r = Cli.run("list", "--no-such-option");
        assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Unknown option: '--no-such-option'"), r::toString);
    }

    @Test
    void badOptionValuesNameTheOption() {
        Cli.Result format = Cli.run("list", "--format", "xml");
        assertEquals(ExitCode.USAGE, format.exitCode(), format::toString);
        assertTrue(format.err().contains("'xml' is not a format"), format::toString);

        Cli.Result type = Cli.run("list", "--type", "orm-medium");
        assertEquals(ExitCode.USAGE, type.exitCode(), type::toString);
        assertTrue(type.err().contains("unknown query type 'orm-medium'"), type::toString);

        Cli.Result timeout = Cli.run("check", "--statement-timeout", "soon");
        assertEquals(ExitCode.USAGE, timeout.exitCode(), timeout::toString);
        assertTrue(timeout.err().contains("'soon' is not a duration"), timeout::toString);
    }
}
