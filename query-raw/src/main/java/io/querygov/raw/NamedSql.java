package io.querygov.raw;

import io.querygov.core.QueryType;
import io.querygov.core.sql.SqlClassification;
import io.querygov.raw.internal.SqlScanner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A SQL statement with named parameters ({@code :project_id}), parsed once: the forms each consumer
 * needs, the parameters it uses, and what kind of statement it is. Immutable.
 *
 * <p>Parameters are found in code only: string literals, quoted identifiers, comments and
 * dollar-quoted bodies are skipped, and {@code ::type} is a cast. A parameter name starts with a
 * letter or {@code _} and goes on with letters, digits and {@code _}, as a PostgreSQL identifier
 * does (non-ASCII letters included); so {@code arr[1:2]} is a slice, while {@code arr[lo:hi]} reads
 * as parameter {@code hi} (write {@code arr[lo : hi]}).
 *
 * <p>Three texts come out: {@link #jdbcSql()} for pgjdbc; {@link #serverSql()}, what PostgreSQL
 * receives when pgjdbc sends {@code jdbcSql()} (one {@code $n} per placeholder), to which server
 * error positions and pg_stat_statements refer, and which {@link #sqlOffset(int)} maps back to the
 * statement as written; and {@link #positionalSql()}, one {@code $n} per distinct name, for a
 * hand-written {@code PREPARE}.
 */
public final class NamedSql {
    // One final field per form of the text, declared as any immutable class declares them.
    private final String sql;
    private final String jdbcSql;
    private final String positionalSql;
    private final List<String> parameterNames;
    private final List<String> jdbcParameterNames;
    /** The text of {@link #jdbcSql()} around its placeholders: one more part than placeholders. */
    private final List<String> jdbcParts;
    /** Where each placeholder's {@code :name} starts in {@link #sql()}, and where it ends. */
    private final int[] parameterStarts;
    private final int[] parameterEnds;
    private final SqlClassification classification;

    private NamedSql(String sql) {
        this.sql = sql;
        Collector c = new Collector();
        SqlScanner.scanAll(sql, c);
        c.jdbcParts.add(c.jdbc.substring(c.partStart));
        this.jdbcSql = c.jdbc.toString();
        this.jdbcParts = List.copyOf(c.jdbcParts);
        this.parameterStarts = c.starts.stream().mapToInt(Integer::intValue).toArray();
        this.parameterEnds = c.ends.stream().mapToInt(Integer::intValue).toArray();
        this.positionalSql = c.positional.toString();
        this.parameterNames = List.copyOf(c.distinct);
        this.jdbcParameterNames = List.copyOf(c.uses);
        this.classification = SqlClassification.of(sql);
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
     * {@link #jdbcSql()} with {@code afterPlaceholder.apply(i)} written after placeholder {@code i}
     * (zero-based, as {@link #jdbcParameterNames()}), e.g. {@code "::inet"} so that the server casts
     * a value sent as text.
     */
    public String jdbcSql(IntFunction<String> afterPlaceholder) {
        StringBuilder out = new StringBuilder(jdbcSql.length() + 8 * parameterStarts.length);
        for (int i = 0; i < parameterStarts.length; i++) {
            out.append(jdbcParts.get(i)).append('?').append(afterPlaceholder.apply(i));
        }
        return out.append(jdbcParts.get(parameterStarts.length)).toString();
    }

    /**
     * The statement as PostgreSQL receives it when pgjdbc sends {@link #jdbcSql()}: placeholder
     * {@code i} becomes {@code $(i + 1)}, so a name used twice is two parameters, and the SQL is
     * otherwise as written. pg_stat_statements shows this text, and a server error position is an
     * offset in it ({@link #sqlOffset(int)}).
     */
    public String serverSql() {
        return serverSql(i -> "");
    }

    /** {@link #serverSql()} with {@code afterPlaceholder.apply(i)} written after {@code $(i + 1)}. */
    public String serverSql(IntFunction<String> afterPlaceholder) {
        StringBuilder out = new StringBuilder(sql.length() + 8 * parameterStarts.length);
        int from = 0;
        for (int i = 0; i < parameterStarts.length; i++) {
            out.append(sql, from, parameterStarts[i]).append('$').append(i + 1).append(afterPlaceholder.apply(i));
            from = parameterEnds[i];
        }
        return out.append(sql, from, sql.length()).toString();
    }

    /**
     * Maps a zero-based offset in {@link #serverSql()} (a server error position minus one) to the
     * offset in {@link #sql()}: an offset inside a {@code $n} maps to the colon of its
     * {@code :name}, one past the end to one past the end.
     */
    public int sqlOffset(int serverOffset) {
        int server = 0;
        int from = 0;
        for (int i = 0; i < parameterStarts.length; i++) {
            int text = parameterStarts[i] - from;
            if (serverOffset < server + text) {
                return from + serverOffset - server;
            }
            server += text;
            int placeholder = 1 + String.valueOf(i + 1).length();
            if (serverOffset < server + placeholder) {
                return parameterStarts[i];
            }
            server += placeholder;
            from = parameterEnds[i];
        }
        return from + serverOffset - server;
    }

    /**
     * The statement for a hand-written {@code PREPARE} or {@code EXPLAIN}: each distinct parameter
     * becomes {@code $n}, numbered in order of first use ({@link #parameterNames()}), so a name used
     * twice is one parameter. Not the text pgjdbc sends when a name is used twice: that is
     * {@link #serverSql()}.
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
     * The type a statement has when its file does not say, as core's {@link SqlClassification} infers it: SELECT,
     * VALUES, TABLE and WITH ... SELECT are {@link QueryType#RAW_SQL_ANALYTICS}; INSERT, UPDATE, DELETE, MERGE, COPY,
     * TRUNCATE, SELECT ... INTO and a WITH that writes are {@link QueryType#RAW_SQL_BULK}. Empty for anything else
     * (CALL, DO, DDL).
     */
    public Optional<QueryType> inferredType() {
        return classification.inferredType();
    }

    /**
     * Whether the statement cannot run in a read-only transaction: it writes, locks rows ({@code FOR UPDATE},
     * {@code FOR SHARE}), has a side effect a rollback cannot undo ({@code nextval}, {@code COPY ... PROGRAM}), or is
     * of a kind the classifier does not know, which is assumed to write.
     */
    public boolean writes() {
        return classification.writes();
    }

    /** What core's one classifier says of this statement: statements, reads or writes, side effects. */
    public SqlClassification classification() {
        return classification;
    }

    @Override
    public String toString() {
        return jdbcSql;
    }

    /** Builds both output forms. */
    private static final class Collector implements SqlScanner.Visitor {
        final StringBuilder jdbc = new StringBuilder();
        final StringBuilder positional = new StringBuilder();
        final Set<String> distinct = new LinkedHashSet<>();
        final List<String> uses = new ArrayList<>();
        final List<String> jdbcParts = new ArrayList<>();
        final List<Integer> starts = new ArrayList<>();
        final List<Integer> ends = new ArrayList<>();
        int partStart;

        @Override
        public void text(String s, int start, int end) {
            jdbc.append(s, start, end);
            positional.append(s, start, end);
        }

        @Override
        public void parameter(String name, int offset) {
            jdbcParts.add(jdbc.substring(partStart));
            starts.add(offset);
            ends.add(offset + 1 + name.length());
            jdbc.append('?');
            partStart = jdbc.length();
            distinct.add(name);
            uses.add(name);
            positional.append('$').append(indexOf(name) + 1);
        }

        @Override
        public void questionMark(int offset) {
            jdbc.append("??");
            positional.append('?');
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
    }
}
