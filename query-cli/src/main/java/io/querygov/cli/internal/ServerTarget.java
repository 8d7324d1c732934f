package io.querygov.cli.internal;

import io.querygov.cli.ExitCode;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** A server the user named with {@code --url} or the PG* variables. Closing it closes nothing: we hold no pool. */
final class ServerTarget extends ConnectedTarget {
    private final ConnectionSettings settings;
    private final String source;

    private ServerTarget(ConnectionSettings settings, Duration statementTimeout, DataSource readOnly,
                         DataSource readWrite, ServerFacts facts, String source, Notes notes) {
        super(readOnly, readWrite, statementTimeout, facts, notes);
        this.settings = settings;
        this.source = source;
    }

    /**
     * Connects once to prove the server answers, and to learn its version.
     *
     * @param socketTimeout how long a call waits for the server to say anything
     *        ({@link ConnectionSettings#socketTimeout(Duration)})
     * @param source where the settings came from, for the description: {@code --url} or {@code PG* variables}
     * @throws CliException with {@link ExitCode#DATABASE_UNAVAILABLE} when it does not
     */
    static ServerTarget open(ConnectionSettings settings, Duration connectTimeout, Duration statementTimeout,
                             Duration socketTimeout, String source, Secrets secrets, Notes notes) {
        DataSource readOnly = settings.dataSource(connectTimeout, statementTimeout, socketTimeout, true);
        DataSource readWrite = settings.dataSource(connectTimeout, statementTimeout, socketTimeout, false);
        try {
            ServerFacts facts = ServerFacts.read(readOnly);
            return new ServerTarget(settings, statementTimeout, readOnly, readWrite, facts, source, notes);
        } catch (SQLException e) {
            String hint = Failures.unavailable(e) != null ? Failures.hint(e) : " (SQLSTATE " + e.getSQLState() + ")";
            throw new CliException(ExitCode.DATABASE_UNAVAILABLE, "Cannot connect to " + settings.description()
                    + " (from " + source + "): " + secrets.scrub(e.getMessage()) + hint, e);
        }
    }

    @Override
    public String description() {
        return "PostgreSQL " + serverVersion() + " at " + settings.description() + " (from " + source + ")";
    }

    // The same questions of ConnectedTarget as EmbeddedTarget answers, with this target's answers.
    @Override
    public boolean embedded() {
        return false;
    }

    @Override
    Map<String, String> targetFacts() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("target", settings.description());
        out.put("target.embedded", "false");
        return out;
    }

    @Override
    public void close() {
    }
}
