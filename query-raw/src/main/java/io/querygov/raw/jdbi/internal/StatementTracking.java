package io.querygov.raw.jdbi.internal;

import io.querygov.core.QueryTracker;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.SqlExceptionHandler;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * Starts tracking each statement right before Jdbi hands it to the driver, and notes the driver's
 * exception when it fails. Customizers and exception handlers are lists in Jdbi's configuration, so
 * this adds to whatever the application has configured instead of replacing it (as a
 * {@code SqlLogger} would).
 */
public record StatementTracking(QueryTracker tracker, DescriptorResolver resolver)
        implements StatementCustomizer, SqlExceptionHandler {

    @Override
    public void beforeExecution(PreparedStatement stmt, StatementContext ctx) {
        ctx.addCleanable(new TrackedStatement(tracker.start(resolver.resolve(ctx)), ctx, stmt));
    }

    @Override
    public void handle(SQLException e, StatementContext ctx) {
        ctx.define(TrackedStatement.FAILURE_ATTRIBUTE, e);
    }
}
