package io.querygov.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        List<String> tokens = collapseLists(new Lexer(sql).tokens());
        StringBuilder out = new StringBuilder(sql.length());
        String previous = null;
        for (String token : tokens) {
            if (previous != null && spaceBetween(previous, token)) {
                out.append(' ');
            }
            out.append(token);
            previous = token;
        }
        return out.toString();
    }

    private static boolean spaceBetween(String previous, String token) {
        switch (token) {
            case ",": case ")": case "]": case ".": case "::": case "[": case ":":
                return false;
            case "(":
                // a function call reads f(x); a keyword before a parenthesis keeps its space: in (...)
                return !isWord(previous) || KEYWORDS_BEFORE_PARENTHESIS.contains(previous);
            default:
                break;
        }
        switch (previous) {
            case "(": case "[": case ".": case "::": case ":":
                return false;
            default:
                return true;
        }
    }

    private static boolean isWord(String token) {
        char c = token.charAt(0);
        return Character.isLetter(c) || c == '_' || c == '"';
    }

    /** Turns {@code in ( ? , ? , ? )} into {@code in (...)} and {@code array [ ? , ? ]} into {@code array[...]}. */
    private static List<String> collapseLists(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            out.add(t);
            boolean opensList = (t.equals("(") && i > 0 && tokens.get(i - 1).equals("in"))
                    || (t.equals("[") && i > 0 && tokens.get(i - 1).equals("array"));
            if (!opensList) {
                continue;
            }
            String close = t.equals("(") ? ")" : "]";
            int j = i + 1;
            boolean expectValue = true;
            while (j < tokens.size() && (expectValue ? tokens.get(j).equals("?") : tokens.get(j).equals(","))) {
                expectValue = !expectValue;
                j++;
            }
            if (!expectValue && j < tokens.size() && tokens.get(j).equals(close)) {
                out.add(COLLAPSED_LIST);
                out.add(close);
                i = j;
            }
        }
        return out;
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

    /** A forgiving PostgreSQL lexer: enough to tell values from structure, never throws. */
    private static final class Lexer {
        private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`";

        private final String s;
        private int pos;
        private final List<String> tokens = new ArrayList<>();

        Lexer(String s) {
            this.s = s;
        }

        List<String> tokens() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (startsWith("--")) {
                    skipLineComment();
                } else if (startsWith("/*")) {
                    skipBlockComment();
                } else if (c == '\'') {
                    skipString(false);
                    tokens.add("?");
                } else if (c == '"') {
                    quotedIdentifier();
                } else if (c == '$') {
                    dollar();
                } else if (c == '?') {
                    pos++;
                    tokens.add("?");
                } else if (c == ':') {
                    colon();
                } else if (Character.isDigit(c) || (c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)))) {
                    skipNumber();
                    tokens.add("?");
                } else if (Character.isLetter(c) || c == '_') {
                    word();
                } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                    operator();
                } else if (c == ';') {
                    pos++;
                    // a trailing semicolon does not change the statement; one in the middle separates two
                    if (!restIsBlank()) {
                        tokens.add(";");
                    }
                } else {
                    pos++;
                    tokens.add(String.valueOf(c));
                }
            }
            return tokens;
        }

        private boolean startsWith(String prefix) {
            return s.startsWith(prefix, pos);
        }

        private boolean restIsBlank() {
            for (int i = pos; i < s.length(); i++) {
                if (!Character.isWhitespace(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private void skipLineComment() {
            int end = s.indexOf('\n', pos);
            pos = end < 0 ? s.length() : end + 1;
        }

        private void skipBlockComment() {
            int depth = 0;
            while (pos < s.length()) {
                if (startsWith("/*")) {
                    depth++;
                    pos += 2;
                } else if (startsWith("*/")) {
                    depth--;
                    pos += 2;
                    if (depth == 0) {
                        return;
                    }
                } else {
                    pos++;
                }
            }
        }

        /** Skips a quoted string at pos; with backslash escapes for E'...' strings. */
        private void skipString(boolean backslashEscapes) {
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (backslashEscapes && c == '\\') {
                    pos += 2;
                } else if (c == '\'') {
                    if (pos + 1 < s.length() && s.charAt(pos + 1) == '\'') {
                        pos += 2;
                    } else {
                        pos++;
                        return;
                    }
                } else {
                    pos++;
                }
            }
        }

        private void quotedIdentifier() {
            int start = pos++;
            while (pos < s.length()) {
                if (s.charAt(pos) == '"') {
                    if (pos + 1 < s.length() && s.charAt(pos + 1) == '"') {
                        pos += 2;
                        continue;
                    }
                    pos++;
                    break;
                }
                pos++;
            }
            tokens.add(s.substring(start, pos));
        }

        private void dollar() {
            int start = pos;
            int i = pos + 1;
            if (i < s.length() && Character.isDigit(s.charAt(i))) {
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                pos = i;
                tokens.add("?");
                return;
            }
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (i < s.length() && s.charAt(i) == '$') {
                String tag = s.substring(start, i + 1);
                int end = s.indexOf(tag, i + 1);
                pos = end < 0 ? s.length() : end + tag.length();
                tokens.add("?");
            } else {
                pos++;
                tokens.add("$");
            }
        }

        private void colon() {
            if (startsWith("::")) {
                pos += 2;
                tokens.add("::");
            } else if (pos + 1 < s.length() && (Character.isLetter(s.charAt(pos + 1)) || s.charAt(pos + 1) == '_')) {
                pos++;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                tokens.add("?");
            } else {
                pos++;
                tokens.add(":");
            }
        }

        private void skipNumber() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isDigit(c) || c == '.' || c == '_') {
                    pos++;
                } else if ((c == 'e' || c == 'E') && pos + 1 < s.length()
                        && (Character.isDigit(s.charAt(pos + 1)) || s.charAt(pos + 1) == '+' || s.charAt(pos + 1) == '-')) {
                    pos += 2;
                } else {
                    return;
                }
            }
        }

        private void word() {
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '$')) {
                pos++;
            }
            String w = s.substring(start, pos).toLowerCase(Locale.ROOT);
            boolean stringPrefix = pos < s.length() && s.charAt(pos) == '\''
                    && (w.equals("e") || w.equals("b") || w.equals("x") || w.equals("n"));
            if (stringPrefix) {
                skipString(w.equals("e"));
                tokens.add("?");
            } else if (w.equals("u") && startsWith("&'")) {
                pos++;
                skipString(false);
                tokens.add("?");
            } else {
                tokens.add(w);
            }
        }

        private void operator() {
            int start = pos;
            while (pos < s.length() && OPERATOR_CHARS.indexOf(s.charAt(pos)) >= 0
                    && !(pos > start && (startsWith("--") || startsWith("/*")))) {
                pos++;
            }
            tokens.add(s.substring(start, pos));
        }
    }
}
