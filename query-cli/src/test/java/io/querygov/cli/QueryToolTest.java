package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

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
        assertExitCodesListed(r.out(), "querytool");
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "check", "bench", "explain", "slowest", "compare"})
    void everyCommandHasHelpWithExamples(String command) {
        Cli.Result r = Cli.run(command, "--help");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Usage: querytool " + command), r::toString);
        assertTrue(r.out().contains("Examples:\n  querytool " + command), r::toString);
        assertExitCodesListed(r.out(), command);
        assertTrue(r.out().contains("--format"), r::toString);
        assertTrue(r.out().contains("--verbose"), r::toString);
    }

    @Test
    void everyCommandsHelpListsItsExitCodes() {
        for (String command : new CommandLine(new QueryTool(Map.of(), false)).getSubcommands().keySet()) {
            Cli.Result r = Cli.run(command, "--help");
            assertEquals(ExitCode.OK, r.exitCode(), r::toString);
            assertExitCodesListed(r.out(), command);
        }
    }

    @Test
    void exitCodesSayWhatEachCommandMeansByThem() {
        assertEquals(Set.of("0", "2", "4"), ExitCode.meanings("list").keySet());
        assertEquals(Set.of("0", "1", "2", "3", "4"), ExitCode.meanings("bench").keySet());
        assertEquals("a listed statement's mean time is above --max-mean", ExitCode.meanings("slowest").get("1"));
        assertEquals(ExitCode.meanings("querytool"), ExitCode.meanings("a command that says nothing more"));
    }

    /** Help lists each code once, under one heading, with the text ExitCode gives it, and nowhere else. */
    private static void assertExitCodesListed(String help, String command) {
        int heading = help.indexOf("Exit codes:\n");
        assertTrue(heading >= 0, help);
        assertEquals(heading, help.lastIndexOf("Exit codes"), "one list of exit codes:\n" + help);
        String listed = help.substring(heading).replaceAll("\\s+", " ");
        for (Map.Entry<String, String> code : ExitCode.meanings(command).entrySet()) {
            assertTrue(listed.contains(" " + code.getKey() + " " + code.getValue().replaceAll("\\s+", " ")),
                    () -> "exit code " + code.getKey() + " missing from\n" + help);
        }
    }

    @Test
    // Opens as every test of one run does (run, exit code, what it printed): the version is its own check.
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
