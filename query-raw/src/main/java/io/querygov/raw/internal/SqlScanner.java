package io.querygov.raw.internal;

/**
 * A PostgreSQL lexer that knows just enough to find what matters to a statement registry: named
 * parameters ({@code :name}), the statement's end (a top-level {@code ;}), JDBC placeholders
 * ({@code ?}), and where code is, as opposed to comments, string literals, quoted identifiers and
 * dollar-quoted bodies, which it skips. {@code ::} casts are not parameters.
 *
 * <p>One scanner serves the file loader and {@link io.querygov.raw.NamedSql}, so that what the
 * loader validates is exactly what is later bound.
 */
public final class SqlScanner {

    /** What the scanner reports while it walks a statement. All methods have no-op defaults. */
    public interface Visitor {
        /** Code text between the other events, copied as is. */
        default void text(String sql, int start, int end) {
        }

        /** A named parameter {@code :name} at {@code offset} (the colon). */
        default void parameter(String name, int offset) {
        }

        /** A {@code ?} in code: the jsonb operator in PostgreSQL, a placeholder to JDBC. */
        default void questionMark(int offset) {
        }

        /** A word of code (keyword or unquoted identifier) at {@code [start, end)}. */
        default void word(String sql, int start, int end) {
        }

        /** A parenthesis of code. */
        default void parenthesis(char c, int offset) {
        }
    }

    /** Where a scan stopped and why. */
    public enum Stop {
        /** At a top-level semicolon; {@link Result#end()} is its offset. */
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

    private final String s;
    private final int limit;
    private final boolean stopAtSemicolon;
    private final boolean stopAtNameHeader;
    private final Visitor visitor;
    private int pos;
    private int textStart;
    private int firstCode = -1;

    private SqlScanner(String s, int from, boolean stopAtSemicolon, boolean stopAtNameHeader, Visitor visitor) {
        this.s = s;
        this.limit = s.length();
        this.pos = from;
        this.textStart = from;
        this.stopAtSemicolon = stopAtSemicolon;
        this.stopAtNameHeader = stopAtNameHeader;
        this.visitor = visitor;
    }

    /**
     * Scans from {@code from} to the statement's end: a top-level semicolon, a line that starts a
     * new {@code -- name:} header, or the end of the text. Used to cut a file into statements.
     */
    public static Result scanStatement(String text, int from, Visitor visitor) {
        return new SqlScanner(text, from, true, true, visitor).run();
    }

    /** Scans a whole statement text, semicolons included, reporting to {@code visitor}. */
    public static Result scanAll(String sql, Visitor visitor) {
        return new SqlScanner(sql, 0, false, false, visitor).run();
    }

