package io.querygov.core;

import io.querygov.core.sql.SqlLexer;
import io.querygov.core.sql.SqlToken;
import java.util.Set;

/**
 * The shape of a SQL statement, without its values: comments dropped, whitespace collapsed,
 * unquoted words in lower case, every literal and placeholder ({@code 'text'}, {@code 42},
 * {@code $1}, {@code ?}, {@code :name}, dollar-quoted strings) replaced by {@code ?}, and
 * {@code IN (...)} or {@code ARRAY[...]} lists of placeholders collapsed to {@code (...)}, so a list
 * of three and a list of thirty are the same statement.
 *
 * <p>Two statements that differ only in values have the same fingerprint, which makes
 * {@link #id()} a stable name for SQL that nobody named and {@link #normalized()} safe to log:
 * it never holds a parameter value.
 */
public final class SqlFingerprint {
    private static final String COLLAPSED_LIST = "...";
    /** Words after which a parenthesis opens a list or a subquery, not a function's arguments. */
    private static final Set<String> KEYWORDS_BEFORE_PARENTHESIS = Set.of(
            "all", "and", "any", "as", "between", "by", "case", "conflict", "do", "else", "except", "exists",
            "filter", "from", "in", "intersect", "into", "is", "join", "lateral", "like", "ilike", "materialized",
            "not", "on", "or", "over", "recursive", "returning", "select", "set", "some", "then", "union",
            "using", "values", "when", "where", "with", "within");
    private static final String[][] KEYWORDS_BY_LENGTH = keywordsByLength();

    private final String normalized;
    private final String id;

    private SqlFingerprint(String normalized) {
        this.normalized = normalized;
        this.id = hex64(fnv1a64(normalized));
    }

    /** Fingerprints a statement. Never fails: text that is not valid SQL still gets a shape. */
    public static SqlFingerprint of(String sql) {
        if (sql == null) {
            throw new IllegalArgumentException("cannot fingerprint null SQL");
        }
        return new SqlFingerprint(normalize(sql));
    }

    /** The statement's shape as text, safe to log. */
    public String normalized() {
        return normalized;
    }

    /** The shape cut to at most {@code maxLength} characters, with an ellipsis when cut. */
    public String abbreviated(int maxLength) {
        if (maxLength < 4) {
            throw new IllegalArgumentException("maxLength must be at least 4, was " + maxLength);
        }
        return normalized.length() <= maxLength ? normalized : normalized.substring(0, maxLength - 3) + "...";
    }

