package io.querygov.cli.internal;

import io.querygov.cli.ExitCode;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** A server the user named with {@code --url} or the PG* variables. Closing it closes nothing: we hold no pool. */
final class ServerTarget implements Target {
    private final ConnectionSettings settings;
    private final Duration statementTimeout;
    private final DataSource readOnly;
    private final DataSource readWrite;
    private final ServerFacts facts;
    private final String source;

    private ServerTarget(ConnectionSettings settings, Duration statementTimeout, DataSource readOnly,
                         DataSource readWrite, ServerFacts facts, String source) {
        this.settings = settings;
        this.statementTimeout = statementTimeout;
        this.readOnly = readOnly;
        this.readWrite = readWrite;
        this.facts = facts;
        this.source = source;
    }

    /**
     * Connects once to prove the server answers, and to learn its version.
     *
     * @param source where the settings came from, for the description: {@code --url} or {@code PG* variables}
     * @throws CliException with {@link ExitCode#DATABASE_UNAVAILABLE} when it does not
     */
    static ServerTarget open(ConnectionSettings settings, Duration connectTimeout, Duration statementTimeout,
                             String source, Secrets secrets) {
        DataSource readOnly = settings.dataSource(connectTimeout, statementTimeout, true);
        DataSource readWrite = settings.dataSource(connectTimeout, statementTimeout, false);
        try {
            ServerFacts facts = ServerFacts.read(readOnly);
            return new ServerTarget(settings, statementTimeout, readOnly, readWrite, facts, source);
        } catch (SQLException e) {
            String hint = Failures.unavailable(e) != null ? Failures.hint(e) : " (SQLSTATE " + e.getSQLState() + ")";
            throw new CliException(ExitCode.DATABASE_UNAVAILABLE, "Cannot connect to " + settings.description()
                    + " (from " + source + "): " + secrets.scrub(e.getMessage()) + hint, e);
        }
    }

    @Override
    public String description() {
        return "PostgreSQL " + facts.version() + " at " + settings.description() + " (from " + source + ")";
    }

    @Override
    public boolean embedded() {
        return false;
    }

    @Override
    public String serverVersion() {
        return facts.version();
    }

    @Override
    public int serverVersionNum() {
        return facts.versionNum();
    }

    @Override
    public DataSource readOnly() {
        return readOnly;
    }

    @Override
    public DataSource readWrite() {
        return readWrite;
    }

    @Override
    public Duration statementTimeout() {
        return statementTimeout;
    }

    @Override
    public Map<String, String> facts() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("target", settings.description());
        out.put("target.embedded", "false");
        out.putAll(facts.asMap());
        return out;
    }

    @Override
    public void close() {
    }
}
