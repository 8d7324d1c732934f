package io.querygov.raw.internal;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import io.querygov.core.StatementRefusedException;
import io.querygov.core.sql.SqlClassification;
import io.querygov.raw.NamedSql;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the runner needs to run one query, computed once: the JDBC text, the parameter behind each
 * placeholder, which strings to send untyped, and the statements that open its transaction.
 *
 * <p>Every statement runs in a transaction of its own, never in autocommit: a read's transaction is always rolled
 * back, so whatever it changes in the session ({@code set_config(..., false)} in a SELECT, say) is undone with it,
 * and a later call cannot find its session turned read-write by an earlier one.
 */
public final class RunnerPlan {
    private final QueryDescriptor descriptor;
    private final String jdbcSql;
    private final String[] placeholders;
    private final boolean[] untypedStrings;
    private final List<String> names;
    private final boolean writes;
    private final SqlClassification classification;
    private final String setupSql;

    private RunnerPlan(QueryDescriptor descriptor, Duration timeout, boolean readOnlySessions) {
        this.descriptor = descriptor;
        NamedSql sql = NamedSql.parse(descriptor.statement().orElseThrow());
        this.jdbcSql = sql.jdbcSql();
        this.names = sql.parameterNames();
        this.placeholders = sql.jdbcParameterNames().toArray(new String[0]);
        this.untypedStrings = Parameters.untypedStrings(descriptor, sql.jdbcParameterNames());
        this.classification = sql.classification();
        this.writes = sql.writes() || descriptor.type() == QueryType.RAW_SQL_BULK;
        List<String> setup = new ArrayList<>(2);
        if (!writes && !readOnlySessions) {
            setup.add("SET TRANSACTION READ ONLY");
        }
        if (writes && readOnlySessions) {
            setup.add("SET TRANSACTION READ WRITE");
        }
        if (timeout != null) {
            setup.add("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
        }
        this.setupSql = setup.isEmpty() ? null : String.join("; ", setup);
    }

    public static RunnerPlan of(QueryDescriptor descriptor, Duration timeout) {
        return new RunnerPlan(descriptor, timeout, false);
    }

    /**
     * @param readOnlySessions whether the connections' sessions are read-only by default, so that a read needs no
     *        transaction of its own and a write must ask for a read-write one
     */
    public static RunnerPlan of(QueryDescriptor descriptor, Duration timeout, boolean readOnlySessions) {
        return new RunnerPlan(descriptor, timeout, readOnlySessions);
    }

    // Plain accessors of what the plan computed once, shaped like other classes' on purpose: it holds arrays, not a record.
    public QueryDescriptor descriptor() {
        return descriptor;
    }

    public String jdbcSql() {
        return jdbcSql;
    }

    public boolean writes() {
        return writes;
    }

    /** The statements that open the transaction, as one round trip, or null when there are none. */
    public String setupSql() {
        return setupSql;
    }

    /**
     * Refuses, before anything is sent, a statement that holds several (always: one of them could be a COMMIT that
     * no rollback follows), or one with side effects a rollback cannot undo unless writes are allowed.
     *
     * @throws StatementRefusedException saying which and what to do
     */
    public void refuseUnsafe(boolean allowWrites) {
        if (classification.statementCount() > 1) {
            throw StatementRefusedException.severalStatements(descriptor, classification);
        }
        if (!allowWrites && !classification.sideEffects().isEmpty()) {
            throw StatementRefusedException.sideEffects(descriptor, classification.sideEffects());
        }
    }

    /** @throws ParameterBindingException when a value is missing or one is not a parameter of the query */
    public void check(Map<String, ?> values) {
        Parameters.check(descriptor, names, values);
    }

    public void bind(PreparedStatement ps, Map<String, ?> values) throws SQLException {
        for (int i = 0; i < placeholders.length; i++) {
            Object value = values.get(placeholders[i]);
            if (value == null) {
                ps.setNull(i + 1, Types.OTHER);
            } else if (untypedStrings[i] && value instanceof String) {
                // an untyped literal: PostgreSQL reads '2024-01-01' as the declared timestamptz
                ps.setObject(i + 1, value, Types.OTHER);
            } else {
                ps.setObject(i + 1, value);
            }
        }
    }
}
