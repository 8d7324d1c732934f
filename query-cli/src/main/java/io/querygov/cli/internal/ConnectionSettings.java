package io.querygov.cli.internal;

import io.querygov.cli.ExitCode;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How to reach one PostgreSQL server: a JDBC URL, with the user and password from the URL or from PGUSER and
 * PGPASSWORD, or a URL built from the standard PostgreSQL environment variables (PGHOST, PGPORT, PGDATABASE,
 * PGUSER, PGPASSWORD) as libpq reads them.
 *
 * <p>Every data source made here fails fast (connect and login timeouts), names itself {@code querytool} in
 * {@code pg_stat_activity}, and carries session settings in the startup packet, so they cost no round trip:
 * {@code statement_timeout} always, {@code default_transaction_read_only} for read-only sessions. The password is
 * registered with {@link Secrets} and never part of {@link #description()}.
 */
public final class ConnectionSettings {
    private static final String PREFIX = "jdbc:postgresql:";

    private final String url;
    private final Properties parsed;
    private final String user;
    private final String password;
    private final String description;

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
     * @param readOnly whether every transaction is read-only by default ({@code default_transaction_read_only})
     */
    public DataSource dataSource(Duration connectTimeout, Duration statementTimeout, boolean readOnly) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
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
