package io.querygov.cli.internal;

import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The database a command runs against: a server named by {@code --url} or the PG* variables, or the embedded
 * default. Open with {@link TargetOptions#open}; close it when the command ends (the embedded server stops).
 */
public interface Target extends AutoCloseable {

    /** What this is, safe to print: never a password. */
    String description();

    /** Whether this is the embedded default rather than a server the user named. */
    boolean embedded();

    /** The server's version, as {@code SHOW server_version} says it. */
    String serverVersion();

    /** {@code server_version_num}, e.g. 170006. */
    int serverVersionNum();

    /**
     * Sessions whose transactions are read-only unless they say otherwise; for commands that only read.
     */
    DataSource readOnly();

    /** Sessions that may write; whoever uses them decides what is rolled back. */
    DataSource readWrite();

    /** The {@code statement_timeout} every session starts with. */
    Duration statementTimeout();

    /** Facts about the server for a saved result: version, settings that shape performance. */
    Map<String, String> facts();

    /** Stops what this target started, if anything. */
    @Override
    void close();
}
