package io.querygov.cli.internal;

import io.querygov.cli.ExitCode;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.postgresql.jdbc.PreferQueryMode;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How to reach one PostgreSQL server: a JDBC URL, with the user and password from the URL or from PGUSER and
 * PGPASSWORD, or a URL built from the standard PostgreSQL environment variables (PGHOST, PGPORT, PGDATABASE,
 * PGUSER, PGPASSWORD) as libpq reads them.
 *
 * <p>Every data source made here fails fast (connect and login timeouts), gives up on a server that stops answering
 * (a socket timeout a margin above the longest statement timeout, so a frozen server fails the call instead of
 * hanging it), names itself {@code querytool} in {@code pg_stat_activity}, sends every statement on the extended
 * protocol ({@code preferQueryMode=extended}: one statement per Parse, so the server refuses a text that holds
 * several), and carries session settings in the startup packet, so they cost no round trip: {@code statement_timeout}
 * always, {@code default_transaction_read_only} for read-only sessions. A URL that asks for the simple protocol
 * ({@code preferQueryMode=simple} or {@code extendedForPrepared}) or a replication connection is refused. The
 * password is registered with {@link Secrets} and never part of {@link #description()}.
 */
public final class ConnectionSettings {
    private static final String PREFIX = "jdbc:postgresql:";
    /** The least a socket timeout exceeds the statement timeout by: the server's cancel and its error need time. */
    private static final Duration SOCKET_TIMEOUT_MARGIN = Duration.ofSeconds(2);

    private final String url;
    private final Properties parsed;
    private final String user;
    private final String password;
    private final String description;

    // A constructor that sets its fields, like the Spring endpoint's: alike in form only.
    private ConnectionSettings(String url, Properties parsed, String user, String password) {
        this.url = url;
        this.parsed = parsed;
        this.user = user;
        this.password = password;
        String host = parsed.getProperty("PGHOST", "localhost");
        String port = parsed.getProperty("PGPORT", "5432");
        String database = parsed.getProperty("PGDBNAME", "");
        this.description = host + ":" + port + "/" + database + (user == null ? "" : " as " + user);
    }

    /**
     * Settings from {@code --url}; a user or password the URL lacks comes from PGUSER or PGPASSWORD.
     *
     * @throws CliException with {@link ExitCode#USAGE} when the URL is not a PostgreSQL JDBC URL
     */
    public static ConnectionSettings fromUrl(String url, Map<String, String> environment, Secrets secrets) {
        String trimmed = url == null ? "" : url.trim();
        Properties parsed = trimmed.startsWith(PREFIX) ? Driver.parseURL(trimmed, null) : null;
        if (parsed == null) {
            throw new CliException(ExitCode.USAGE, "--url '" + secrets.scrub(trimmed) + "' is not a PostgreSQL JDBC URL:"
                    + " write it like jdbc:postgresql://host:5432/database?user=name (the password is best given in"
                    + " PGPASSWORD, so that it stays out of shell history)");
        }
        refuseSimpleProtocol(parsed, secrets.scrub(trimmed));
        String user = firstNonBlank(parsed.getProperty("user"), environment.get("PGUSER"));
        String password = parsed.getProperty("password");
        if (password == null || password.isEmpty()) {
            password = emptyToNull(environment.get("PGPASSWORD"));
        }
        secrets.add(password);
        return new ConnectionSettings(trimmed, parsed, user, password);
    }

    /**
     * Settings from PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD, or empty when none of the first four is set.
     *
     * @throws CliException with {@link ExitCode#USAGE} when they cannot make a TCP connection (a socket directory,
     *         a port that is not a number)
     */
    public static java.util.Optional<ConnectionSettings> fromEnvironment(Map<String, String> environment,
                                                                         Secrets secrets) {
        String host = blankToNull(environment.get("PGHOST"));
        String port = blankToNull(environment.get("PGPORT"));
        String database = blankToNull(environment.get("PGDATABASE"));
        String user = blankToNull(environment.get("PGUSER"));
        if (host == null && port == null && database == null && user == null) {
            return java.util.Optional.empty();
        }
        if (host != null && host.startsWith("/")) {
            throw new CliException(ExitCode.USAGE, "PGHOST=" + host + " is a Unix socket directory; querytool connects"
                    + " over TCP: set PGHOST to a host name such as localhost, or give --url");
        }
        if (port != null && !port.matches("\\d{1,5}")) {
            throw new CliException(ExitCode.USAGE, "PGPORT=" + port + " is not a port number");
        }
        String effectiveUser = user != null ? user : System.getProperty("user.name");
        String url = PREFIX + "//" + (host == null ? "localhost" : host) + ":" + (port == null ? "5432" : port) + "/"
                + (database == null ? effectiveUser : database);
        Properties parsed = Driver.parseURL(url, null);
        if (parsed == null) {
            throw new CliException(ExitCode.USAGE, "PGHOST, PGPORT and PGDATABASE do not make a valid address: "
                    + url);
        }
        String password = emptyToNull(environment.get("PGPASSWORD"));
        secrets.add(password);
        return java.util.Optional.of(new ConnectionSettings(url, parsed, effectiveUser, password));
    }

    /**
     * Refuses what would let one call carry several statements: the simple query protocol sends the whole text in
     * one message, which the server splits and runs statement by statement, COMMITs included.
     */
    private static void refuseSimpleProtocol(Properties parsed, String safeUrl) {
        String mode = parsed.getProperty(PGProperty.PREFER_QUERY_MODE.getName());
        if (mode != null && !mode.equals(PreferQueryMode.EXTENDED.value())
                && !mode.equals(PreferQueryMode.EXTENDED_CACHE_EVERYTHING.value())) {
            throw new CliException(ExitCode.USAGE, "--url '" + safeUrl + "': preferQueryMode=" + mode + " is refused:"
                    + " querytool sends every statement on the extended protocol, one statement per Parse, so that"
                    + " the server refuses a text that holds several; remove preferQueryMode from the URL (querytool"
                    + " sets extended) or set it to extended");
        }
        if (parsed.getProperty(PGProperty.REPLICATION.getName()) != null) {
            throw new CliException(ExitCode.USAGE, "--url '" + safeUrl + "': replication connections are refused:"
                    + " they speak the simple query protocol only; remove the replication parameter");
        }
    }

    /**
     * How long a connection waits for the server to say anything before it gives up: the longest statement timeout
     * its sessions run with, plus a quarter of it and at least {@link #SOCKET_TIMEOUT_MARGIN}, in whole seconds
     * (pgjdbc's unit). A server that answers always answers within it, with a result or a timeout error; one that is
     * stopped, frozen or cut off fails the call instead of hanging it.
     */
    public static Duration socketTimeout(Duration longestStatementTimeout) {
        Duration margin = longestStatementTimeout.dividedBy(4);
        Duration timeout = longestStatementTimeout.plus(margin.compareTo(SOCKET_TIMEOUT_MARGIN) < 0
                ? SOCKET_TIMEOUT_MARGIN : margin);
        return Duration.ofSeconds((timeout.toMillis() + 999) / 1000);
    }

    /** {@code host:port/database as user}: safe to print, never holds the password. */
    public String description() {
        return description;
    }

    /** The database name. */
    public String database() {
        return parsed.getProperty("PGDBNAME", "");
    }

    /** These settings with another database on the same server. */
    public ConnectionSettings withDatabase(String database) {
        Properties p = new Properties();
        p.putAll(parsed);
        p.setProperty("PGDBNAME", database);
        String hostPort = url.substring(PREFIX.length());
        int query = hostPort.indexOf('?');
        String params = query < 0 ? "" : hostPort.substring(query);
        String address = query < 0 ? hostPort : hostPort.substring(0, query);
        int slash = address.indexOf('/', 2);
        String newUrl = PREFIX + (slash < 0 ? address : address.substring(0, slash)) + "/" + database + params;
        return new ConnectionSettings(newUrl, p, user, password);
    }

    /**
     * A data source whose sessions start with these settings.
     *
     * @param connectTimeout how long to wait for the server to answer and log us in
     * @param statementTimeout {@code statement_timeout} of every session, or null for the server's
     * @param socketTimeout how long a call waits for the server to say anything ({@link #socketTimeout(Duration)}),
     *        or null to wait as long as it takes; a {@code socketTimeout} in the URL wins
     * @param readOnly whether every transaction is read-only by default ({@code default_transaction_read_only})
     */
    public DataSource dataSource(Duration connectTimeout, Duration statementTimeout, Duration socketTimeout,
                                 boolean readOnly) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        if (!PreferQueryMode.EXTENDED_CACHE_EVERYTHING.value().equals(
                parsed.getProperty(PGProperty.PREFER_QUERY_MODE.getName()))) {
            ds.setPreferQueryMode(PreferQueryMode.EXTENDED);
        }
        if (socketTimeout != null && parsed.getProperty(PGProperty.SOCKET_TIMEOUT.getName()) == null) {
            ds.setSocketTimeout((int) Math.min(Integer.MAX_VALUE, socketTimeout.toSeconds()));
        }
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (connectTimeout.toMillis() + 999) / 1000));
        if (parsed.getProperty("connectTimeout") == null) {
            ds.setConnectTimeout(seconds);
        }
        if (parsed.getProperty("loginTimeout") == null) {
            ds.setLoginTimeout(seconds);
        }
        if (parsed.getProperty("ApplicationName") == null) {
            ds.setApplicationName("querytool");
        }
        StringBuilder options = new StringBuilder();
        if (ds.getOptions() != null && !ds.getOptions().isBlank()) {
            options.append(ds.getOptions().trim());
        }
        if (statementTimeout != null) {
            append(options, "-c statement_timeout=" + Math.max(1, statementTimeout.toMillis()));
        }
        if (readOnly) {
            append(options, "-c default_transaction_read_only=on");
        }
        if (options.length() > 0) {
            ds.setOptions(options.toString());
        }
        return ds;
    }

    private static void append(StringBuilder options, String option) {
        if (options.length() > 0) {
            options.append(' ');
        }
        options.append(option);
    }

    private static String firstNonBlank(String a, String b) {
        return blankToNull(a) != null ? a : blankToNull(b);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public String toString() {
        return description;
    }
}
