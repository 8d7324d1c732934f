package io.querygov.cache.internal;

import io.querygov.core.SqlFingerprint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables a statement reads and the tables it writes, as far as its text tells: the names after
 * {@code FROM} and {@code JOIN}, and the targets of {@code INSERT}, {@code UPDATE}, {@code DELETE},
 * {@code MERGE}, {@code TRUNCATE}, {@code COPY ... FROM} (also inside {@code WITH}). Names are kept
 * without their schema, unquoted ones in lower case, so {@code public.jobs} and {@code jobs} are the
 * same table: two schemas with a table of the same name evict each other's results, which costs
 * misses, never a stale result.
 *
 * <p>What the text cannot tell: a view hides the tables it reads, and a function can write anything.
 * A statement whose writes cannot be named ({@code CALL}, {@code DO}, {@code EXECUTE}) writes
 * {@linkplain Writes#all() everything}.
 *
 * <p>It reads the statement's {@link SqlFingerprint}, whose lexer has already dropped comments and
 * replaced every literal, so no string or comment is ever taken for a name.
 */
public final class SqlTables {
    private static final Pattern TOKEN = Pattern.compile("\"(?:[^\"]|\"\")*\"|[\\p{L}_][\\p{L}\\p{Nd}_$]*|::|\\S");
    /** Words after which a parenthesis groups or opens a subquery rather than holding a function's arguments. */
    private static final Set<String> NOT_FUNCTIONS = Set.of(
            "all", "and", "any", "as", "between", "by", "case", "conflict", "do", "else", "except", "exists",
            "filter", "from", "in", "intersect", "into", "is", "join", "lateral", "like", "ilike", "materialized",
            "not", "on", "or", "over", "recursive", "returning", "select", "set", "some", "then", "union",
            "using", "values", "when", "where", "with", "within");

    private SqlTables() {
    }

    /**
     * What a statement writes: nothing, some tables, or (when it cannot be told) everything.
     * {@code countsRows} is true for a plain INSERT, UPDATE, DELETE or MERGE, whose update count says
     * whether it changed anything: one that changed no row changes no query's result.
     */
    public record Writes(Set<String> tables, boolean everything, boolean countsRows) {
        private static final Writes NONE = new Writes(Set.of(), false, false);
        private static final Writes EVERYTHING = new Writes(Set.of(), true, false);

        public static Writes none() {
            return NONE;
        }

        public static Writes all() {
            return EVERYTHING;
        }

        public boolean any() {
            return everything || !tables.isEmpty();
        }
    }

    /** The tables the statement reads, in order of appearance; empty when it names none (or only a view's output, say). */
    public static Set<String> read(String sql) {
        List<String> tokens = tokens(sql);
        Set<String> ctes = cteNames(tokens);
        Set<String> tables = new LinkedHashSet<>();
        // what each open parenthesis is: true for a function's arguments, where FROM is not a table's (extract(year from x))
        Deque<Boolean> functionArguments = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("(")) {
                boolean subquery = i + 1 < tokens.size() && (tokens.get(i + 1).equals("select") || tokens.get(i + 1).equals("with"));
                functionArguments.push(!subquery && i > 0 && isWord(tokens.get(i - 1)) && !NOT_FUNCTIONS.contains(tokens.get(i - 1)));
                continue;
            }
            if (t.equals(")")) {
                functionArguments.poll();
                continue;
            }
            boolean inFunction = Boolean.TRUE.equals(functionArguments.peek());
            if (inFunction) {
                continue;
            }
            if (t.equals("from") || t.equals("join") || t.equals("using") && isDelete(tokens)) {
                int j = i + 1;
                while (true) {
                    j = skip(tokens, j, "only", "lateral");
                    Name name = name(tokens, j);
                    if (name == null) {
                        break;
                    }
                    if (name.end < tokens.size() && tokens.get(name.end).equals("(")) {
                        break; // a set-returning function, not a table
                    }
                    if (!ctes.contains(name.table)) {
                        tables.add(name.table);
                    }
                    j = skipAlias(tokens, name.end);
                    if (!t.equals("from") && !t.equals("using") || j >= tokens.size() || !tokens.get(j).equals(",")) {
                        break;
                    }
                    j++;
                }
            }
        }
        return tables;
    }

    /** The tables the statement writes. */
    public static Writes written(String sql) {
        List<String> tokens = tokens(sql);
        int first = skip(tokens, 0, "(");
        if (first >= tokens.size()) {
            return Writes.none();
        }
        switch (tokens.get(first)) {
            case "insert": case "update": case "delete": case "merge": {
                Writes w = dataModifications(tokens, first);
                return w.any() ? new Writes(w.tables(), false, true) : w;
            }
            case "with":
                // the update count is the outer statement's: a CTE may have written rows it does not count
                return dataModifications(tokens, first);
            case "truncate": {
                Set<String> tables = new LinkedHashSet<>();
                int j = skip(tokens, first + 1, "table");
                while (true) {
                    j = skip(tokens, j, "only");
                    Name name = name(tokens, j);
                    if (name == null) {
                        break;
                    }
                    tables.add(name.table);
                    j = name.end;
                    if (j < tokens.size() && tokens.get(j).equals("*")) {
                        j++;
                    }
                    if (j >= tokens.size() || !tokens.get(j).equals(",")) {
                        break;
                    }
                    j++;
                }
                return writes(tables);
            }
            case "copy": {
                Name name = name(tokens, first + 1);
                if (name == null) {
                    return Writes.none(); // COPY (SELECT ...) TO: reads only
                }
                for (int j = name.end; j < tokens.size(); j++) {
                    if (tokens.get(j).equals("from")) {
                        return writes(Set.of(name.table));
                    }
                }
                return Writes.none();
            }
            case "alter": case "drop": {
                int j = skip(tokens, first + 1, "materialized", "foreign");
                if (j >= tokens.size() || !tokens.get(j).equals("table") && !tokens.get(j).equals("view")) {
                    return Writes.none();
                }
                j = skip(tokens, j + 1, "if", "exists", "only");
                Set<String> tables = new LinkedHashSet<>();
                for (Name name = name(tokens, j); name != null; ) {
                    tables.add(name.table);
                    if (!tokens.get(first).equals("drop") || name.end >= tokens.size() || !tokens.get(name.end).equals(",")) {
                        break;
                    }
                    name = name(tokens, name.end + 1);
                }
                return writes(tables);
            }
            case "refresh": {
                int j = skip(tokens, first + 1, "materialized", "view", "concurrently");
                Name name = name(tokens, j);
                return name == null ? Writes.none() : writes(Set.of(name.table));
            }
            case "call": case "do": case "execute":
                return Writes.all();
            default:
                return Writes.none();
        }
    }

    /**
     * Whether the statement might write, read from its first word alone: the check a connection
     * makes on every statement it prepares, so it must cost next to nothing. A statement that starts
     * with {@code SELECT}, {@code VALUES}, {@code TABLE}, {@code SHOW} or {@code EXPLAIN} (or a
     * comment and then one of these) does not.
     */
    public static boolean mayWrite(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                return true; // a block comment first: let the full reading decide
            } else {
                break;
            }
        }
        return !(startsWithWord(sql, i, "select") || startsWithWord(sql, i, "values") || startsWithWord(sql, i, "table")
                || startsWithWord(sql, i, "show") || startsWithWord(sql, i, "explain"));
    }

    private static boolean startsWithWord(String sql, int at, String word) {
        if (!sql.regionMatches(true, at, word, 0, word.length())) {
            return false;
        }
        int end = at + word.length();
        return end >= sql.length() || !Character.isLetterOrDigit(sql.charAt(end)) && sql.charAt(end) != '_';
    }

    /** The targets of INSERT INTO, UPDATE, DELETE FROM and MERGE INTO anywhere in the statement (data-modifying CTEs). */
    private static Writes dataModifications(List<String> tokens, int from) {
        Set<String> tables = new LinkedHashSet<>();
        for (int i = from; i < tokens.size(); i++) {
            String t = tokens.get(i);
            String previous = i > 0 ? tokens.get(i - 1) : "";
            int target;
            switch (t) {
                case "insert":
                case "merge":
                    target = i + 1 < tokens.size() && tokens.get(i + 1).equals("into") ? i + 2 : -1;
                    break;
                case "update":
                    // not FOR UPDATE, FOR NO KEY UPDATE or ON CONFLICT DO UPDATE
                    target = previous.equals("for") || previous.equals("key") || previous.equals("do") ? -1 : i + 1;
                    break;
                case "delete":
                    target = i + 1 < tokens.size() && tokens.get(i + 1).equals("from") ? i + 2 : -1;
                    break;
                default:
                    target = -1;
            }
            if (target < 0) {
                continue;
            }
            Name name = name(tokens, skip(tokens, target, "only"));
            if (name != null) {
                tables.add(name.table);
            }
        }
        return writes(tables);
    }

    private static Writes writes(Set<String> tables) {
        return tables.isEmpty() ? Writes.none() : new Writes(Set.copyOf(tables), false, false);
    }

    private static boolean isDelete(List<String> tokens) {
        int first = skip(tokens, 0, "(");
        return first < tokens.size() && (tokens.get(first).equals("delete") || tokens.get(first).equals("merge"));
    }

    /** Names defined by WITH: {@code name AS (}, {@code name (columns) AS (}, {@code name AS [NOT] MATERIALIZED (}. */
    private static Set<String> cteNames(List<String> tokens) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (!isWord(tokens.get(i)) || NOT_FUNCTIONS.contains(tokens.get(i))) {
                continue;
            }
            int j = i + 1;
            if (tokens.get(j).equals("(")) {
                int close = matching(tokens, j);
                if (close < 0) {
                    continue;
                }
                j = close + 1;
            }
            if (j >= tokens.size() || !tokens.get(j).equals("as")) {
                continue;
            }
            j = skip(tokens, j + 1, "not", "materialized");
            if (j < tokens.size() && tokens.get(j).equals("(") && j + 1 < tokens.size()
                    && (tokens.get(j + 1).equals("select") || tokens.get(j + 1).equals("with") || tokens.get(j + 1).equals("values")
                        || tokens.get(j + 1).equals("insert") || tokens.get(j + 1).equals("update")
                        || tokens.get(j + 1).equals("delete") || tokens.get(j + 1).equals("merge"))) {
                names.add(unquote(tokens.get(i)));
            }
        }
        return names;
    }

    private static int matching(List<String> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).equals("(")) {
                depth++;
            } else if (tokens.get(i).equals(")") && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** A possibly qualified name starting at {@code at}: its last part, and the index after it. */
    private record Name(String table, int end) {
    }

    private static Name name(List<String> tokens, int at) {
        if (at >= tokens.size() || !isIdentifier(tokens.get(at))) {
            return null;
        }
        int j = at;
        String last = tokens.get(j);
        while (j + 2 < tokens.size() && tokens.get(j + 1).equals(".") && isIdentifier(tokens.get(j + 2))) {
            j += 2;
            last = tokens.get(j);
        }
        return new Name(unquote(last), j + 1);
    }

    private static int skipAlias(List<String> tokens, int at) {
        int j = at;
        if (j < tokens.size() && tokens.get(j).equals("as")) {
            j++;
        }
        if (j < tokens.size() && isIdentifier(tokens.get(j)) && !RESERVED_AFTER_TABLE.contains(tokens.get(j))) {
            j++;
            if (j < tokens.size() && tokens.get(j).equals("(")) {
                int close = matching(tokens, j); // column aliases: t (a, b)
                j = close < 0 ? j : close + 1;
            }
        }
        return j;
    }

    /** Words that may follow a table name and are not its alias. */
    private static final Set<String> RESERVED_AFTER_TABLE = Set.of(
            "where", "join", "inner", "left", "right", "full", "cross", "natural", "on", "using", "group", "order",
            "having", "limit", "offset", "fetch", "for", "union", "intersect", "except", "window", "returning", "set",
            "values", "select", "default", "when", "tablesample", "with", "as", "do", "then", "from");

    private static int skip(List<String> tokens, int at, String... words) {
        int j = at;
        outer:
        while (j < tokens.size()) {
            for (String w : words) {
                if (tokens.get(j).equals(w)) {
                    j++;
                    continue outer;
                }
            }
            break;
        }
        return j;
    }

    private static boolean isWord(String token) {
        char c = token.charAt(0);
        return Character.isLetter(c) || c == '_' || c == '"';
    }

    private static boolean isIdentifier(String token) {
        return isWord(token) && !token.equals("select") && !token.equals("values");
    }

    private static String unquote(String identifier) {
        if (identifier.startsWith("\"") && identifier.endsWith("\"") && identifier.length() >= 2) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return identifier.toLowerCase(Locale.ROOT);
    }

    private static List<String> tokens(String sql) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(SqlFingerprint.of(sql).normalized());
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }
}
