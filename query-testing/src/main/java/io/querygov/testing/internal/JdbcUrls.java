package io.querygov.testing.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * PostgreSQL JDBC URLs: pointing one at another database, and rendering one without its secrets.
 *
 * <p>Understands the forms that pgjdbc accepts: {@code jdbc:postgresql://host[:port][,host2[:port2]...]/[database][?params]}
 * and {@code jdbc:postgresql:[database][?params]}. Host, port and parameters are kept exactly as given.
 */
public final class JdbcUrls {

    /** The prefix every PostgreSQL JDBC URL starts with. */
    public static final String PREFIX = "jdbc:postgresql:";

    private static final String MASK = "***";

    private JdbcUrls() {
    }

    /**
     * Returns {@code url} with its database replaced by {@code database}, keeping hosts, ports and parameters.
     *
     * @throws IllegalArgumentException if {@code url} is not a PostgreSQL JDBC URL (the message never shows a password)
     */
    public static String withDatabase(String url, String database) {
        Objects.requireNonNull(url, "url");
        if (database == null || database.isEmpty()) {
            throw new IllegalArgumentException("database must not be empty");
        }
        requirePostgresUrl(url);
        String encoded = URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        int query = url.indexOf('?');
        String beforeQuery = query < 0 ? url : url.substring(0, query);
        String queryPart = query < 0 ? "" : url.substring(query);
        String rest = beforeQuery.substring(PREFIX.length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest : rest.substring(0, slash);
            if (authority.length() == 2) {
                throw new IllegalArgumentException("JDBC URL has no host: " + redact(url));
            }
            return PREFIX + authority + "/" + encoded + queryPart;
        }
        // jdbc:postgresql:database form
        return PREFIX + encoded + queryPart;
    }

    /**
     * Returns {@code url} with the value of every parameter whose name contains "password" (and any
     * {@code user:password@} part) replaced by {@code ***}; safe to print or log.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String result = url;
        int query = result.indexOf('?');
        String beforeQuery = query < 0 ? result : result.substring(0, query);
        int at = beforeQuery.indexOf('@');
        int scheme = beforeQuery.indexOf("//");
        if (at >= 0 && scheme >= 0 && at > scheme) {
            String userInfo = beforeQuery.substring(scheme + 2, at);
            int colon = userInfo.indexOf(':');
            String maskedUserInfo = colon < 0 ? userInfo : userInfo.substring(0, colon + 1) + MASK;
            beforeQuery = beforeQuery.substring(0, scheme + 2) + maskedUserInfo + beforeQuery.substring(at);
        }
        if (query < 0) {
            return beforeQuery;
        }
        String[] params = result.substring(query + 1).split("&", -1);
        StringBuilder out = new StringBuilder(beforeQuery).append('?');
        for (int i = 0; i < params.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            String param = params[i];
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            if (eq >= 0 && isSecret(name)) {
                out.append(name).append('=').append(MASK);
            } else {
                out.append(param);
            }
        }
        return out.toString();
    }

    /**
     * Returns {@code text} with every secret value that appears in {@code url} (see {@link #redact}) replaced by
     * {@code ***}: for messages from elsewhere (a driver, a server) that might echo the URL.
     */
    public static String scrub(String text, String url) {
        if (text == null || url == null) {
            return text;
        }
        String result = text.replace(url, redact(url));
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String param : url.substring(query + 1).split("&")) {
                int eq = param.indexOf('=');
                if (eq > 0 && isSecret(param.substring(0, eq)) && eq + 1 < param.length()) {
                    result = result.replace(param.substring(eq + 1), MASK);
                }
            }
        }
        return result;
    }

    private static boolean isSecret(String parameterName) {
        return parameterName.toLowerCase(Locale.ROOT).contains("password");
    }

    private static void requirePostgresUrl(String url) {
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException(
                    "Not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/database?user=...): " + redact(url));
        }
    }
}
