package io.querygov.raw;

import io.querygov.core.QueryType;
import io.querygov.raw.internal.SqlScanner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A SQL statement with named parameters ({@code :project_id}), parsed once: the forms each consumer
 * needs, the parameters it uses, and what kind of statement it is. Immutable.
 *
 * <p>Parameters are found in code only: string literals, quoted identifiers, comments and
 * dollar-quoted bodies are skipped, and {@code ::type} is a cast. A parameter name starts with an
 * ASCII letter or {@code _}; so {@code arr[1:2]} is a slice, while {@code arr[lo:hi]} reads as
 * parameter {@code hi} (write {@code arr[lo : hi]}).
 */
public final class NamedSql {
    private static final Set<String> READ_VERBS = Set.of("select", "values", "table", "show", "explain");
    private static final Set<String> WRITE_VERBS = Set.of("insert", "update", "delete", "merge", "copy", "truncate");
    private static final Set<String> DML = Set.of("insert", "update", "delete", "merge");
    private static final Set<String> LOCK_STRENGTHS = Set.of("update", "share", "no", "key");

    private final String sql;
    private final String jdbcSql;
    private final String positionalSql;
    private final List<String> parameterNames;
    private final List<String> jdbcParameterNames;
    private final QueryType inferredType;
    private final boolean writes;

    private NamedSql(String sql) {
        this.sql = sql;
        Collector c = new Collector();
        SqlScanner.scanAll(sql, c);
        this.jdbcSql = c.jdbc.toString();
        this.positionalSql = c.positional.toString();
        this.parameterNames = List.copyOf(c.distinct);
        this.jdbcParameterNames = List.copyOf(c.uses);
        Kind kind = c.kind();
        this.inferredType = kind.type;
        this.writes = kind.writes;
    }

    /** Parses a statement; never fails, whatever the text. */
    public static NamedSql parse(String sql) {
        if (sql == null) {
            throw new IllegalArgumentException("cannot parse null SQL");
        }
        return new NamedSql(sql);
    }

    /** The statement as written. */
    public String sql() {
        return sql;
    }

    /**
     * The statement for a JDBC {@code PreparedStatement}: each {@code :name} becomes {@code ?}, and a
     * {@code ?} written in the SQL (PostgreSQL's jsonb operators {@code ?}, {@code ?|}, {@code ?&})
     * is doubled, which is how pgjdbc is told it is not a placeholder.
     */
    public String jdbcSql() {
        return jdbcSql;
    }

    /**
     * The statement as PostgreSQL's {@code PREPARE} and {@code EXPLAIN} take it: each distinct
     * parameter becomes {@code $n}, numbered in order of first use ({@link #parameterNames()}).
     */
    public String positionalSql() {
        return positionalSql;
    }

    /** The distinct parameters, in order of first use; {@code $n} in {@link #positionalSql()} is element n-1. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** The parameter behind each {@code ?} of {@link #jdbcSql()}, in order; a name used twice appears twice. */
    public List<String> jdbcParameterNames() {
        return jdbcParameterNames;
    }

    /**
     * The type a statement has when its file does not say: SELECT, VALUES, TABLE and WITH ... SELECT
     * are {@link QueryType#RAW_SQL_ANALYTICS}; INSERT, UPDATE, DELETE, MERGE, COPY, TRUNCATE and a
     * WITH that writes are {@link QueryType#RAW_SQL_BULK}. Empty for anything else (CALL, DO, DDL).
     */
    public Optional<QueryType> inferredType() {
        return Optional.ofNullable(inferredType);
    }

    /**
     * Whether the statement cannot run in a read-only transaction: it writes, locks rows
     * ({@code FOR UPDATE}, {@code FOR SHARE}), or is of a kind this parser does not know, which is
     * assumed to write.
     */
    public boolean writes() {
        return writes;
    }

    @Override
    public String toString() {
        return jdbcSql;
    }

    private record Kind(QueryType type, boolean writes) {
    }

    /** Builds both output forms and notes the words and parentheses that tell what kind the statement is. */
    private static final class Collector implements SqlScanner.Visitor {
        final StringBuilder jdbc = new StringBuilder();
        final StringBuilder positional = new StringBuilder();
        final Set<String> distinct = new LinkedHashSet<>();
        final List<String> uses = new ArrayList<>();
        private String firstWord;
        private String previousToken;
        private int depth;
        private boolean dmlInWith;
        private boolean locks;
        private boolean selectInto;

        @Override
        public void text(String s, int start, int end) {
            jdbc.append(s, start, end);
            positional.append(s, start, end);
        }

        @Override
        public void parameter(String name, int offset) {
            jdbc.append('?');
            distinct.add(name);
            uses.add(name);
            positional.append('$').append(indexOf(name) + 1);
            previousToken = "?";
        }

        @Override
        public void questionMark(int offset) {
            jdbc.append("??");
            positional.append('?');
            previousToken = "?";
        }

        @Override
        public void word(String s, int start, int end) {
            String w = s.substring(start, end).toLowerCase(Locale.ROOT);
            if (firstWord == null) {
                firstWord = w;
            }
            if (DML.contains(w) && ("(".equals(previousToken) || (depth == 0 && ")".equals(previousToken)))) {
                dmlInWith = true;
            }
            if ("for".equals(previousToken) && LOCK_STRENGTHS.contains(w)) {
                locks = true;
            }
            if (depth == 0 && "into".equals(w) && "select".equals(firstWord)) {
                selectInto = true;
            }
            previousToken = w;
        }

        @Override
        public void parenthesis(char c, int offset) {
            if (firstWord == null && c == '(') {
                firstWord = "(";
            }
            depth += c == '(' ? 1 : -1;
            previousToken = String.valueOf(c);
        }

        private int indexOf(String name) {
            int i = 0;
            for (String n : distinct) {
                if (n.equals(name)) {
                    return i;
                }
                i++;
            }
            throw new AssertionError(name);
        }

        Kind kind() {
            if (firstWord == null) {
                return new Kind(null, true);
            }
            if (firstWord.equals("with")) {
                return dmlInWith ? new Kind(QueryType.RAW_SQL_BULK, true) : new Kind(QueryType.RAW_SQL_ANALYTICS, locks);
            }
            if (WRITE_VERBS.contains(firstWord)) {
                return new Kind(QueryType.RAW_SQL_BULK, true);
            }
            if (selectInto) {
                return new Kind(QueryType.RAW_SQL_BULK, true);
            }
            if (READ_VERBS.contains(firstWord) || firstWord.equals("(")) {
                return new Kind(QueryType.RAW_SQL_ANALYTICS, locks);
            }
            return new Kind(null, true);
        }
    }
}
