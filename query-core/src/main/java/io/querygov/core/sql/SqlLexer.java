package io.querygov.core.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads SQL text into tokens the way the PostgreSQL server's scanner does, so that whatever querygov decides from
 * the tokens (where a statement ends, what is a parameter, what is code and what a comment or a string) is what the
 * server will see. A cursor: {@link #next()} moves to the next token and the accessors describe it, with nothing
 * allocated per token.
 *
 * <pre>{@code
 * SqlLexer lexer = SqlLexer.of(sql);
 * while (lexer.next()) {
 *     if (lexer.kind() == SqlToken.Kind.PUNCTUATION && lexer.is(';')) { ... }
 * }
 * }</pre>
 *
 * <h2>The server's rules it follows</h2>
 * <ul>
 *   <li>Whitespace is space, tab, line feed, carriage return, form feed and vertical tab. A {@code --} comment ends
 *       at a line feed <em>or a carriage return</em>. Block comments nest.</li>
 *   <li>An unquoted name starts with an ASCII letter, {@code _} or any non-ASCII character and goes on with those,
 *       digits and {@code $}; so {@code a$b$} is one name and opens no dollar quote.</li>
 *   <li>{@code E'}, {@code B'}, {@code X'}, {@code N'}, {@code U&'} and {@code U&"} are prefixes only where the
 *       letter starts a token: {@code $E'\'...} is a lone {@code $} and then an escape string (in which {@code \'}
 *       is a quote), while {@code abe'\'} is the name {@code abe} and a standard string.</li>
 *   <li>Standard strings know no backslash escapes ({@code standard_conforming_strings}, on by default since
 *       PostgreSQL 9.1); in {@code E'...'} a backslash escapes the next character. Two string constants separated by
 *       whitespace holding a line break are one constant, read on in the first one's mode.</li>
 *   <li>A dollar quote's tag is a name without {@code $}; the body ends at the first repetition of the opening
 *       delimiter.</li>
 *   <li>Numbers as PostgreSQL 16 and later read them (underscores, {@code 0x}, {@code 0o}, {@code 0b}), and a number
 *       or {@code $n} directly followed by a name is one token with an error, as the server (15 and later) refuses
 *       it: {@code 1e'x'} is "trailing junk after numeric literal", never {@code 1} and an escape string.</li>
 *   <li>An operator is a run of {@code + - * / < > = ~ ! @ # % ^ & | `}, cut where {@code --} or {@code /*} starts
 *       inside it; a run of two or more that ends in {@code +} or {@code -} loses those unless it holds one of
 *       {@code ~ ! @ # % ^ & | `}, so {@code =-1} is {@code =}, {@code -}, {@code 1}.</li>
 * </ul>
 * Two readings are the client's, not the server's: {@code ?} is always a {@link SqlToken.Kind#PLACEHOLDER} (pgjdbc
 * reads every {@code ?} in code as one), and {@code :name} a {@link SqlToken.Kind#NAMED_PARAMETER}. Neither moves
 * the boundary of a string, comment or statement.
 *
 * <p>Never fails: where the server would refuse the text, the token says so in {@link #error()} and reading goes
 * on; an unterminated string or comment runs to the end of the text. Not thread-safe; cheap to create.
 */
public final class SqlLexer {
    private static final String UNTERMINATED_STRING = "unterminated quoted string";
    private static final String JUNK_AFTER_NUMBER = "trailing junk after numeric literal";

    private final String sql;
    private final int length;
    private int pos;
    private SqlToken.Kind kind;
    private int start;
    private int end;
    private String error;

    private SqlLexer(String sql, int from) {
        this.sql = sql;
        this.length = sql.length();
        this.pos = from;
        this.start = from;
        this.end = from;
    }

    /** A lexer at the start of {@code sql}. */
    public static SqlLexer of(String sql) {
        return of(sql, 0);
    }

    /** A lexer that starts reading at offset {@code from} of {@code sql}, which must be a token boundary. */
    public static SqlLexer of(String sql, int from) {
        if (sql == null) {
            throw new IllegalArgumentException("cannot lex null SQL");
        }
        if (from < 0 || from > sql.length()) {
            throw new IllegalArgumentException("from must be within the text, 0.." + sql.length() + ", was " + from);
        }
        return new SqlLexer(sql, from);
    }

    /** Every token of {@code sql}, comments included, in order. */
    public static List<SqlToken> tokens(String sql) {
        SqlLexer lexer = of(sql);
        List<SqlToken> tokens = new ArrayList<>();
        while (lexer.next()) {
            tokens.add(lexer.token());
        }
        return tokens;
    }

    /** Moves to the next token; false at the end of the text. */
    public boolean next() {
        while (pos < length && isSpace(sql.charAt(pos))) {
            pos++;
        }
        error = null;
        start = pos;
        if (pos >= length) {
            kind = null;
            end = length;
            return false;
        }
        char c = sql.charAt(pos);
        switch (c) {
            case '-' -> {
                if (at(pos + 1) == '-') {
                    lineComment();
                } else {
                    operator();
                }
            }
            case '/' -> {
                if (at(pos + 1) == '*') {
                    blockComment();
                } else {
                    operator();
                }
            }
            case '\'' -> string(pos, Mode.STANDARD);
            case '"' -> quotedIdentifier(pos);
            case '$' -> dollar();
            case '?' -> single(SqlToken.Kind.PLACEHOLDER);
            case ':' -> colon();
            case '.' -> {
                if (isDigit(at(pos + 1))) {
                    number();
                } else if (at(pos + 1) == '.') {
                    token(SqlToken.Kind.OPERATOR, pos + 2);
                } else {
                    single(SqlToken.Kind.PUNCTUATION);
                }
            }
            case '(', ')', '[', ']', ',', ';' -> single(SqlToken.Kind.PUNCTUATION);
            default -> {
                if (isDigit(c)) {
                    number();
                } else if (isIdentifierStart(c)) {
                    word(c);
                } else if (isOperatorChar(c)) {
                    operator();
                } else {
                    single(SqlToken.Kind.OTHER);
                }
            }
        }
        pos = end;
        return true;
    }

    /** The current token's kind; null before the first {@link #next()} and at the end. */
    public SqlToken.Kind kind() {
        return kind;
    }

    /** Offset of the current token's first character. */
    public int start() {
        return start;
    }

    /** Offset just past the current token. */
    public int end() {
        return end;
    }

    /** What the server would refuse about the current token, or null. */
    public String error() {
        return error;
    }

    /** The current token's text. Allocates: prefer {@link #is(char)} and {@link #isWord(String)} on hot paths. */
    public String text() {
        return sql.substring(start, end);
    }

    /** The current token as a value. */
    public SqlToken token() {
        return new SqlToken(kind, start, end, error);
    }

    /** The text being read. */
    public String sql() {
        return sql;
    }

    /** Whether the current token is the single character {@code c} (punctuation, a one-character operator). */
    public boolean is(char c) {
        return end - start == 1 && sql.charAt(start) == c && kind != SqlToken.Kind.STRING;
    }

    /**
     * Whether the current token is the unquoted word {@code lowerCaseWord}, in any ASCII case, as the server folds
     * names: {@code isWord("select")} for {@code SELECT}.
     */
    public boolean isWord(String lowerCaseWord) {
        return kind == SqlToken.Kind.IDENTIFIER && equalsIgnoreAsciiCase(sql, start, end, lowerCaseWord);
    }

    /** Whether {@code s[start, end)} is {@code lowerCaseWord} in any ASCII case. */
    static boolean equalsIgnoreAsciiCase(String s, int start, int end, String lowerCaseWord) {
        int n = lowerCaseWord.length();
        if (end - start != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (lowerAscii(s.charAt(start + i)) != lowerCaseWord.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code c} in lower case if it is an ASCII capital, as the server folds unquoted names. */
    static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private enum Mode {
        /** {@code '...'}: doubled quotes, no backslash escapes. Also {@code N'...'} and {@code U&'...'}. */
        STANDARD,
        /** {@code E'...'}: doubled quotes and backslash escapes. */
        ESCAPE,
        /** {@code B'...'} and {@code X'...'}: the first quote ends them; a quote right after begins a new string. */
        BIT
    }

    private char at(int i) {
        return i < length ? sql.charAt(i) : '\0';
    }

    private void token(SqlToken.Kind k, int tokenEnd) {
        kind = k;
        end = tokenEnd;
    }

    private void single(SqlToken.Kind k) {
        token(k, pos + 1);
    }

    private void lineComment() {
        int i = pos + 2;
        while (i < length && !isNewline(sql.charAt(i))) {
            i++;
        }
        token(SqlToken.Kind.LINE_COMMENT, i);
    }

    private void blockComment() {
        int depth = 0;
        int i = pos;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '/' && at(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && at(i + 1) == '/') {
                i += 2;
                if (--depth == 0) {
                    token(SqlToken.Kind.BLOCK_COMMENT, i);
                    return;
                }
            } else {
                i++;
            }
        }
        token(SqlToken.Kind.BLOCK_COMMENT, length);
        error = "unterminated /* comment";
    }

    /** A string constant whose opening quote is at {@code quote}; the token starts at {@code start} (its prefix). */
    private void string(int quote, Mode mode) {
        int i = quote + 1;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\\' && mode == Mode.ESCAPE) {
                checkUnicodeEscape(i);
                i += 2;
            } else if (c == '\'') {
                if (mode != Mode.BIT && at(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                int continued = continuation(i + 1);
                if (continued < 0) {
                    token(SqlToken.Kind.STRING, i + 1);
                    return;
                }
                i = continued + 1;
            } else {
                i++;
            }
        }
        token(SqlToken.Kind.STRING, length);
        error = UNTERMINATED_STRING;
    }

    /**
     * Where the next constant's opening quote is when the text from {@code from} continues the string that just
     * closed: horizontal space and {@code --} comments, a line break, then any whitespace and comments that end in a
     * line break, then a quote. -1 when it does not.
     */
    private int continuation(int from) {
        int i = from;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == ' ' || c == '\t' || c == '\f' || c == '\u000B') {
                i++;
            } else if (c == '-' && at(i + 1) == '-') {
                i = lineEnd(i);
            } else {
                break;
            }
        }
        if (i >= length || !isNewline(sql.charAt(i))) {
            return -1;
        }
        i++;
        while (i < length) {
            char c = sql.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '-' && at(i + 1) == '-') {
                i = lineEnd(i);
            } else {
                break;
            }
        }
        return i < length && sql.charAt(i) == '\'' ? i : -1;
    }

    private int lineEnd(int from) {
        int i = from;
        while (i < length && !isNewline(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    /** In an escape string, {@code \}{@code u} needs four hex digits and {@code \U} eight. */
    private void checkUnicodeEscape(int backslash) {
        char c = at(backslash + 1);
        int digits = c == 'u' ? 4 : c == 'U' ? 8 : 0;
        for (int k = 0; k < digits; k++) {
            if (!isHexDigit(at(backslash + 2 + k))) {
                if (error == null) {
                    error = "invalid Unicode escape";
                }
                return;
            }
        }
    }

    private void quotedIdentifier(int quote) {
        int i = quote + 1;
        while (i < length) {
            if (sql.charAt(i) == '"') {
                if (at(i + 1) == '"') {
                    i += 2;
                    continue;
                }
                token(SqlToken.Kind.QUOTED_IDENTIFIER, i + 1);
                if (i == quote + 1) {
                    error = "zero-length delimited identifier";
                }
                return;
            }
            i++;
        }
        token(SqlToken.Kind.QUOTED_IDENTIFIER, length);
        error = "unterminated quoted identifier";
    }

    private void dollar() {
        char next = at(pos + 1);
        if (isDigit(next)) {
            int i = pos + 1;
            while (isDigit(at(i))) {
                i++;
            }
            if (isIdentifierStart(at(i))) {
                token(SqlToken.Kind.POSITIONAL_PARAMETER, identifierEnd(i));
                error = "trailing junk after parameter";
            } else {
                token(SqlToken.Kind.POSITIONAL_PARAMETER, i);
            }
            return;
        }
        int tagEnd = -1;
        if (next == '$') {
            tagEnd = pos + 2;
        } else if (isDollarTagStart(next)) {
            int i = pos + 2;
            while (isDollarTagPart(at(i))) {
                i++;
            }
            if (at(i) == '$') {
                tagEnd = i + 1;
            }
        }
        if (tagEnd < 0) {
            // "$name" without a closing '$' is a lone '$'; the name is read again as a token of its own
            single(SqlToken.Kind.OTHER);
            return;
        }
        int close = sql.indexOf(sql.substring(pos, tagEnd), tagEnd);
        if (close < 0) {
            token(SqlToken.Kind.STRING, length);
            error = "unterminated dollar-quoted string";
        } else {
            token(SqlToken.Kind.STRING, close + (tagEnd - pos));
        }
    }

    private void colon() {
        char next = at(pos + 1);
        if (next == ':' || next == '=') {
            token(SqlToken.Kind.OPERATOR, pos + 2);
        } else if (Character.isLetter(next) || next == '_') {
            int i = pos + 2;
            while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                i++;
            }
            token(SqlToken.Kind.NAMED_PARAMETER, i);
        } else {
            single(SqlToken.Kind.PUNCTUATION);
        }
    }

    private void word(char c) {
        char next = at(pos + 1);
        if (next == '\'') {
            switch (c) {
                case 'e': case 'E':
                    string(pos + 1, Mode.ESCAPE);
                    return;
                case 'b': case 'B': case 'x': case 'X':
                    string(pos + 1, Mode.BIT);
                    return;
                case 'n': case 'N':
                    string(pos + 1, Mode.STANDARD);
                    return;
                default:
                    break;
            }
        } else if ((c == 'u' || c == 'U') && next == '&') {
            char quote = at(pos + 2);
            if (quote == '\'') {
                string(pos + 2, Mode.STANDARD);
                return;
            }
            if (quote == '"') {
                quotedIdentifier(pos + 2);
                return;
            }
        }
        token(SqlToken.Kind.IDENTIFIER, identifierEnd(pos + 1));
    }

    private int identifierEnd(int from) {
        int i = from;
        while (i < length && isIdentifierPart(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The longest number at pos, as the server's rules pick among integer, numeric and real forms; when a name
     * follows it directly, the name is part of the token, which the server refuses.
     */
    private void number() {
        int integerEnd = decimalDigits(pos);
        int longest = integerEnd;
        String failure = null;
        char radix = at(pos + 1);
        if (sql.charAt(pos) == '0' && (radix == 'x' || radix == 'X' || radix == 'o' || radix == 'O'
                || radix == 'b' || radix == 'B')) {
            int radixEnd = radixDigits(pos + 2, radix);
            if (radixEnd > 0) {
                longest = radixEnd;
            } else {
                longest = pos + (at(pos + 2) == '_' ? 3 : 2);
                failure = radix == 'x' || radix == 'X' ? "invalid hexadecimal integer"
                        : radix == 'o' || radix == 'O' ? "invalid octal integer" : "invalid binary integer";
            }
        }
        int numericEnd = -1;
        if (sql.charAt(pos) == '.') {
            numericEnd = decimalDigits(pos + 1);
        } else if (at(integerEnd) == '.' && at(integerEnd + 1) != '.') {
            // "1..10" is 1, "..", 10; "1." is a numeric
            numericEnd = Math.max(integerEnd + 1, decimalDigits(integerEnd + 1));
        }
        int mantissaEnd = numericEnd >= 0 ? numericEnd : integerEnd;
        if (numericEnd > longest) {
            longest = numericEnd;
            failure = null;
        }
        char e = at(mantissaEnd);
        if (mantissaEnd > pos && (e == 'e' || e == 'E')) {
            int i = mantissaEnd + 1;
            boolean sign = at(i) == '+' || at(i) == '-';
            if (sign) {
                i++;
            }
            int exponentEnd = decimalDigits(i);
            if (exponentEnd > i && exponentEnd > longest) {
                longest = exponentEnd;
                failure = null;
            } else if (exponentEnd == i && sign && i > longest) {
                longest = i;
                failure = JUNK_AFTER_NUMBER;
            }
        }
        // {decinteger}, {numeric} or {real} directly followed by a name: one token the server refuses
        int junkEnd = Math.max(junkEnd(integerEnd), Math.max(junkEnd(numericEnd), junkEnd(longest)));
        if (junkEnd > longest) {
            longest = junkEnd;
            failure = JUNK_AFTER_NUMBER;
        }
        token(SqlToken.Kind.NUMBER, longest);
        error = failure;
    }

    /** Where a name that directly follows a number ending at {@code numberEnd} ends, or -1 when none does. */
    private int junkEnd(int numberEnd) {
        return numberEnd > pos && isIdentifierStart(at(numberEnd)) ? identifierEnd(numberEnd) : -1;
    }

    /** The end of {@code digit(_?digit)*} from {@code from}, or {@code from} when no digit is there. */
    private int decimalDigits(int from) {
        if (!isDigit(at(from))) {
            return from;
        }
        int i = from + 1;
        while (true) {
            if (isDigit(at(i))) {
                i++;
            } else if (at(i) == '_' && isDigit(at(i + 1))) {
                i += 2;
            } else {
                return i;
            }
        }
    }

    /** The end of {@code (_?digit)+} in the radix named by {@code radix}, or -1 when there is no digit. */
    private int radixDigits(int from, char radix) {
        int i = from;
        boolean any = false;
        while (true) {
            int j = at(i) == '_' ? i + 1 : i;
            if (!isRadixDigit(at(j), radix)) {
                return any ? i : -1;
            }
            any = true;
            i = j + 1;
        }
    }

    private static boolean isRadixDigit(char c, char radix) {
        switch (radix) {
            case 'x': case 'X':
                return isHexDigit(c);
            case 'o': case 'O':
                return c >= '0' && c <= '7';
            default:
                return c == '0' || c == '1';
        }
    }

    private void operator() {
        int i = pos;
        while (i < length && isOperatorChar(sql.charAt(i))) {
            // a comment start ends the operator; at the first character it would have been read as a comment
            if (i > pos && (sql.charAt(i) == '-' && at(i + 1) == '-' || sql.charAt(i) == '/' && at(i + 1) == '*')) {
                break;
            }
            i++;
        }
        int n = i - pos;
        if (n > 1 && (sql.charAt(i - 1) == '+' || sql.charAt(i - 1) == '-') && !hasNonSqlOperatorChar(pos, i - 1)) {
            // "=-" is "=" then "-": a multi-character operator ends in + or - only when it could not be SQL's
            while (n > 1 && (sql.charAt(pos + n - 1) == '+' || sql.charAt(pos + n - 1) == '-')) {
                n--;
            }
        }
        token(SqlToken.Kind.OPERATOR, pos + n);
    }

    private boolean hasNonSqlOperatorChar(int from, int to) {
        for (int i = from; i < to; i++) {
            switch (sql.charAt(i)) {
                case '~': case '!': case '@': case '#': case '^': case '&': case '|': case '`': case '%':
                    return true;
                default:
                    break;
            }
        }
        return false;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    static boolean isNewline(char c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** ASCII letters, {@code _} and every non-ASCII character, as the server's {@code ident_start}. */
    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isDollarTagStart(char c) {
        return isIdentifierStart(c);
    }

    private static boolean isDollarTagPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }

    /** The server's {@code op_chars} without {@code ?}, which is a placeholder here. */
    private static boolean isOperatorChar(char c) {
        switch (c) {
            case '+': case '-': case '*': case '/': case '<': case '>': case '=': case '~': case '!': case '@':
            case '#': case '%': case '^': case '&': case '|': case '`':
                return true;
            default:
                return false;
        }
    }
}
