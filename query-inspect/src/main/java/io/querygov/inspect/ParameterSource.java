package io.querygov.inspect;

import io.querygov.core.ParameterSampler;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.SqlFingerprint;
import io.querygov.core.StatementLanguage;
import io.querygov.core.sql.SqlClassification;
import io.querygov.raw.NamedSql;
import io.querygov.raw.ParameterTyping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;

/**
 * Values for the parameters of registered statements, for benchmarks and EXPLAIN: drawn from each parameter's
 * sampler ({@code sample:} query, {@code values:} list, {@code range:}), or given as text (e.g. from
 * {@code --param name=value}), and typed by the parameter's declared SQL type:
 *
 * <table>
 *   <caption>Declared type and value</caption>
 *   <tr><td>uuid</td><td>{@link java.util.UUID}</td></tr>
 *   <tr><td>smallint, int / integer, bigint</td><td>Short, Integer, Long</td></tr>
 *   <tr><td>numeric / decimal, real, double precision</td><td>BigDecimal, Float, Double</td></tr>
 *   <tr><td>timestamptz, timestamp, date</td><td>OffsetDateTime, LocalDateTime, LocalDate</td></tr>
 *   <tr><td>boolean</td><td>Boolean</td></tr>
 *   <tr><td>text, varchar, char</td><td>String</td></tr>
 *   <tr><td>anything else (inet, jsonb, arrays, enums)</td><td>String, bound with an explicit cast to the type</td></tr>
 * </table>
 *
 * <p>Draws are deterministic: the same seed, catalog and sample rows give the same values in the same order. A
 * sample query runs once per source (read-only, in a transaction that is rolled back, at most
 * {@value #SAMPLE_ROW_LIMIT} rows, with the server's {@code random()} seeded from this source's seed by
 * {@code setseed}, so that {@code ORDER BY random() LIMIT n} picks the same rows from the same data in every run) and
 * its values are kept, sorted so that the server's row order does not matter;
 * write {@code ORDER BY ... LIMIT} in the sample query when the table is larger than that. Thread-safe; draws from
 * several threads interleave, so give each thread its own {@link #withSeed(long)} when the order matters.
 */
public final class ParameterSource {
    /** Rows read from a sample query at most: enough variety for a benchmark, bounded memory. */
    public static final int SAMPLE_ROW_LIMIT = 10_000;

    private final DataSource dataSource;
    private final ConcurrentMap<String, List<Object>> samples;
    private final SplittableRandom random;
    /** The seed of the source that first ran the sample queries: the server's random() is seeded from it. */
    private final long sampleSeed;

    private ParameterSource(DataSource dataSource, ConcurrentMap<String, List<Object>> samples, long seed,
                            long sampleSeed) {
        this.dataSource = dataSource;
        this.samples = samples;
        this.sampleSeed = sampleSeed;
        this.random = new SplittableRandom(seed);
    }

    /**
     * A source that draws with this seed.
     *
     * @param dataSource where sample queries run; may be null when no parameter uses a sample query
     */
    public static ParameterSource create(DataSource dataSource, long seed) {
        return new ParameterSource(dataSource, new ConcurrentHashMap<>(), seed, seed);
    }

    /** A source with another seed that shares this one's sample query results, so they run only once. */
    public ParameterSource withSeed(long seed) {
        return new ParameterSource(dataSource, samples, seed, sampleSeed);
    }

    /**
     * One value for each parameter the statement uses, by name, in order of first use: the given value where there
     * is one, else a draw from the parameter's sampler.
     *
     * @param given values as text by parameter name; they override samplers
     * @throws ParameterValueException naming the query and parameter when a value is missing, a given value does
     *         not read as the declared type, a given name is not a parameter, or a sample query fails or returns
     *         no rows
     */
    public Map<String, Object> values(QueryDescriptor query, Map<String, String> given) {
        Map<String, Object> out = new LinkedHashMap<>(convert(query, given));
        for (String name : statementParameters(query)) {
            if (out.containsKey(name)) {
                continue;
            }
            QueryParameter parameter = query.parameter(name).orElseThrow(() -> new ParameterValueException(
                    query.name(), name, "Parameter '" + name + "' of query '" + query.name() + "' has no value: it is"
                    + " not declared, so it has no sampler; give one, e.g. --param " + name + "=<value>, or declare it"
                    + " with a type and a sampler"));
            out.put(name, draw(query, parameter));
        }
        return out;
    }