    /** Sixteen hex digits that identify the shape: a 64-bit FNV-1a hash of {@link #normalized()}. */
    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlFingerprint && ((SqlFingerprint) o).normalized.equals(normalized);
    }

    @Override
    public int hashCode() {
        return normalized.hashCode();
    }

    @Override
    public String toString() {
        return id + " " + abbreviated(120);
    }

    static String normalize(String sql) {
        return new Normalizer(sql).run();
    }

    /** Whether {@code s[start, end)} is one of {@link #KEYWORDS_BEFORE_PARENTHESIS}, in any ASCII case. */
    private static boolean isKeywordBeforeParenthesis(String s, int start, int end) {
        int length = end - start;
        if (length >= KEYWORDS_BY_LENGTH.length) {
            return false;
        }
        for (String keyword : KEYWORDS_BY_LENGTH[length]) {
            if (equalsIgnoreAsciiCase(s, start, keyword)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsIgnoreAsciiCase(String s, int start, String lowerCaseWord) {
        for (int i = 0; i < lowerCaseWord.length(); i++) {
            char c = s.charAt(start + i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != lowerCaseWord.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String[][] keywordsByLength() {
        int longest = KEYWORDS_BEFORE_PARENTHESIS.stream().mapToInt(String::length).max().orElse(0);
        String[][] byLength = new String[longest + 1][];
        for (int n = 0; n <= longest; n++) {
            final int length = n;
            byLength[n] = KEYWORDS_BEFORE_PARENTHESIS.stream().filter(k -> k.length() == length).toArray(String[]::new);
        }
        return byLength;
    }

    /**
     * Writes the shape of one statement in a single pass over {@link SqlLexer}'s tokens. A list of placeholders after
     * {@code in (} or {@code array [} is written as it comes and cut back to {@code ...} when it closes, so nothing
     * is looked ahead and nothing is allocated per token.
     */
    private static final class Normalizer {
        /** What the last token written was, for the space before the next one. */
        private static final int NOTHING = 0;
        private static final int WORD = 1;
        /** {@code ( [ . :: :}: no space after them. */
        private static final int OPENER = 2;
        private static final int OTHER = 3;

        private final String sql;
        private final SqlLexer lexer;
        private final StringBuilder out;
        private int previous = NOTHING;
        private boolean previousIsKeywordBeforeParenthesis;
        private boolean previousIsIn;
        private boolean previousIsArray;
        private int pendingSemicolons;
        /** Where the open list's values begin in {@link #out}, or -1; the character that closes it; what comes next. */
        private int listStart = -1;
        private char listClose;
        private boolean listExpectsValue;

        Normalizer(String sql) {
            this.sql = sql;
            this.lexer = SqlLexer.of(sql);
            this.out = new StringBuilder(sql.length());
        }

        String run() {
            while (lexer.next()) {
                switch (lexer.kind()) {
                    case LINE_COMMENT:
                    case BLOCK_COMMENT:
                        break;
                    case STRING:
                    case NUMBER:
                    case POSITIONAL_PARAMETER:
                    case NAMED_PARAMETER:
                    case PLACEHOLDER:
                        value();
                        break;
                    case IDENTIFIER:
                    case QUOTED_IDENTIFIER:
                        word();
                        break;
                    default:
                        symbol();
                }
            }
            return out.toString();
        }

        private void value() {
            flushSemicolons();
            if (listStart >= 0) {
                if (!listExpectsValue) {
                    listStart = -1;
                } else {
                    listExpectsValue = false;
                }
            }
            if (previous != NOTHING && previous != OPENER) {
                out.append(' ');
            }
            out.append('?');
            setPrevious(OTHER);
        }

        private void word() {
            flushSemicolons();
            listStart = -1;
            if (previous != NOTHING && previous != OPENER) {
                out.append(' ');
            }
            int start = lexer.start();
            int end = lexer.end();
            boolean identifier = lexer.kind() == SqlToken.Kind.IDENTIFIER;
            if (identifier) {
                for (int i = start; i < end; i++) {
                    char c = sql.charAt(i);
                    out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                }
            } else {
                out.append(sql, start, end);
            }
            previous = WORD;
            previousIsKeywordBeforeParenthesis = identifier && isKeywordBeforeParenthesis(sql, start, end);
            previousIsIn = identifier && end - start == 2 && equalsIgnoreAsciiCase(sql, start, "in");
            previousIsArray = identifier && end - start == 5 && equalsIgnoreAsciiCase(sql, start, "array");
        }

        private void symbol() {
            int start = lexer.start();
            int end = lexer.end();
            char c = sql.charAt(start);
            boolean single = end - start == 1;
            if (single && c == ';' && lexer.kind() == SqlToken.Kind.PUNCTUATION) {
                // a trailing semicolon does not change the statement; one in the middle separates two
                listStart = -1;
                pendingSemicolons++;
                return;
            }
            flushSemicolons();
            if (listStart >= 0) {
                if (!listExpectsValue && single && c == ',') {
                    listExpectsValue = true;
                    out.append(',');
                    setPrevious(OTHER);
                    return;
                }
                if (!listExpectsValue && single && c == listClose) {
                    out.setLength(listStart);
                    out.append(COLLAPSED_LIST).append(c);
                    listStart = -1;
                    setPrevious(OTHER);
                    return;
                }
                listStart = -1;
            }
            boolean typecast = end - start == 2 && c == ':' && sql.charAt(start + 1) == ':';
            boolean opensList = single && ((c == '(' && previous == WORD && previousIsIn)
                    || (c == '[' && previous == WORD && previousIsArray));
            if (previous != NOTHING && spaceBefore(c, single, typecast)) {
                out.append(' ');
            }
            out.append(sql, start, end);
            boolean opener = typecast || (single && (c == '(' || c == '[' || c == '.' || c == ':'));
            setPrevious(opener ? OPENER : OTHER);
            if (opensList) {
                listStart = out.length();
                listClose = c == '(' ? ')' : ']';
                listExpectsValue = true;
            }
        }

        private boolean spaceBefore(char c, boolean single, boolean typecast) {
            if (typecast) {
                return false;
            }
            if (single) {
                switch (c) {
                    case ',': case ')': case ']': case '.': case '[': case ':':
                        return false;
                    case '(':
                        // a function call reads f(x); a keyword before a parenthesis keeps its space: in (...)
                        return previous != WORD || previousIsKeywordBeforeParenthesis;
                    default:
                        break;
                }
            }
            return previous != OPENER;
        }

        private void flushSemicolons() {
            for (; pendingSemicolons > 0; pendingSemicolons--) {
                if (previous != NOTHING && previous != OPENER) {
                    out.append(' ');
                }
                out.append(';');
                setPrevious(OTHER);
            }
        }

        private void setPrevious(int kind) {
            previous = kind;
            previousIsKeywordBeforeParenthesis = false;
            previousIsIn = false;
            previousIsArray = false;
        }
    }

    private static long fnv1a64(String s) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            hash ^= (c & 0xff);
            hash *= 0x100000001b3L;
            hash ^= (c >>> 8);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static String hex64(long v) {
        String hex = Long.toHexString(v);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
