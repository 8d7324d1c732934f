package io.querygov.cli.internal;

import io.querygov.core.QueryGovException;

/** A failure the tool understands: it carries the exit code and a message written for the person at the terminal. */
public final class CliException extends QueryGovException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
