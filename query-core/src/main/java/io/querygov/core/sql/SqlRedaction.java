package io.querygov.core.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statement text made safe to show: password literals replaced by {@value #MASK}. What a tool prints of a statement
 * (pg_stat_statements' text, a catalog entry, a plan's query) passes through {@link #passwords(String)} first, since
 * {@code ALTER ROLE app PASSWORD 'secret'} stands verbatim in pg_stat_statements.
 *
 * <p>Read with the one lexer, so a comment or an identifier named {@code password} is not taken for one:
 * <ul>
 *   <li>the string constant after the word {@code PASSWORD} ({@code CREATE ROLE ... PASSWORD '...'},
 *       {@code ALTER USER ... ENCRYPTED PASSWORD '...'}, {@code OPTIONS (password '...')} of a user mapping), whatever
 *       its quoting ({@code E'...'}, {@code $$...$$});</li>
 *   <li>{@code password=...} inside a string constant: a connection string passed to {@code dblink} or
 *       {@code postgres_fdw}.</li>
 * </ul>
 * A password the statement computes ({@code crypt(...)}, a function's argument) is not recognised. Thread-safe.
 */
public final class SqlRedaction {
    /** What stands in place of a password: a string constant still, so the text still reads as SQL. */
    public static final String MASK = "'***'";

    private static final Pattern CONNINFO_PASSWORD = Pattern.compile("(?i)(\\bpassword\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|[^\\s']+)");

    private SqlRedaction() {
    }

    /** The text with every password literal masked; the text itself when it holds none (or is null). */
    public static String passwords(String sql) {
        if (sql == null || !containsIgnoreCase(sql, "password")) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        int copied = 0;
        boolean afterPasswordWord = false;
        SqlLexer lexer = SqlLexer.of(sql);
        while (lexer.next()) {
            SqlToken.Kind kind = lexer.kind();
            if (kind == SqlToken.Kind.LINE_COMMENT || kind == SqlToken.Kind.BLOCK_COMMENT) {
                continue;
            }
            if (kind == SqlToken.Kind.STRING) {
                String masked = afterPasswordWord ? MASK : conninfo(lexer.text());
                if (!masked.equals(lexer.text())) {
                    out.append(sql, copied, lexer.start()).append(masked);
                    copied = lexer.end();
                }
            }
            afterPasswordWord = lexer.isWord("password");
        }
        if (copied == 0) {
            return sql;
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    private static String conninfo(String literal) {
        if (!containsIgnoreCase(literal, "password")) {
            return literal;
        }
        Matcher m = CONNINFO_PASSWORD.matcher(literal);
        return m.find() ? m.replaceAll("$1***") : literal;
    }

    private static boolean containsIgnoreCase(String text, String lowerCaseWord) {
        int n = lowerCaseWord.length();
        for (int i = 0; i + n <= text.length(); i++) {
            if (text.regionMatches(true, i, lowerCaseWord, 0, n)) {
                return true;
            }
        }
        return false;
    }
}
