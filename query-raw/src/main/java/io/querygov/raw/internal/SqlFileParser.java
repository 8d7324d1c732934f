package io.querygov.raw.internal;

import io.querygov.core.Durations;
import io.querygov.core.ParameterSampler;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryType;
import io.querygov.core.sql.SqlClassification;
import io.querygov.core.sql.SqlLexer;
import io.querygov.core.sql.SqlToken;
import io.querygov.raw.NamedSql;
import io.querygov.raw.SqlFileProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts one SQL file into statements and reads their headers, collecting every problem instead of
 * stopping at the first. Names that are unique per file may still collide across files: the
 * loader checks that.
 */
public final class SqlFileParser {
    /** {@code -- key: value}: a word, a colon, the rest. */
    private static final Pattern HEADER = Pattern.compile("--\\s*([A-Za-z][A-Za-z_-]*)\\s*:(.*)");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_.-]+");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{Nd}_]*");
    private static final Pattern SAMPLER = Pattern.compile("(?:^|\\s)(sample|values|range)\\s*:", Pattern.CASE_INSENSITIVE);
    private static final Pattern RANGE = Pattern.compile("(-?\\d+)\\s*\\.\\.\\s*(-?\\d+)");
    static final List<String> KEYS = List.of("name", "type", "description", "param", "tags", "timeout", "cache");
    /** The headers a query may have at most once; a second one is reported and ignored. */
    private static final Set<String> SINGLE_HEADERS = Set.of("type", "timeout", "cache");
    private static final String SAMPLE_EXAMPLE = "sample: SELECT id FROM projects ORDER BY random() LIMIT 500";
    /** Words that start the clause after a select list: right after SELECT they mean it selects nothing. */
    private static final Set<String> SELECT_LIST_ENDS = Set.of("from", "where", "group", "having", "window", "order",
            "limit", "offset", "fetch", "for", "union", "intersect", "except", "into");
    /** Words a query cannot end with: something must follow them. */
    private static final Set<String> NEEDS_MORE = Set.of("select", "from", "where", "and", "or", "not", "by", "join",
            "on", "as", "limit", "offset", "in", "like", "ilike", "between", "is", "union", "intersect", "except",
            "all", "distinct", "group", "order", "having", "values", "with", "into", "then", "when", "else", "case",
            "using", "fetch", "exists", "any", "some", "array", "cross", "inner", "left", "right", "full", "natural",
            "outer", "lateral", "window", "over", "filter", "within", "recursive", "materialized", "table");

    /** A statement the file defines, with the line of its {@code -- name:} header. */
    public record Entry(String name, String file, int line, QueryDescriptor descriptor) {
    }

    /** What one file holds: the statements that parsed cleanly, and every problem. */
    public record Result(List<Entry> entries, List<Entry> namedWithProblems, List<SqlFileProblem> problems) {
    }

    private final String file;
    private final String text;
    private final int[] lineStarts;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Entry> namedWithProblems = new ArrayList<>();
    private final List<SqlFileProblem> problems = new ArrayList<>();

    private SqlFileParser(String file, String text) {
        this.file = file;
        this.text = text;
        this.lineStarts = lineStarts(text);
    }

    /** Parses the text of {@code file}, a name used only in origins and messages. */
    public static Result parse(String file, String text) {
        SqlFileParser p = new SqlFileParser(file, text);
        p.run();
        return new Result(List.copyOf(p.entries), List.copyOf(p.namedWithProblems), List.copyOf(p.problems));
    }

    /** The 1-based line holding {@code offset}. */
    int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    private void run() {
        int pos = 0;
        Header header = null;
        String previousName = null;
        int length = text.length();
        while (pos < length) {
            int lineEnd = text.indexOf('\n', pos);
            if (lineEnd < 0) {
                lineEnd = length;
            }
            int line = lineOf(pos);
            String trimmed = text.substring(pos, lineEnd).strip();
            if (trimmed.isEmpty()) {
                pos = lineEnd + 1;
                continue;
            }
            if (trimmed.startsWith("--")) {
                if (trimmed.indexOf('\r') >= 0) {
                    // PostgreSQL and many editors end the line there; this parser reads lines by line feeds
                    problem(line, "a carriage return without a line feed splits this comment line: PostgreSQL ends a"
                            + " -- comment there and reads what follows as code; save the file with line feeds");
                    pos = lineEnd + 1;
                    continue;
                }
                Matcher m = HEADER.matcher(trimmed);
                if (m.matches()) {
                    String key = m.group(1).toLowerCase(Locale.ROOT);
                    String value = m.group(2).strip();
                    if (key.equals("name")) {
                        if (header != null && header.name != null) {
                            emptyStatement(header);
                            header = null;
                        }
                        if (header == null) {
                            header = new Header(line);
                        }
                        header.name(value, line);
                    } else if (KEYS.contains(key)) {
                        if (header == null) {
                            header = new Header(line);
                        }
                        header.add(key, value, line);
                    } else if (header != null) {
                        problem(line, "unknown header '" + key + "': a header is one of " + String.join(", ", KEYS)
                                + "; write other comments without a colon after the first word");
                    }
                }
                pos = lineEnd + 1;
                continue;
            }
            int sqlStart = pos;
            while (Character.isWhitespace(text.charAt(sqlStart))) {
                sqlStart++;
            }
            if (header == null) {
                if (previousName != null) {
                    problem(line, "text after statement '" + previousName + "' is not a new header: start each statement "
                            + "with '-- name: ...' directly above it, or remove the text");
                } else {
                    problem(line, "SQL without a '-- name:' header: add one directly above it, e.g. '-- name: my_query'");
                }
                pos = skipStatement(sqlStart);
                continue;
            }
            StatementScan scan = new StatementScan();
            SqlScanner.Result r = SqlScanner.scanStatement(text, sqlStart, scan);
            String sql = text.substring(sqlStart, r.end()).strip();
            statement(header, sql, lineOf(sqlStart), r, scan);
            previousName = header.name != null ? header.name : "(unnamed, line " + lineOf(sqlStart) + ")";
            header = null;
            pos = afterStatement(r, previousName, sqlStart);
        }
        if (header != null) {
            emptyStatement(header);
        }
    }

    private int skipStatement(int from) {
        SqlScanner.Result r = SqlScanner.scanStatement(text, from, new SqlScanner.Visitor() { });
        return afterStatement(r, null, from);
    }

    /**
     * Where parsing resumes after a statement; flags code that follows its semicolon on the same line, where an
     * entry would hold a second statement. Comments after the semicolon are read as the server reads them: a
     * carriage return ends a {@code --} comment, and a block comment may run on to later lines.
     *
     * @param name the statement's name for messages, or null for text without a header (already reported)
     */
    private int afterStatement(SqlScanner.Result r, String name, int statementStart) {
        switch (r.stop()) {
            case SEMICOLON: {
                int after = r.end() + 1;
                int lineEnd = lineEnd(after);
                SqlLexer lexer = SqlLexer.of(text, after);
                while (lexer.next() && lexer.start() < lineEnd) {
                    if (lexer.kind() == SqlToken.Kind.LINE_COMMENT || lexer.kind() == SqlToken.Kind.BLOCK_COMMENT) {
                        lineEnd = Math.max(lineEnd, lineEnd(lexer.end()));
                        continue;
                    }
                    if (name != null) {
                        String rest = text.substring(lexer.start(), lineEnd).strip();
                        boolean carriageReturn = SqlClassification.of(text.substring(statementStart, lineEnd))
                                .commentEndsAtCarriageReturn();
                        problem(lineOf(lexer.start()), "'" + name + "' holds more than one statement: '"
                                + abbreviate(rest) + "' follows its semicolon on the same line; a registered query is"
                                + " one statement, so put each below its own '-- name:' header, or remove it"
                                + (carriageReturn ? " (PostgreSQL ends a -- comment at a carriage return as well as"
                                        + " at a line feed, so what follows a carriage return is code, though an editor"
                                        + " may show the comment going on)" : ""));
                    }
                    break;
                }
                return Math.min(lineEnd + 1, text.length());
            }
            case NAME_HEADER:
                return r.end();
            default:
                return text.length();
        }
    }

    /** The offset of the line feed that ends the line holding {@code offset}, or the text's length. */
    private int lineEnd(int offset) {
        int nl = text.indexOf('\n', offset);
        return nl < 0 ? text.length() : nl;
    }

    /**
     * @param sqlLine the line the SQL starts on: the descriptor's origin, so that a position the server
     *     reports within the statement maps to the right line of the file
     */
    private void statement(Header h, String sql, int sqlLine, SqlScanner.Result r, StatementScan scan) {
        int problemsBefore = problems.size();
        if (h.name == null) {
            problem(h.firstLine, "statement has no '-- name:' header: add one, e.g. '-- name: my_query', with the other headers");
        }
        if (r.stop() == SqlScanner.Stop.UNTERMINATED) {
            problem(lineOf(r.unterminatedStart()), "unterminated " + r.unterminatedWhat() + " in statement '"
                    + nameOrUnnamed(h) + "': close it; everything after it was read as part of it");
        }
        if (r.firstCode() < 0) {
            emptyStatement(h);
            return;
        }
        Map<String, Integer> firstUse = new LinkedHashMap<>();
        scan.uses.forEach(u -> firstUse.putIfAbsent(u.getKey(), u.getValue()));
        for (Map.Entry<String, Integer> use : firstUse.entrySet()) {
            if (!h.parameters.containsKey(use.getKey()) && !h.badlyDeclared.contains(use.getKey())) {
                problem(lineOf(use.getValue()), "parameter ':" + use.getKey() + "' is used in '" + nameOrUnnamed(h)
                        + "' but not declared: add '-- param: " + use.getKey() + " <type>' to its header");
            }
        }
        for (ParamDecl p : h.parameters.values()) {
            if (!firstUse.containsKey(p.parameter.name())) {
                problem(p.line, "parameter '" + p.parameter.name() + "' is declared but '" + nameOrUnnamed(h)
                        + "' does not use it: use ':" + p.parameter.name() + "' in the SQL or remove the declaration");
            }
        }
        QueryType type = h.type;
        if (type == null && !h.typeInvalid) {
            type = NamedSql.parse(sql).inferredType().orElse(null);
            if (type == null) {
                problem(h.nameLine > 0 ? h.nameLine : h.firstLine, "cannot tell the type of '" + nameOrUnnamed(h)
                        + "' from its first word '" + firstWord(sql, r.firstCode()) + "': add '-- type: RAW_SQL_BULK' or '-- type: RAW_SQL_ANALYTICS'");
            }
        }
        if (h.name == null || !h.nameValid) {
            return;
        }
        if (problems.size() > problemsBefore || type == null) {
            namedWithProblems.add(new Entry(h.name, file, h.nameLine, null));
            return;
        }
        try {
            QueryDescriptor d = QueryDescriptor.builder(h.name, type)
                    .sql(sql)
                    .origin(file + ":" + sqlLine)
                    .description(h.description.isEmpty() ? null : String.join(" ", h.description))
                    .parameters(h.parameters.values().stream().map(p -> p.parameter).toList())
                    .tags(h.tags)
                    .timeout(h.timeout)
                    .cacheTtl(h.cacheTtl)
                    .build();
            entries.add(new Entry(h.name, file, h.nameLine, d));
        } catch (IllegalArgumentException e) {
            problem(h.nameLine, e.getMessage());
            namedWithProblems.add(new Entry(h.name, file, h.nameLine, null));
        }
    }

    private String firstWord(String sql, int firstCodeOffset) {
        int end = firstCodeOffset;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return end > firstCodeOffset ? text.substring(firstCodeOffset, end) : abbreviate(sql);
    }

    private void emptyStatement(Header h) {
        int line = h.nameLine > 0 ? h.nameLine : h.firstLine;
        problem(line, "statement '" + nameOrUnnamed(h) + "' is empty: put its SQL directly below its header lines, or remove the header");
        if (h.name != null && h.nameValid) {
            namedWithProblems.add(new Entry(h.name, file, h.nameLine, null));
        }
    }

    private static String nameOrUnnamed(Header h) {
        return h.name != null ? h.name : "(unnamed)";
    }

    private void problem(int line, String message) {
        problems.add(new SqlFileProblem(file, line, message));
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private record ParamDecl(QueryParameter parameter, int line) {
    }

    /** Collects the named parameters of one statement with their offsets. */
    private static final class StatementScan implements SqlScanner.Visitor {
        final List<Map.Entry<String, Integer>> uses = new ArrayList<>();

        @Override
        public void parameter(String name, int offset) {
            uses.add(Map.entry(name, offset));
        }
    }

    /** The header lines above one statement. */
    private final class Header {
        final int firstLine;
        String name;
        int nameLine;
        boolean nameValid;
        QueryType type;
        boolean typeInvalid;
        final List<String> description = new ArrayList<>();
        final Map<String, ParamDecl> parameters = new LinkedHashMap<>();
        /** Names whose declaration had a problem already reported: their uses are not reported again. */
        final Set<String> badlyDeclared = new LinkedHashSet<>();
        final Set<String> tags = new LinkedHashSet<>();
        Duration timeout;
        Duration cacheTtl;
        /** The headers met so far of those a query may have only once. */
        final Set<String> singleHeadersSeen = new HashSet<>();

        Header(int firstLine) {
            this.firstLine = firstLine;
        }

        void name(String value, int line) {
            name = value;
            nameLine = line;
            if (value.isEmpty()) {
                name = null;
                problem(line, "'-- name:' has no name: write e.g. '-- name: project_stats'");
            } else if (!NAME.matcher(value).matches()) {
                problem(line, "name '" + value + "' is not valid: use lower-case letters, digits, '_', '.' and '-', e.g. '"
                        + suggestName(value) + "'");
            } else if (value.length() > QueryDescriptor.MAX_NAME_LENGTH) {
                problem(line, "name '" + value.substring(0, 40) + "...' is " + value.length() + " characters long, at most "
                        + QueryDescriptor.MAX_NAME_LENGTH + " are allowed");
            } else {
                nameValid = true;
            }
        }

        void add(String key, String value, int line) {
            if (SINGLE_HEADERS.contains(key) && !singleHeadersSeen.add(key)) {
                problem(line, "second '-- " + key + ":' header for '" + nameOrUnnamed(this) + "': keep one");
                return;
            }
            switch (key) {
                case "type":
                    try {
                        type = QueryType.parse(value);
                    } catch (IllegalArgumentException e) {
                        typeInvalid = true;
                        problem(line, e.getMessage() + ", or leave out '-- type:' to infer it from the SQL");
                    }
                    break;
                case "description":
                    if (!value.isEmpty()) {
                        description.add(value);
                    }
                    break;
                case "param":
                    parameter(value, line);
                    break;
                case "tags":
                    for (String tag : value.split(",", -1)) {
                        String t = tag.strip();
                        if (t.isEmpty()) {
                            problem(line, "empty tag in '-- tags: " + value + "': separate tags with single commas");
                        } else {
                            tags.add(t);
                        }
                    }
                    break;
                case "timeout":
                    timeout = positiveDuration(line, value, "timeout", null);
                    break;
                case "cache":
                    // how long a result cache may keep the results (query-cache); caching is opt-in per query
                    cacheTtl = positiveDuration(line, value, "cache TTL",
                            "leave out '-- cache:' for a query that is never cached");
                    break;
                default:
                    throw new AssertionError(key);
            }
        }

        /**
         * A header's duration, or null after noting why {@code value} is not a positive one; {@code otherwise}, when
         * not null, ends the note with what the author may do instead.
         */
        private Duration positiveDuration(int line, String value, String what, String otherwise) {
            try {
                Duration d = Durations.parse(value);
                if (!d.isZero()) {
                    return d;
                }
                problem(line, what + " '" + value + "' is zero: write a positive duration, " + Durations.ACCEPTED
                        + (otherwise == null ? "" : ", or " + otherwise));
            } catch (IllegalArgumentException e) {
                problem(line, what + " " + e.getMessage() + (otherwise == null ? "" : "; or " + otherwise));
            }
            return null;
        }

        private void parameter(String value, int line) {
            Matcher sampler = SAMPLER.matcher(value);
            boolean hasSampler = sampler.find();
            String declaration = hasSampler ? value.substring(0, sampler.start()).strip() : value;
            String[] parts = declaration.split("\\s+", 2);
            String paramName = parts[0];
            if (paramName.isEmpty()) {
                problem(line, "'-- param:' needs a name and a type, e.g. '-- param: project_id uuid'");
                return;
            }
            if (paramName.startsWith(":")) {
                problem(line, "write the parameter name without its colon: '-- param: " + paramName.substring(1) + " ...'");
                return;
            }
            if (!PARAMETER_NAME.matcher(paramName).matches()) {
                problem(line, "parameter name '" + paramName + "' is not valid: start with a letter or '_', then letters, digits or '_'");
                return;
            }
            if (parts.length < 2 || parts[1].isBlank()) {
                badlyDeclared.add(paramName);
                problem(line, "parameter '" + paramName + "' needs a PostgreSQL type, e.g. '-- param: " + paramName + " uuid'");
                return;
            }
            if (parameters.containsKey(paramName)) {
                problem(line, "parameter '" + paramName + "' is declared twice (first at line "
                        + parameters.get(paramName).line + "): keep one declaration");
                return;
            }
            ParameterSampler s = ParameterSampler.NONE;
            if (hasSampler) {
                s = sampler(paramName, sampler.group(1).toLowerCase(Locale.ROOT), value.substring(sampler.end()).strip(), line);
                if (s == null) {
                    badlyDeclared.add(paramName);
                    return;
                }
            }
            parameters.put(paramName, new ParamDecl(new QueryParameter(paramName, parts[1].strip(), s), line));
        }

        private ParameterSampler sampler(String paramName, String kind, String spec, int line) {
            switch (kind) {
                case "sample": {
                    String wrong = spec.isEmpty() ? "needs a query returning one column, e.g. '" + SAMPLE_EXAMPLE + "'"
                            : sampleQueryProblem(spec);
                    if (wrong != null) {
                        problem(line, "'sample:' of parameter '" + paramName + "' " + wrong);
                        return null;
                    }
                    return new ParameterSampler.FromQuery(spec);
                }
                case "values": {
                    List<String> values = new ArrayList<>();
                    for (String v : spec.split(",", -1)) {
                        if (!v.strip().isEmpty()) {
                            values.add(v.strip());
                        }
                    }
                    if (values.isEmpty()) {
                        problem(line, "'values:' of parameter '" + paramName + "' needs at least one value, e.g. 'values: 2024-01-01, 2024-06-01'");
                        return null;
                    }
                    return new ParameterSampler.FromValues(values);
                }
                default: {
                    Matcher m = RANGE.matcher(spec);
                    if (!m.matches()) {
                        problem(line, "'range:' of parameter '" + paramName + "' must be two integers 'min..max', e.g. 'range: 1..50', was '" + spec + "'");
                        return null;
                    }
                    try {
                        long min = Long.parseLong(m.group(1));
                        long max = Long.parseLong(m.group(2));
                        if (min > max) {
                            problem(line, "'range: " + spec + "' of parameter '" + paramName + "' is empty: write the smaller bound first, '"
                                    + max + ".." + min + "'");
                            return null;
                        }
                        return new ParameterSampler.FromRange(min, max);
                    } catch (NumberFormatException e) {
                        problem(line, "'range: " + spec + "' of parameter '" + paramName + "' does not fit in a 64-bit integer");
                        return null;
                    }
                }
            }
        }
    }

    /**
     * What keeps {@code sql} from being a sample query, one statement that only reads and returns a column, as far
     * as the text tells without a server; null when nothing does. The server checks the rest when it runs.
     */
    static String sampleQueryProblem(String sql) {
        SqlClassification c = SqlClassification.of(sql);
        if (c.statementCount() == 0) {
            return "holds no statement, only comments: write one that returns one column, e.g. '" + SAMPLE_EXAMPLE + "'";
        }
        if (c.statementCount() > 1) {
            return c.severalStatements().orElseThrow() + "; a sample query is one SELECT that returns one column";
        }
        if (c.lexicalError().isPresent()) {
            return "is not a query PostgreSQL can read (" + c.lexicalError().get() + "): write one that returns one"
                    + " column, e.g. '" + SAMPLE_EXAMPLE + "'";
        }
        String incomplete = incomplete(sql);
        if (incomplete != null) {
            return "is not a complete query: " + incomplete + "; write one that returns one column, e.g. '"
                    + SAMPLE_EXAMPLE + "'";
        }
        if (c.writes()) {
            return "must only read, and '" + abbreviate(sql) + "' writes"
                    + (c.sideEffects().isEmpty() ? "" : " (" + c.sideEffects().get(0).what() + ")")
                    + ": write a SELECT that returns one column";
        }
        return null;
    }

    /** Why a statement's text stops short: an open parenthesis, a SELECT of nothing, a last word that needs more. */
    private static String incomplete(String sql) {
        SqlLexer lexer = SqlLexer.of(sql);
        int depth = 0;
        boolean afterSelect = false;
        String selectWord = null;
        String last = null;
        while (lexer.next()) {
            SqlToken.Kind kind = lexer.kind();
            if (kind == SqlToken.Kind.LINE_COMMENT || kind == SqlToken.Kind.BLOCK_COMMENT
                    || (kind == SqlToken.Kind.PUNCTUATION && lexer.is(';'))) {
                continue;
            }
            if (afterSelect && !(lexer.isWord("all") || lexer.isWord("distinct"))) {
                afterSelect = false;
                if (kind == SqlToken.Kind.PUNCTUATION && lexer.is(')') || isWordOf(lexer, SELECT_LIST_ENDS)) {
                    return "'" + selectWord + "' selects no column";
                }
            }
            if (lexer.isWord("select")) {
                afterSelect = true;
                selectWord = lexer.text();
            }
            if (kind == SqlToken.Kind.PUNCTUATION && lexer.is('(')) {
                depth++;
            } else if (kind == SqlToken.Kind.PUNCTUATION && lexer.is(')') && --depth < 0) {
                return "a parenthesis closes that was never opened";
            }
            last = kind == SqlToken.Kind.OPERATOR
                    || (kind == SqlToken.Kind.PUNCTUATION && !lexer.is(')') && !lexer.is(']'))
                    || isWordOf(lexer, NEEDS_MORE) ? lexer.text() : null;
        }
        if (afterSelect) {
            return "'" + selectWord + "' selects no column";
        }
        if (depth > 0) {
            return "a parenthesis is not closed";
        }
        return last == null ? null : "it ends after '" + last + "'";
    }

    private static boolean isWordOf(SqlLexer lexer, Set<String> words) {
        if (lexer.kind() != SqlToken.Kind.IDENTIFIER) {
            return false;
        }
        for (String w : words) {
            if (lexer.isWord(w)) {
                return true;
            }
        }
        return false;
    }

    private static String suggestName(String value) {
        String s = value.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "my_query" : s;
    }
}
