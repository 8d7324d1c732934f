package io.querygov.raw;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import io.querygov.core.QueryType;
import io.querygov.core.StatementLanguage;
import io.querygov.core.StatementRefusedException;
import io.querygov.raw.internal.RunnerPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Runs registered SQL queries for tools that execute them on purpose (a benchmark, a comparison),
 * with plain JDBC: nothing between the engine and the driver but a cached plan per query.
 *
 * <h2>Safety</h2>
 * Each call runs in its own transaction on a connection from the data source:
 * <ul>
 *   <li>a query that reads runs after {@code SET TRANSACTION READ ONLY}, so PostgreSQL itself
 *       refuses anything in it that writes (a volatile function, say);</li>
 *   <li>a query that writes ({@link NamedSql#writes()}, or declared {@link QueryType#RAW_SQL_BULK})
 *       runs and is rolled back, unless the runner was built with {@link Builder#allowWrites(boolean)
 *       allowWrites(true)};</li>
 *   <li>a query with a side effect that a rollback cannot undo ({@code nextval}, {@code COPY ... TO PROGRAM},
 *       {@code pg_terminate_backend}, an advisory lock, {@code dblink}: core's
 *       {@link io.querygov.core.sql.SqlClassification} lists them) is refused with a
 *       {@link StatementRefusedException} naming it, before anything is sent, unless writes are allowed;</li>
 *   <li>a query that holds more than one statement is always refused, before anything is sent;</li>
 *   <li>with a timeout (the query's own, else {@link Builder#defaultTimeout(Duration)}),
 *       {@code SET LOCAL statement_timeout} bounds it, on the server, for this transaction only.</li>
 * </ul>
 * A read's transaction is always rolled back, never committed, and nothing runs in autocommit: what a
 * read does to its session ({@code set_config('default_transaction_read_only', 'off', false)} in a
 * SELECT, say) is undone with it, so no call can turn a pooled connection read-write for the calls
 * after it. After a committed write (writes allowed) that changed a setting or the role, the session
 * is reset with {@code DISCARD ALL}.
 * With {@link Builder#readOnlySessions(boolean) readOnlySessions(true)} the data source's sessions
 * are read-only by default instead, so the server refuses writes in any transaction that does not
 * ask otherwise: a read without a timeout then needs no {@code SET} of its own, and a write starts
 * its transaction with {@code SET TRANSACTION READ WRITE}.
 *
 * <h2>Cost per call</h2>
 * One round trip for the query, one to end the transaction, and one more for the
 * {@code SET} statements when there are any: pgjdbc sends the {@code BEGIN} with the first
 * statement. On read-only sessions, a read without a timeout is two round trips (the statement
 * with its {@code BEGIN READ ONLY}, then the {@code ROLLBACK}); a committed write one more, to
 * see whether its session needs a reset. The SQL text is the same on every
 * call, so pgjdbc's statement cache and server-side prepare apply. Thread-safe.
 */
public final class SqlQueryRunner implements QueryRunner {
    private final DataSource dataSource;
    private final boolean allowWrites;
    private final Duration defaultTimeout;
    private final boolean readOnlySessions;
    private final ConcurrentHashMap<String, RunnerPlan> plans = new ConcurrentHashMap<>();

    private SqlQueryRunner(Builder b) {
        this.dataSource = b.dataSource;
        this.allowWrites = b.allowWrites;
        this.defaultTimeout = b.defaultTimeout;
        this.readOnlySessions = b.readOnlySessions;
    }

    /** A runner on {@code dataSource}, best a pool, that rolls writes back and sets no timeout. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public boolean supports(QueryDescriptor query) {
        return query.language() == StatementLanguage.SQL && query.statement().isPresent();
    }

    /**
     * @throws StatementRefusedException when the query holds several statements, or has a side effect a rollback
     *         cannot undo and writes are not allowed; nothing was sent
     */
    @Override
    public long execute(QueryDescriptor query, Map<String, Object> parameters) throws SQLException {
        RunnerPlan plan = plan(query, parameters);
        return run(plan, parameters, null);
    }

    /** @throws StatementRefusedException as {@link #execute(QueryDescriptor, Map)} does */
    @Override
    public List<List<Object>> fetch(QueryDescriptor query, Map<String, Object> parameters) throws SQLException {
        RunnerPlan plan = plan(query, parameters);
        List<List<Object>> rows = new ArrayList<>();
        run(plan, parameters, rows);
        return Collections.unmodifiableList(rows);
    }

    /** Whether writes are committed rather than rolled back. */
    public boolean allowsWrites() {
        return allowWrites;
    }

    private RunnerPlan plan(QueryDescriptor query, Map<String, Object> parameters) {
        Objects.requireNonNull(parameters, "parameters: give Map.of() for a query without parameters");
        RunnerPlan plan = plans.get(query.name());
        if (plan == null || plan.descriptor() != query) {
            if (!supports(query)) {
                throw new IllegalArgumentException("SqlQueryRunner runs SQL queries; '" + query.name() + "' ("
                        + query.originOrUnknown() + ") is " + query.language());
            }
            plan = RunnerPlan.of(query, query.timeout().orElse(defaultTimeout), readOnlySessions);
            plans.put(query.name(), plan);
        }
        plan.refuseUnsafe(allowWrites);
        plan.check(parameters);
        return plan;
    }

    private long run(RunnerPlan plan, Map<String, Object> parameters, List<List<Object>> rowsOut) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            boolean readOnly = connection.isReadOnly();
            if (readOnly == plan.writes()) {
                // a hint the driver acts on: pgjdbc then opens a read's transaction with BEGIN READ ONLY, sent
                // with the statement, so the read-only transaction costs no round trip of its own
                connection.setReadOnly(!plan.writes());
            }
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            boolean commit = false;
            SQLException failure = null;
            try {
                String setup = plan.setupSql();
                if (setup != null) {
                    try (Statement s = connection.createStatement()) {
                        s.execute(setup);
                    }
                }
                long rows;
                try (PreparedStatement ps = connection.prepareStatement(plan.jdbcSql())) {
                    plan.bind(ps, parameters);
                    rows = ps.execute() ? read(ps.getResultSet(), rowsOut) : Math.max(ps.getLargeUpdateCount(), 0);
                }
                commit = plan.writes() && allowWrites;
                return rows;
            } catch (SQLException | RuntimeException e) {
                if (e instanceof SQLException) {
                    failure = (SQLException) e;
                }
                throw e;
            } finally {
                end(connection, commit, autoCommit, failure);
                if (readOnly == plan.writes()) {
                    restoreReadOnly(connection, readOnly, failure);
                }
            }
        }
    }

    /**
     * Ends the transaction: commits an allowed write, rolls back anything else. A read is rolled back, not committed,
     * because that undoes what it did to its session too ({@code set_config(name, value, false)} is transactional):
     * the next call on the same pooled connection starts from the session the pool opened. After a commit, a session
     * the statement changed ({@code SET}, {@code set_config(..., false)} or {@code SET ROLE} in a committed write) is
     * reset with {@code DISCARD ALL}, back to what it was when it was opened.
     */
    private static void end(Connection connection, boolean commit, boolean autoCommit, SQLException failure) throws SQLException {
        try {
            if (commit) {
                connection.commit();
                connection.setAutoCommit(true);
                resetIfChanged(connection);
                if (!autoCommit) {
                    connection.setAutoCommit(false);
                }
            } else {
                connection.rollback();
            }
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /** The settings a session holds that it did not open with, or a role other than its own: one round trip. */
    private static final String SESSION_CHANGED = "SELECT EXISTS (SELECT FROM pg_catalog.pg_settings"
            + " WHERE source = 'session') OR current_user <> session_user";

    private static void resetIfChanged(Connection connection) throws SQLException {
        boolean changed;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SESSION_CHANGED)) {
            changed = rs.next() && rs.getBoolean(1);
        }
        if (changed) {
            try (Statement s = connection.createStatement()) {
                // outside a transaction block, as it must be; pgjdbc sees the command and prepares its statements anew
                s.execute("DISCARD ALL");
            }
        }
    }

    private static void restoreReadOnly(Connection connection, boolean readOnly, SQLException failure) throws SQLException {
        try {
            connection.setReadOnly(readOnly);
        } catch (SQLException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    private static long read(ResultSet rs, List<List<Object>> rowsOut) throws SQLException {
        long rows = 0;
        try (rs) {
            if (rowsOut == null) {
                while (rs.next()) {
                    rows++;
                }
                return rows;
            }
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] values = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    values[i] = rs.getObject(i + 1);
                }
                rowsOut.add(Collections.unmodifiableList(Arrays.asList(values)));
                rows++;
            }
            return rows;
        }
    }

    @Override
    public String toString() {
        return "SqlQueryRunner[" + (allowWrites ? "writes committed" : "writes rolled back")
                + (defaultTimeout == null ? "" : ", default timeout " + defaultTimeout)
                + (readOnlySessions ? ", read-only sessions" : "") + "]";
    }

    /** Configures a {@link SqlQueryRunner}. */
    // Shaped like the other public builders (WorkCapture's, QueryCache's) on purpose: one setter per option, checked at once.
    public static final class Builder {
        private final DataSource dataSource;
        private boolean allowWrites;
        private Duration defaultTimeout;
        private boolean readOnlySessions;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * Commit statements that write instead of rolling them back, and run those with side effects a rollback
         * cannot undo instead of refusing them. Off unless asked for.
         */
        public Builder allowWrites(boolean allow) {
            this.allowWrites = allow;
            return this;
        }

        /** The statement timeout of queries that set none themselves; null for none. */
        public Builder defaultTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("defaultTimeout must be positive, was " + timeout + "; give null for none");
            }
            if (timeout != null && timeout.toMillis() < 1) {
                throw new IllegalArgumentException("defaultTimeout must be at least 1 ms (statement_timeout's unit), was " + timeout);
            }
            this.defaultTimeout = timeout;
            return this;
        }

        /**
         * Whether the data source's sessions are read-only by default ({@code default_transaction_read_only
         * = on}, e.g. through pgjdbc's {@code options=-c default_transaction_read_only=on}). When they are,
         * reads without a timeout need no {@code SET TRANSACTION READ ONLY} of their own (and still run in a
         * transaction that is rolled back); writes start their transaction with {@code SET TRANSACTION READ WRITE}. Off
         * unless asked for: only say so of a data source that makes its sessions read-only.
         */
        public Builder readOnlySessions(boolean readOnly) {
            this.readOnlySessions = readOnly;
            return this;
        }

        public SqlQueryRunner build() {
            return new SqlQueryRunner(this);
        }
    }
}
