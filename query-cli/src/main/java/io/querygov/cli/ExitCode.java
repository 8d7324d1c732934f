package io.querygov.cli;

/**
 * What {@code querytool} exits with, so that a runbook or a CI job can act on it. Every command's
 * {@code --help} lists them.
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
     * database does not exist, or pg_stat_statements is not available for {@code slowest}.
     */
    public static final int DATABASE_UNAVAILABLE = 3;
    /** Something failed that the tool did not expect: a bug, or the server failing mid-run. {@code -v} shows why. */
    public static final int UNEXPECTED = 4;

    private ExitCode() {
    }
}
