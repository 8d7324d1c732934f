package io.querygov.inspect;

/** The outcome of checking one registered statement against the live schema. */
public enum CheckStatus {
    /** The server parsed and described the statement. */
    OK,
    /** The server refused the statement; {@link CheckResult#failure()} says why and where. */
    FAILED,
    /** Not a SQL statement (HQL, an entity operation, a name only): there is nothing to send to the server. */
    SKIPPED
}