    /** Whether {@code line} (without its line break) is a {@code -- name:} header line. */
    public static boolean isNameHeader(String text, int lineStart, int lineEnd) {
        int i = lineStart;
        while (i < lineEnd && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (!text.startsWith("--", i)) {
            return false;
        }
        i += 2;
        while (i < lineEnd && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (!text.regionMatches(true, i, "name", 0, 4)) {
            return false;
        }
        i += 4;
        while (i < lineEnd && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i < lineEnd && text.charAt(i) == ':';
    }

    private Result run() {
        while (pos < limit) {
            char c = s.charAt(pos);
            if (c == '\n') {
                pos++;
                if (stopAtNameHeader && pos < limit && isNameHeader(s, pos, lineEnd(pos))) {
                    flush(pos);
                    return new Result(pos, Stop.NAME_HEADER, firstCode, -1, null);
                }
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && next(1) == '-') {
                pos = lineEnd(pos);
            } else if (c == '/' && next(1) == '*') {
                int start = pos;
                if (!skipBlockComment()) {
                    return unterminated(start, "block comment");
                }
            } else {
                code();
                if (c == '\'') {
                    int start = pos;
                    if (!skipString(isEscapeStringPrefix())) {
                        return unterminated(start, "string literal");
                    }
                } else if (c == '"') {
                    int start = pos;
                    if (!skipQuotedIdentifier()) {
                        return unterminated(start, "quoted identifier");
                    }
                } else if (c == '$') {
                    int start = pos;
                    int tagEnd = dollarTagEnd();
                    if (tagEnd < 0) {
                        pos++;
                    } else {
                        String tag = s.substring(pos, tagEnd);
                        int close = s.indexOf(tag, tagEnd);
                        if (close < 0) {
                            return unterminated(start, "dollar-quoted string " + tag);
                        }
                        pos = close + tag.length();
                    }
                } else if (c == ':') {
                    colon();
                } else if (c == '?') {
                    flush(pos);
                    visitor.questionMark(pos);
                    pos++;
                    textStart = pos;
                } else if (c == ';' && stopAtSemicolon) {
                    flush(pos);
                    return new Result(pos, Stop.SEMICOLON, firstCode, -1, null);
                } else if (isIdentifierStart(c)) {
                    // identifiers may hold '$' (a$b) and digits; consume whole so 'a$b$' is no dollar quote
                    int start = pos;
                    pos++;
                    while (pos < limit && isIdentifierPart(s.charAt(pos))) {
                        pos++;
                    }
                    visitor.word(s, start, pos);
                } else {
                    if (c == '(' || c == ')') {
                        visitor.parenthesis(c, pos);
                    }
                    pos++;
                }
            }
        }
        flush(limit);
        return new Result(limit, Stop.END, firstCode, -1, null);
    }

    private void code() {
        if (firstCode < 0) {
            firstCode = pos;
        }
    }

    private Result unterminated(int start, String what) {
        flush(limit);
        return new Result(limit, Stop.UNTERMINATED, firstCode, start, what);
    }

    private void flush(int end) {
        if (end > textStart) {
            visitor.text(s, textStart, end);
        }
        textStart = end;
    }

    private char next(int ahead) {
        int i = pos + ahead;
        return i < limit ? s.charAt(i) : '\0';
    }

    private int lineEnd(int from) {
        int nl = s.indexOf('\n', from);
        return nl < 0 ? limit : nl;
    }

    private void colon() {
        if (next(1) == ':') {
            pos += 2; // a cast, ::type
            return;
        }
        if (isParameterStart(next(1))) {
            int start = pos;
            int i = pos + 1;
            while (i < limit && isParameterPart(s.charAt(i))) {
                i++;
            }
            flush(start);
            visitor.parameter(s.substring(start + 1, i), start);
            pos = i;
            textStart = i;
            return;
        }
        pos++;
    }

    /** An E'...' string: the quote is preceded by a lone E or e, not by the end of a longer word. */
    private boolean isEscapeStringPrefix() {
        if (pos == 0) {
            return false;
        }
        char p = s.charAt(pos - 1);
        if (p != 'e' && p != 'E') {
            return false;
        }
        return pos < 2 || !isIdentifierPart(s.charAt(pos - 2));
    }

    private boolean skipString(boolean backslashEscapes) {
        pos++;
        while (pos < limit) {
            char c = s.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == '\'') {
                if (next(1) == '\'') {
                    pos += 2;
                } else {
                    pos++;
                    return true;
                }
            } else {
                pos++;
            }
        }
        return false;
    }

    private boolean skipQuotedIdentifier() {
        pos++;
        while (pos < limit) {
            if (s.charAt(pos) == '"') {
                if (next(1) == '"') {
                    pos += 2;
                    continue;
                }
                pos++;
                return true;
            }
            pos++;
        }
        return false;
    }

    private boolean skipBlockComment() {
        int depth = 0;
        while (pos < limit) {
            if (s.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (s.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return true;
                }
            } else {
                pos++;
            }
        }
        return false;
    }

    /** The end (exclusive) of a dollar-quote tag starting at pos, or -1 when '$' starts none ($1, a lone $). */
    private int dollarTagEnd() {
        int i = pos + 1;
        if (i < limit && s.charAt(i) == '$') {
            return i + 1;
        }
        if (i >= limit || !(Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
            return -1;
        }
        while (i < limit && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return i < limit && s.charAt(i) == '$' ? i + 1 : -1;
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** A parameter name reads like a PostgreSQL identifier, non-ASCII letters included, but holds no '$'. */
    private static boolean isParameterStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isParameterPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
