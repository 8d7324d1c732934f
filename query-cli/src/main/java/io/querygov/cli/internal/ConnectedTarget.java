package io.querygov.cli.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What every target holds once it answers: its two kinds of sessions, their statement timeout and what the first
 * connection learned. The server's settings are read the first time {@link #facts()} is asked for, since only a saved
 * or reported result needs them.
 */
abstract class ConnectedTarget implements Target {
    private final DataSource readOnly;
    private final DataSource readWrite;
    private final Duration statementTimeout;
    private final ServerFacts server;
    private final Notes notes;
    /** Guarded by {@code this}. */
    private Map<String, String> settings;

    // Sets its fields, as DashboardServer's and the bench engine's constructors do: alike in form only.
    ConnectedTarget(DataSource readOnly, DataSource readWrite, Duration statementTimeout, ServerFacts server,
                    Notes notes) {
        this.readOnly = readOnly;
        this.readWrite = readWrite;
        this.statementTimeout = statementTimeout;
        this.server = server;
        this.notes = notes;
    }

    /** What says which target this is, for the facts: {@code target}, {@code target.embedded}, ... */
    abstract Map<String, String> targetFacts();

    @Override
    public final String serverVersion() {
        return server.version();
    }

    @Override
    public final int serverVersionNum() {
        return server.versionNum();
    }

    @Override
    public final DataSource readOnly() {
        return readOnly;
    }

    @Override
    public final DataSource readWrite() {
        return readWrite;
    }

    @Override
    public final Duration statementTimeout() {
        return statementTimeout;
    }

    /**
     * {@inheritDoc} Settings this role may not read are left out, with a note that says so.
     *
     * @throws IllegalStateException when the server no longer answers
     */
    @Override
    public final Map<String, String> facts() {
        Map<String, String> out = new LinkedHashMap<>(targetFacts());
        out.putAll(server.asMap());
        out.putAll(ServerFacts.asFacts(settings()));
        return out;
    }

    private synchronized Map<String, String> settings() {
        if (settings == null) {
            try {
                settings = ServerFacts.settings(readOnly, server.user(), notes);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read the server's settings: " + e.getMessage(), e);
            }
        }
        return settings;
    }
}
