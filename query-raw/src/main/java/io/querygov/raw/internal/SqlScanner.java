package io.querygov.raw.internal;

import io.querygov.core.sql.SqlLexer;
import io.querygov.core.sql.SqlToken;

/**
 * What a statement registry needs from core's {@link SqlLexer}: named parameters ({@code :name}), JDBC placeholders
 * ({@code ?}), the statement's end (a {@code ;} of code, or a line holding a {@code -- name:} header), and the text
 * around them, copied as written. Comments, string constants, quoted identifiers and dollar-quoted bodies are the
 * lexer's tokens, so nothing in them is ever a parameter or an end; {@code ::} casts are not parameters.
 *
 * <p>One scanner serves the file loader and {@link io.querygov.raw.NamedSql}, so that what the loader validates is
 * exactly what is later bound.
 */
public final class SqlScanner {

    /** What the scanner reports while it walks a statement. All methods have no-op defaults. */
    public interface Visitor {
        /** Text between the other events, copied as is: code, comments and whitespace. */
        default void text(String sql, int start, int end) {
        }

        /** A named parameter {@code :name} at {@code offset} (the colon). */
        default void parameter(String name, int offset) {
        }

        /** A {@code ?} in code: the jsonb operator in PostgreSQL, a placeholder to JDBC. */
        default void questionMark(int offset) {
        }
    }

    /** Where a scan stopped and why. */
    public enum Stop {
        /** At a semicolon of code; {@link Result#end()} is its offset. */
        SEMICOLON,
        /** At the start of a line holding a {@code -- name:} header. */
        NAME_HEADER,
        /** At the end of the text. */
        END,
        /** Inside a literal, comment or quoted identifier that the text never closes. */
        UNTERMINATED
    }

    /**
     * The outcome of a scan.
     *
     * @param end offset where the scan stopped
     * @param stop why it stopped
     * @param firstCode offset of the first character of code (not comment or whitespace), or -1
     * @param unterminatedStart offset where the unterminated construct began, or -1
     * @param unterminatedWhat what it was, for messages
     */
    public record Result(int end, Stop stop, int firstCode, int unterminatedStart, String unterminatedWhat) {
    }

    private SqlScanner() {
    }

    /**
     * Scans from {@code from} to the statement's end: a semicolon of code, a line that starts a new
     * {@code -- name:} header, or the end of the text. Used to cut a file into statements.
     */
    public static Result scanStatement(String text, int from, Visitor visitor) {
        return scan(text, from, true, visitor);
    }

    /** Scans a whole statement text, semicolons included, reporting to {@code visitor}. */
    public static Result scanAll(String sql, Visitor visitor) {
        return scan(sql, 0, false, visitor);
    }

    /** Whether {@code text[lineStart, lineEnd)} is a {@code -- name:} header line. */
    public static boolean isNameHeader(String text, int lineStart, int lineEnd) {
        int i = skipBlanks(text, lineStart, lineEnd);
        if (!text.startsWith("--", i)) {
            return false;
        }
        i = skipBlanks(text, i + 2, lineEnd);
        if (!text.regionMatches(true, i, "name", 0, 4)) {
            return false;
        }
        i = skipBlanks(text, i + 4, lineEnd);
        return i < lineEnd && text.charAt(i) == ':';
    }

    private static Result scan(String s, int from, boolean statementOnly, Visitor visitor) {
        SqlLexer lexer = SqlLexer.of(s, from);
        int copied = from;
        int firstCode = -1;
        while (lexer.next()) {
            SqlToken.Kind kind = lexer.kind();
            int start = lexer.start();
            if (statementOnly && kind == SqlToken.Kind.LINE_COMMENT) {
                int lineStart = s.lastIndexOf('\n', start - 1) + 1;
                if (lineStart > from && skipBlanks(s, lineStart, start) == start
                        && isNameHeader(s, lineStart, lineEnd(s, start))) {
                    flush(visitor, s, copied, lineStart);
                    return new Result(lineStart, Stop.NAME_HEADER, firstCode, -1, null);
                }
            }
            if (kind != SqlToken.Kind.LINE_COMMENT && kind != SqlToken.Kind.BLOCK_COMMENT && firstCode < 0) {
                firstCode = start;
            }
            if (lexer.error() != null && lexer.error().startsWith("unterminated")) {
                flush(visitor, s, copied, s.length());
                return new Result(s.length(), Stop.UNTERMINATED, firstCode, start, unterminated(lexer));
            }
            switch (kind) {
                case NAMED_PARAMETER:
                    flush(visitor, s, copied, start);
                    visitor.parameter(s.substring(start + 1, lexer.end()), start);
                    copied = lexer.end();
                    break;
                case PLACEHOLDER:
                    flush(visitor, s, copied, start);
                    visitor.questionMark(start);
                    copied = lexer.end();
                    break;
                case PUNCTUATION:
                    if (statementOnly && lexer.is(';')) {
                        flush(visitor, s, copied, start);
                        return new Result(start, Stop.SEMICOLON, firstCode, -1, null);
                    }
                    break;
                default:
                    break;
            }
        }
        flush(visitor, s, copied, s.length());
        return new Result(s.length(), Stop.END, firstCode, -1, null);
    }

    /** What an unterminated token is, as the loader's messages name it. */
    private static String unterminated(SqlLexer lexer) {
        switch (lexer.kind()) {
            case BLOCK_COMMENT:
                return "block comment";
            case QUOTED_IDENTIFIER:
                return "quoted identifier";
            default: {
                String s = lexer.sql();
                if (s.charAt(lexer.start()) == '$') {
                    int tagEnd = s.indexOf('$', lexer.start() + 1);
                    return "dollar-quoted string " + s.substring(lexer.start(), tagEnd + 1);
                }
                return "string literal";
            }
        }
    }

    private static void flush(Visitor visitor, String s, int from, int to) {
        if (to > from) {
            visitor.text(s, from, to);
        }
    }

    private static int skipBlanks(String text, int from, int to) {
        int i = from;
        while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int lineEnd(String s, int from) {
        int nl = s.indexOf('\n', from);
        return nl < 0 ? s.length() : nl;
    }
}
