package io.querygov.inspect;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.StatementLanguage;
import io.querygov.core.StatementRefusedException;
import io.querygov.core.sql.SqlClassification;
import io.querygov.raw.NamedSql;
import io.querygov.raw.ParameterTyping;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.core.BaseStatement;
import org.postgresql.core.QueryExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains registered SQL statements: {@code EXPLAIN (FORMAT JSON, VERBOSE)} with parameter values, optionally with
 * ANALYZE and BUFFERS, and on PostgreSQL 16+ the generic plan too.
 *
 * <pre>{@code
 * Explainer explainer = Explainer.create(dataSource);
 * Map<String, Object> values = ParameterSource.create(dataSource, 42).values(query, Map.of());
 * ExplainResult result = explainer.explain(query, values, ExplainOptions.defaults().withAnalyze(true));
 * System.out.print(result.renderText());
 * }</pre>
 *
 * <p>Every EXPLAIN runs in a transaction that is rolled back: read-only without ANALYZE, read-write with it so a
 * statement that writes can run, and then its writes are undone. What a rollback cannot undo is refused before
 * anything is sent: a text of more than one statement always, and with ANALYZE a statement with a side effect
 * ({@code nextval}, {@code COPY ... PROGRAM}, {@code pg_terminate_backend}; core's
 * {@link io.querygov.core.sql.SqlClassification} lists them) unless {@link ExplainOptions#allowWrites()}. What a
 * called function or a trigger does inside is beyond that check: a sequence it advances stays advanced.
 * Thread-safe; each call uses one connection of its own.
 */
public final class Explainer {
    private static final Logger LOG = LoggerFactory.getLogger(Explainer.class);
    /** GENERIC_PLAN arrived in PostgreSQL 16. */
    private static final int GENERIC_PLAN_MAJOR_VERSION = 16;

    private final ConnectionSource connections;

    private Explainer(ConnectionSource connections) {
        this.connections = connections;
    }

    public static Explainer create(DataSource dataSource) {
        return new Explainer(Objects.requireNonNull(dataSource, "dataSource")::getConnection);
    }

    /**
     * Explains every call in {@code session}, so that a call finds what an earlier one read into the session's
     * caches. The session stays open: its owner closes it.
     */
    static Explainer inSession(Connection session) {
        Connection keptOpen = (Connection) Proxy.newProxyInstance(Explainer.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(session, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new Explainer(() -> keptOpen);
    }

    /** Where each call gets its connection, which it closes when done. */
    @FunctionalInterface
    private interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /**
     * Explains a query with these values.
     *
     * @param values a value for every parameter the statement uses, by name, typed as {@link ParameterSource} types
     *        them (a String for other types is cast by the server); a null value binds NULL
     * @throws StatementRefusedException before anything is sent, when the statement holds several, or with ANALYZE
     *         has a side effect a rollback cannot undo and the options do not allow writes
     * @throws ParameterValueException when a parameter has no value
     * @throws IntrospectionException naming the query, with the server's message and SQLSTATE, when EXPLAIN fails,
     *         or when the query is not SQL
     */
    public ExplainResult explain(QueryDescriptor query, Map<String, ?> values, ExplainOptions options) {
        return explain(query, values, options, null, false);
    }

    /**
     * As {@link #explain(QueryDescriptor, Map, ExplainOptions)}, for {@link WorkCapture}: the transaction is read-only
     * even with ANALYZE (a write then fails rather than runs), and no warnings are worked out, which would cost a
     * catalog lookup per table scanned.
     */
    ExplainResult explainWork(QueryDescriptor query, Map<String, ?> values, ExplainOptions options) {
        return explain(query, values, options, null, true);
    }

    /**
     * Explains a query as {@link #explain} does, with an index that exists only for this EXPLAIN: the transaction
     * runs {@link TrialIndex#createStatement()} first and is rolled back after, so the index is never committed.
     * The transaction is read-write (CREATE INDEX needs it) but nothing else in it writes unless ANALYZE runs a
     * statement that does, which is rolled back as always.
     *
     * <p>CREATE INDEX holds a SHARE lock on the table until the rollback: writes to that table wait meanwhile (reads
     * do not). The lock is asked for with {@value TrialIndex#LOCK_TIMEOUT_MILLIS} ms of {@code lock_timeout}, so
     * a table that is being written gives an {@link IntrospectionException} rather than a queue of blocked writers
     * behind this one; building the index still takes as long as it takes on a large table.
     */
    public ExplainResult explainWithIndex(QueryDescriptor query, Map<String, ?> values, ExplainOptions options,
                                          TrialIndex index) {
        return explain(query, values, options, Objects.requireNonNull(index, "index"), false);
    }

    private ExplainResult explain(QueryDescriptor query, Map<String, ?> values, ExplainOptions options,
                                  TrialIndex index, boolean workOnly) {
        Objects.requireNonNull(options, "options");
        if (query.language() != StatementLanguage.SQL || query.statement().isEmpty()) {
            throw new IntrospectionException(query.name(), "Query '" + query.name() + "' is "
                    + query.language().name().replace('_', ' ').toLowerCase(Locale.ROOT)
                    + ", not SQL: explain the SQL Hibernate generates for it instead");
        }
        NamedSql sql = NamedSql.parse(query.statement().get());
        refuseUnsafe(query, sql.classification(), options);
        List<String> placeholders = sql.jdbcParameterNames();
        Map<String, String> shown = new LinkedHashMap<>();
        for (String name : placeholders) {
            if (!values.containsKey(name)) {
                throw new ParameterValueException(query.name(), name, "Parameter '" + name + "' of query '"
                        + query.name() + "' has no value to explain with: give one, e.g. --param " + name
                        + "=<value>, or draw values with ParameterSource");
            }
            shown.put(name, String.valueOf(values.get(name)));
        }
        String[] suffixes = new String[placeholders.size()];
        ParameterTyping[] typings = new ParameterTyping[placeholders.size()];
        for (int i = 0; i < placeholders.size(); i++) {
            String declared = query.parameter(placeholders.get(i)).map(QueryParameter::sqlType).orElse(null);
            typings[i] = ParameterTyping.of(declared);
            suffixes[i] = castSuffix(query, placeholders.get(i), declared);
        }

        try (Connection connection = connections.open()) {
            connection.setAutoCommit(false);
            try {
                prepareTransaction(connection, query, options, index, workOnly);
                QueryPlan generic = null;
                String genericNote = null;
                if (!options.genericPlan()) {
                    genericNote = "not asked for";
                } else if (placeholders.isEmpty()) {
                    genericNote = "the statement has no parameters, so its only plan is generic";
                } else if (connection.getMetaData().getDatabaseMajorVersion() < GENERIC_PLAN_MAJOR_VERSION) {
                    genericNote = "EXPLAIN (GENERIC_PLAN) needs PostgreSQL 16 or newer, the server is "
                            + connection.getMetaData().getDatabaseProductVersion();
                } else {
                    // before ANALYZE, so that rows it writes cannot change the generic plan's estimates
                    Savepoint beforeGeneric = connection.setSavepoint();
                    try {
                        generic = explainGeneric(connection, sql, suffixes);
                    } catch (SQLException e) {
                        // the plan for the given values is still worth having
                        connection.rollback(beforeGeneric);
                        genericNote = "EXPLAIN (GENERIC_PLAN) failed: " + e.getMessage();
                        LOG.debug("Generic plan of {} failed", query.name(), e);
                    }
                }
                QueryPlan plan = explainCustom(connection, sql, suffixes, typings, values, options);
                if (workOnly) {
                    return new ExplainResult(query.name(), shown, options, plan, List.of(), generic, List.of(),
                            genericNote);
                }
                Map<String, Long> tableRows = tableRows(connection, plan, generic);

                List<PlanWarning> warnings = new ArrayList<>(PlanWarnings.of(plan, options.thresholds(), tableRows));
                List<PlanWarning> genericWarnings = List.of();
                if (generic != null) {
                    genericWarnings = PlanWarnings.of(generic, options.thresholds(), tableRows);
                    PlanWarning differs = PlanWarnings.genericPlanDiffers(plan, generic);
                    if (differs != null) {
                        warnings.add(differs);
                    }
                }
                return new ExplainResult(query.name(), shown, options, plan, warnings, generic, genericWarnings,
                        genericNote);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IntrospectionException(query.name(), e.getSQLState(), "EXPLAIN of query '" + query.name()
                    + "' (" + query.originOrUnknown() + ") failed: " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")")
                    + "; StatementChecker shows where a statement is wrong", e);
        }
    }

    /**
     * Before anything is sent: a text of several statements never (the generic plan goes over the simple protocol,
     * where the server would run every one), and with ANALYZE, which runs the statement, none whose side effects a
     * rollback cannot undo unless the options allow writes.
     */
    private static void refuseUnsafe(QueryDescriptor query, SqlClassification sql, ExplainOptions options) {
        if (sql.statementCount() > 1) {
            throw StatementRefusedException.severalStatements(query, sql);
        }
        if (options.analyze() && !options.allowWrites() && !sql.sideEffects().isEmpty()) {
            throw StatementRefusedException.sideEffects(query, sql.sideEffects());
        }
    }

    private static String castSuffix(QueryDescriptor query, String name, String declared) {
        try {
            return ParameterTyping.castSuffix(declared);
        } catch (IllegalArgumentException e) {
            throw new ParameterValueException(query.name(), name, "Parameter '" + name + "' of query '" + query.name()
                    + "' declares type " + e.getMessage() + ": declare a PostgreSQL type name such as inet or int[]");
        }
    }

    private static void prepareTransaction(Connection connection, QueryDescriptor query, ExplainOptions options,
                                           TrialIndex index, boolean readOnly) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (!options.analyze() && index == null || readOnly) {
                // EXPLAIN without ANALYZE never runs the statement; read-only says so to the server as well
                statement.execute("SET TRANSACTION READ ONLY");
            }
        }
        Duration timeout = options.statementTimeout() != null ? options.statementTimeout() : query.timeout().orElse(null);
        Map<String, String> settings = new LinkedHashMap<>(options.settings());
        if (timeout != null) {
            settings.put("statement_timeout", Math.max(1, timeout.toMillis()) + "ms");
        }
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
            for (Map.Entry<String, String> e : settings.entrySet()) {
                set.setString(1, e.getKey());
                set.setString(2, e.getValue());
                set.execute();
            }
        }
        if (index != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = " + TrialIndex.LOCK_TIMEOUT_MILLIS);
                statement.execute(index.createStatement());
            }
        }
    }

    private static QueryPlan explainCustom(Connection connection, NamedSql sql, String[] suffixes,
                                           ParameterTyping[] typings, Map<String, ?> values, ExplainOptions options)
            throws SQLException {
        StringBuilder explain = new StringBuilder("EXPLAIN (FORMAT JSON, VERBOSE");
        if (options.analyze()) {
            explain.append(", ANALYZE");
        }
        if (options.buffers()) {
            explain.append(", BUFFERS");
        }
        explain.append(") ").append(sql.jdbcSql(i -> suffixes[i]));
        try (PreparedStatement statement = connection.prepareStatement(explain.toString())) {
            List<String> placeholders = sql.jdbcParameterNames();
            for (int i = 0; i < placeholders.size(); i++) {
                typings[i].bind(statement, i + 1, values.get(placeholders.get(i)));
            }
            try (ResultSet rs = statement.executeQuery()) {
                return QueryPlan.parse(single(rs));
            }
        }
    }

    private static QueryPlan explainGeneric(Connection connection, NamedSql sql, String[] suffixes) throws SQLException {
        String explain = "EXPLAIN (FORMAT JSON, VERBOSE, GENERIC_PLAN) " + sql.serverSql(i -> suffixes[i]);
        try (Statement statement = connection.createStatement()) {
            // over the extended protocol the server would expect a value for each $n in the Bind message; the simple
            // protocol sends the text alone, which is what GENERIC_PLAN is for
            statement.unwrap(BaseStatement.class).executeWithFlags(explain, QueryExecutor.QUERY_EXECUTE_AS_SIMPLE);
            try (ResultSet rs = statement.getResultSet()) {
                return QueryPlan.parse(single(rs));
            }
        }
    }

    private static String single(ResultSet rs) throws SQLException {
        StringBuilder json = new StringBuilder();
        while (rs.next()) {
            json.append(rs.getString(1));
        }
        return json.toString();
    }

    /** {@code pg_class.reltuples} of each table a sequential scan reads, so warnings judge by table size. */
    private static Map<String, Long> tableRows(Connection connection, QueryPlan plan, QueryPlan generic)
            throws SQLException {
        Map<String, String[]> tables = new LinkedHashMap<>();
        for (QueryPlan p : generic == null ? List.of(plan) : List.of(plan, generic)) {
            for (PlanNode n : p.root().flatten()) {
                if (n.nodeType().equals("Seq Scan") && n.relationName() != null && n.schema() != null) {
                    tables.put(n.qualifiedRelation(), new String[] {n.schema(), n.relationName()});
                }
            }
        }
        Map<String, Long> rows = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(quote_ident(?) || '.' || quote_ident(?))")) {
            for (Map.Entry<String, String[]> e : tables.entrySet()) {
                statement.setString(1, e.getValue()[0]);
                statement.setString(2, e.getValue()[1]);
                try (ResultSet rs = statement.executeQuery()) {
                    // reltuples is -1 (14+) or 0 before the table was first vacuumed or analyzed: unknown then
                    if (rs.next() && rs.getLong(1) > 0) {
                        rows.put(e.getKey(), rs.getLong(1));
                    }
                }
            }
        }
        LOG.debug("Table sizes for plan warnings: {}", rows);
        return rows;
    }
}
