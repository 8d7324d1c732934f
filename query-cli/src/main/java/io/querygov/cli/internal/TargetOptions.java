package io.querygov.cli.internal;

import io.querygov.cli.ExitCode;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which database a command runs against, and the limits every session gets. Without {@code --url} and without
 * PGHOST, PGPORT, PGDATABASE or PGUSER, the target is the embedded default.
 */
public final class TargetOptions {

    @Option(names = "--url", paramLabel = "JDBC_URL", order = 10,
            description = "Target database, e.g. jdbc:postgresql://db:5432/app?user=ops. Without it, PGHOST, PGPORT,"
                    + " PGDATABASE, PGUSER and PGPASSWORD are read; without those, an embedded PostgreSQL 17 with"
                    + " the examples schema and data is started. Give the password in PGPASSWORD.")
    String url;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "5s", order = 12,
            converter = DurationConverter.class,
            description = "How long to wait for the server to answer and log us in (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    // Declared as every command declares its options, one @Option per field: the duration options of other commands
    // share this form, not these options.
    @Option(names = "--statement-timeout", paramLabel = "DURATION", defaultValue = "60s", order = 14,
            converter = DurationConverter.class,
            description = "statement_timeout of every session the command opens (default: ${DEFAULT-VALUE}).")
    Duration statementTimeout;

    @Option(names = "--scale", paramLabel = "FACTOR", defaultValue = "1", order = 16,
            description = "Data scale of the embedded default's example data (default: ${DEFAULT-VALUE});"
                    + " ignored with a target.")
    double scale;

    /** Where the target comes from, without connecting: for messages, and to decide on the embedded default. */
    public boolean namesTarget(Map<String, String> environment) {
        if (url != null) {
            return true;
        }
        for (String variable : new String[] {"PGHOST", "PGPORT", "PGDATABASE", "PGUSER"}) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens the target for the queries of {@code catalog}: connects once to a named server, or starts the embedded
     * default. Its connections give up on a server that says nothing for longer than the longest statement timeout
     * they may run with (--statement-timeout, or a query's own {@code -- timeout:}), plus a margin.
     *
     * @throws CliException with {@link ExitCode#USAGE} for bad settings, or SQL the driver would send as several
     *         statements; {@link ExitCode#DATABASE_UNAVAILABLE} when the server does not answer or refuses us
     */
    public Target open(Map<String, String> environment, Secrets secrets, Phases phases, Notes notes,
                       QueryCatalog catalog) {
        validate();
        DriverStatements.requireOneEach(catalog);
        Duration longest = statementTimeout;
        for (QueryDescriptor query : catalog.queries()) {
            Duration own = query.timeout().orElse(Duration.ZERO);
            longest = own.compareTo(longest) > 0 ? own : longest;
        }
        Duration socketTimeout = ConnectionSettings.socketTimeout(longest);
        if (url != null) {
            ConnectionSettings settings = ConnectionSettings.fromUrl(url, environment, secrets);
            return ServerTarget.open(settings, connectTimeout, statementTimeout, socketTimeout, "--url", secrets,
                    notes);
        }
        Optional<ConnectionSettings> fromEnvironment = ConnectionSettings.fromEnvironment(environment, secrets);
        if (fromEnvironment.isPresent()) {
            return ServerTarget.open(fromEnvironment.get(), connectTimeout, statementTimeout, socketTimeout,
                    "PG* variables", secrets, notes);
        }
        return EmbeddedTarget.start(scale, statementTimeout, socketTimeout, phases, notes);
    }

    private void validate() {
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new CliException(ExitCode.USAGE, "--connect-timeout must be positive, was "
                    + DurationConverter.format(connectTimeout));
        }
        if (statementTimeout.isNegative() || statementTimeout.toMillis() < 1) {
            throw new CliException(ExitCode.USAGE, "--statement-timeout must be at least 1ms, was " + statementTimeout);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new CliException(ExitCode.USAGE, "--scale must be a positive number, was " + scale);
        }
    }

    public Duration statementTimeout() {
        return statementTimeout;
    }
}
