package io.querygov.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code querytool} exits with, so that a runbook or a CI job can act on it. The codes, and what each means for
 * each command, are declared here once; every command's {@code --help} lists them from here.
 */
public final class ExitCode {
    /** Everything ran and nothing was found wrong. */
    public static final int OK = 0;
    /**
     * The command ran and found a problem: a statement the server refuses ({@code check}), a regression beyond the
     * tolerance ({@code bench --baseline}), a statement slower than {@code --max-mean} ({@code slowest}), variants
     * that disagree ({@code compare}).
     */
    public static final int PROBLEM_FOUND = 1;
    /**
     * The command line or the configuration is wrong: an unknown option, a bad value, a catalog that does not load
     * (the message names the file and line), an unknown query name, a JDBC URL that is not one.
     */
    public static final int USAGE = 2;
    /**
     * The database could not be reached or refused us: connection refused or timed out, authentication failed, the
     * database does not exist, pg_stat_statements is not available for {@code slowest}, or it stopped answering
     * mid-run ({@code bench}: what was measured until then is printed and saved).
     */
    public static final int DATABASE_UNAVAILABLE = 3;
    /** Something failed that the tool did not expect: a bug, or the server failing mid-run. {@code -v} shows why. */
    public static final int UNEXPECTED = 4;

    /** What a code means, for every command or for one. */
    private record Meaning(int code, String text) {
    }

    private static final List<Meaning> GENERAL = List.of(
            new Meaning(OK, "fine"),
            new Meaning(PROBLEM_FOUND, "the command found a problem: a failed check, a regression, a slow"
                    + " statement, variants that differ"),
            new Meaning(USAGE, "usage or configuration error: a bad option, a bad catalog (the message names the"
                    + " file and line), an unknown query"),
            new Meaning(DATABASE_UNAVAILABLE, "the database could not be reached or refused us, or"
                    + " pg_stat_statements is not available"),
            new Meaning(UNEXPECTED, "unexpected failure; -v shows the stack trace"));

    /** Where a command's codes say more than {@link #GENERAL}, or where it never exits with one (a null text). */
    private static final Map<String, List<Meaning>> BY_COMMAND = Map.of(
            "list", List.of(
                    new Meaning(OK, "listed (also when nothing matches)"),
                    new Meaning(PROBLEM_FOUND, null),
                    new Meaning(DATABASE_UNAVAILABLE, null)),
            "check", List.of(
                    new Meaning(OK, "every statement checks"),
                    new Meaning(PROBLEM_FOUND, "at least one statement failed to check")),
            // one entry per command, alike on purpose: each reads as its help prints it
            "bench", List.of(
                    new Meaning(OK, "measured"),
                    new Meaning(PROBLEM_FOUND, "a regression beyond --tolerance, or a query that failed"),
                    new Meaning(USAGE, "bad option, catalog or baseline file")),
            "explain", List.of(
                    new Meaning(OK, "explained"),
                    new Meaning(PROBLEM_FOUND, "the server refused the statement, or it timed out"),
                    new Meaning(USAGE, "bad option, catalog, query name or parameter value")),
            "slowest", List.of(
                    new Meaning(OK, "ranked"),
                    new Meaning(PROBLEM_FOUND, "a listed statement's mean time is above --max-mean"),
                    new Meaning(USAGE, "bad option or catalog, or a --names snapshot that cannot be read"),
                    new Meaning(DATABASE_UNAVAILABLE, "the database could not be reached or refused us, or"
                            + " pg_stat_statements is not available (the message says how to enable it)")),
            "dashboard", List.of(
                    new Meaning(OK, "stopped"),
                    new Meaning(PROBLEM_FOUND, null),
                    new Meaning(USAGE, "bad option or catalog, or the port is taken")),
            "advise", List.of(
                    new Meaning(OK, "advised: no finding of severity error (warn and info findings may be there)"),
                    new Meaning(PROBLEM_FOUND, "a finding of severity error, e.g. QG-N1: an ORM call that repeats a"
                            + " statement"),
                    new Meaning(USAGE, "bad option, catalog or --run file")),
            "compare", List.of(
                    new Meaning(OK, "compared"),
                    new Meaning(PROBLEM_FOUND, "variants of a group return different rows, or one fails"),
                    new Meaning(USAGE, "bad option or catalog, or no query tagged compare:<group>")),
            "pool", List.of(
                    new Meaning(OK, "measured and recommended"),
                    new Meaning(PROBLEM_FOUND, null),
                    new Meaning(USAGE, "bad option or catalog, or no read that runs on the target")));

    private ExitCode() {
    }

    /**
     * What each code means for {@code command} (a subcommand's name, or {@code querytool} for the top level), in
     * order, keyed by the code as help prints it; a command not named here gets the general meanings.
     */
    static Map<String, String> meanings(String command) {
        Map<Integer, String> specific = new HashMap<>();
        for (Meaning m : BY_COMMAND.getOrDefault(command, List.of())) {
            specific.put(m.code(), m.text());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Meaning m : GENERAL) {
            String text = specific.containsKey(m.code()) ? specific.get(m.code()) : m.text();
            if (text != null) {
                out.put(Integer.toString(m.code()), text);
            }
        }
        return out;
    }
}
