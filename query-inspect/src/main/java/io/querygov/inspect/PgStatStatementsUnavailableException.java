package io.querygov.inspect;

/**
 * pg_stat_statements cannot be read in the target database. {@link #reason()} says which step is missing; the
 * message says how to take it.
 */
public final class PgStatStatementsUnavailableException extends IntrospectionException {
    private static final long serialVersionUID = 1L;

    /** What is missing. */
    public enum Reason {
        /** The server has no pg_stat_statements extension to install (the contrib package is missing). */
        NOT_INSTALLED_ON_SERVER,
        /** The library is not in {@code shared_preload_libraries}, so the server collects nothing. */
        NOT_PRELOADED,
        /** The library is loaded but {@code CREATE EXTENSION pg_stat_statements} was not run in this database. */
        EXTENSION_NOT_CREATED
    }

    private final Reason reason;

    public PgStatStatementsUnavailableException(Reason reason, String message, Throwable cause) {
        super(null, null, message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