    /**
     * Given values typed by their parameters' declared types, without drawing anything. Names the statement uses
     * but does not declare are kept as text, for the server to type.
     *
     * @throws ParameterValueException when a name is not a parameter of the query or a value does not read as its type
     */
    public static Map<String, Object> convert(QueryDescriptor query, Map<String, String> given) {
        List<String> used = statementParameters(query);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String name = e.getKey();
            if (!used.contains(name) && query.parameter(name).isEmpty()) {
                throw new ParameterValueException(query.name(), name, "Query '" + query.name() + "' has no parameter '"
                        + name + "'; its parameters are: " + (used.isEmpty() ? "none" : String.join(", ", used)));
            }
            String type = query.parameter(name).map(QueryParameter::sqlType).orElse(null);
            out.put(name, typed(query, name, type, e.getValue()));
        }
        return out;
    }

    private static List<String> statementParameters(QueryDescriptor query) {
        if (query.language() != StatementLanguage.SQL || query.statement().isEmpty()) {
            List<String> declared = new ArrayList<>();
            query.parameters().forEach(p -> declared.add(p.name()));
            return declared;
        }
        // SQL an ORM generated binds positionally ('?'): its parameters are the declared ones
        List<String> names = new ArrayList<>(NamedSql.parse(query.statement().get()).parameterNames());
        query.parameters().forEach(p -> {
            if (!names.contains(p.name())) {
                names.add(p.name());
            }
        });
        return names;
    }

    private static Object typed(QueryDescriptor query, String name, String type, String text) {
        if (text == null) {
            return null;
        }
        try {
            return ParameterTyping.of(type).fromText(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterValueException(query.name(), name, "Parameter '" + name + "' of query '" + query.name()
                    + "' is " + type + ": " + e.getMessage(), e);
        }
    }

    private Object draw(QueryDescriptor query, QueryParameter parameter) {
        ParameterSampler sampler = parameter.sampler();
        ParameterTyping typing = ParameterTyping.of(parameter.sqlType());
        if (sampler instanceof ParameterSampler.FromValues values) {
            List<String> list = values.values();
            return typed(query, parameter.name(), parameter.sqlType(), list.get(nextInt(list.size())));
        }
        if (sampler instanceof ParameterSampler.FromRange range) {
            long value = nextLong(range.min(), range.max());
            try {
                return typing.fromLong(value);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new ParameterValueException(query.name(), parameter.name(), "Parameter '" + parameter.name()
                        + "' of query '" + query.name() + "' is " + parameter.sqlType() + " and cannot take " + value
                        + " from its range " + range.min() + ".." + range.max() + ": " + e.getMessage()
                        + "; declare values: or sample: instead, or a range that fits the type");
            }
        }
        if (sampler instanceof ParameterSampler.FromQuery fromQuery) {
            List<Object> rows = sample(query, parameter, fromQuery.sql(), typing);
            return rows.get(nextInt(rows.size()));
        }
        throw new ParameterValueException(query.name(), parameter.name(), "Parameter '" + parameter.name()
                + "' of query '" + query.name() + "' has no value: give one, e.g. --param " + parameter.name()
                + "=<" + parameter.sqlType() + ">, or declare a sampler for it (sample:, values: or range:)");
    }

    private synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Uniform in {@code min..max}, both included; SplittableRandom's bound is exclusive. */
    private synchronized long nextLong(long min, long max) {
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        return min > Long.MIN_VALUE ? random.nextLong(min - 1, max) + 1 : random.nextLong();
    }

    private List<Object> sample(QueryDescriptor query, QueryParameter parameter, String sql, ParameterTyping typing) {
        String key = typing.name() + "\u0000" + sql;
        return samples.computeIfAbsent(key, k -> runSample(query, parameter, sql, typing));
    }

    private List<Object> runSample(QueryDescriptor query, QueryParameter parameter, String sql, ParameterTyping typing) {
        String what = "The sample query of parameter '" + parameter.name() + "' of query '" + query.name() + "' ("
                + SqlFingerprint.of(sql).abbreviated(120) + ")";
        if (dataSource == null) {
            throw new ParameterValueException(query.name(), parameter.name(), what
                    + " needs a database, but this ParameterSource has none: create it with a DataSource");
        }
        // the loader refuses these already; a catalog built in code reaches here unchecked
        SqlClassification classification = SqlClassification.of(sql);
        if (classification.statementCount() != 1 || !classification.reads()) {
            throw new ParameterValueException(query.name(), parameter.name(), what + " "
                    + classification.severalStatements().orElse("does not only read")
                    + ": a sample query is one SELECT that returns one column; nothing was sent");
        }
        List<Object> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION READ ONLY");
                // a sample query of ORDER BY random() LIMIT n then picks the same rows in every run on the same
                // data, so two runs draw the same values and their work can be compared call for call
                try (PreparedStatement seeded = connection.prepareStatement("SELECT setseed(?)")) {
                    seeded.setDouble(1, serverSeed(sampleSeed));
                    seeded.execute();
                }
                statement.setMaxRows(SAMPLE_ROW_LIMIT);
                try (ResultSet rs = statement.executeQuery(sql)) {
                    if (rs.getMetaData().getColumnCount() != 1) {
                        throw new ParameterValueException(query.name(), parameter.name(), what + " returns "
                                + rs.getMetaData().getColumnCount() + " columns; it must return exactly one");
                    }
                    while (rs.next()) {
                        Object value = typing == ParameterTyping.CAST_FROM_TEXT ? rs.getString(1)
                                : rs.getObject(1, typing.javaType());
                        if (value != null) {
                            values.add(value);
                        }
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new ParameterValueException(query.name(), parameter.name(), what + " failed: " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")")
                    + "; fix the query, or give the value with --param " + parameter.name() + "=<value>", e);
        }
        if (values.isEmpty()) {
            throw new ParameterValueException(query.name(), parameter.name(), what + " returned no rows (or only"
                    + " NULLs): load data first, or give the value with --param " + parameter.name() + "=<value>");
        }
        values.sort(ORDER);
        return List.copyOf(values);
    }

    /** The seed as setseed takes it: a number from -1 to 1. */
    static double serverSeed(long seed) {
        return (double) Math.floorMod(seed, 1_000_003L) / 1_000_003L;
    }

    /** Natural order for the value types this class produces; text order otherwise. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Object> ORDER = (a, b) -> a instanceof Comparable && a.getClass() == b.getClass()
            ? ((Comparable) a).compareTo(b) : Objects.toString(a).compareTo(Objects.toString(b));
}
