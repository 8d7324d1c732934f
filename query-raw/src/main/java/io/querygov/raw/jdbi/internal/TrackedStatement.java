package io.querygov.raw.jdbi.internal;

import io.querygov.core.ActiveExecution;
import io.querygov.core.QueryExecution;
import io.querygov.core.QueryGovException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.statement.Cleanable;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One execution of a Jdbi statement, from just before the driver call until Jdbi cleans the
 * statement up: after the last row was mapped (or the result closed) for a query, after the update
 * count was read for an update. Registered as a {@link Cleanable} right before execution, so it runs
 * after the result set closes and before the statement closes, when the rows mapped and the update
 * count are both known.
 */
final class TrackedStatement implements Cleanable {
    /** The statement attribute where the exception handler leaves the driver's exception. */
    static final String FAILURE_ATTRIBUTE = "io.querygov.failure";

    // Fields and constructor like any small holder's (query-orm's Execution): it also reads the context's moments.
    private final ActiveExecution execution;
    private final StatementContext ctx;
    private final PreparedStatement statement;
    /** Moments of an earlier execution of the same statement object, so they are not taken for this one's. */
    private final Instant completionBefore;
    private final Instant exceptionBefore;

    TrackedStatement(ActiveExecution execution, StatementContext ctx, PreparedStatement statement) {
        this.execution = execution;
        this.ctx = ctx;
        this.statement = statement;
        this.completionBefore = ctx.getCompletionMoment();
        this.exceptionBefore = ctx.getExceptionMoment();
    }

    @Override
    public void close() {
        if (execution.isCompleted()) {
            return;
        }
        Instant completed = ctx.getCompletionMoment();
        if (completed != null && completed != completionBefore) {
            execution.succeeded(rows());
            return;
        }
        Object failure = ctx.getAttribute(FAILURE_ATTRIBUTE);
        if (failure instanceof Throwable && ctx.getExceptionMoment() != exceptionBefore) {
            execution.failed((Throwable) failure);
        } else {
            // a customizer after ours threw before the driver ran: still end what was started
            execution.failed(new QueryGovException("Jdbi did not execute the statement: a statement customizer "
                    + "or argument failed before it was sent"));
        }
    }

    private long rows() {
        Class<?> kind = (Class<?>) ctx.getJdbiStatementType();
        if (kind == Query.class) {
            return ctx.getMappedRows();
        }
        if (kind == PreparedBatch.class) {
            return BatchCounting.updateCount(statement);
        }
        try {
            long count = statement.getLargeUpdateCount();
            return count >= 0 ? count : ctx.getMappedRows();
        } catch (SQLException | RuntimeException e) {
            return QueryExecution.UNKNOWN_ROWS;
        }
    }
}
