package io.querygov.raw.jdbi;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryTracker;
import io.querygov.raw.jdbi.internal.BatchCounting;
import io.querygov.raw.jdbi.internal.DescriptorResolver;
import io.querygov.raw.jdbi.internal.StatementTracking;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Tracks every statement a {@link Jdbi} runs through a {@link QueryTracker}.
 *
 * <pre>{@code
 * Jdbi jdbi = Jdbi.create(dataSource)
 *         .installPlugin(new SqlObjectPlugin())
 *         .installPlugin(QueryTrackingPlugin.create(tracker, catalog));
 * }</pre>
 *
 * <h2>Names and types</h2>
 * A statement is tracked as, in this order: the registered query {@link NamedQueries} ran; the
 * catalog's query whose SQL is exactly the statement's text; {@code Interface.method} for a SQL
 * object method (type from {@link TrackAs}, else inferred from the SQL); else
 * {@code adhoc:<fingerprint>} ({@link io.querygov.core.QueryDescriptor#adhocSql}). Descriptors are
 * computed once per SQL text or method and cached.
 *
 * <h2>Rows and duration</h2>
 * Rows are the rows Jdbi mapped for a query (what the caller iterated: {@code one()} maps one row
 * even if more matched), the update count for an update, and the sum of the update counts for a
 * batch. The duration starts just before Jdbi hands the statement to the driver and ends when Jdbi
 * cleans it up: after the last row was mapped or the result closed, after the update count was
 * read. So it covers the round trips, fetching and mapping; not opening the handle or binding. A
 * caller that keeps a result iterator open keeps the execution open too. When the statement fails,
 * the driver's {@code SQLException} is recorded; the caller still gets Jdbi's exception, unchanged.
 *
 * <h2>How it attaches</h2>
 * It adds a statement customizer and an exception handler to {@link SqlStatements} (both lists, so
 * nothing the application configured is replaced) and wraps the statement builder factory so that
 * batch statements report their update counts. Set a custom {@code StatementBuilderFactory} before
 * installing this plugin, or batches will be tracked with unknown rows.
 */
public final class QueryTrackingPlugin implements JdbiPlugin {
    // A checked private constructor behind create(...) factories, as PgStatStatements and other entry points have.
    private final QueryTracker tracker;
    private final QueryCatalog catalog;

    private QueryTrackingPlugin(QueryTracker tracker, QueryCatalog catalog) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** Tracks SQL objects by method and everything else as ad-hoc SQL. */
    public static QueryTrackingPlugin create(QueryTracker tracker) {
        return new QueryTrackingPlugin(tracker, QueryCatalog.empty());
    }

    /** Also names statements whose SQL text is exactly that of a query in {@code catalog}. */
    public static QueryTrackingPlugin create(QueryTracker tracker, QueryCatalog catalog) {
        return new QueryTrackingPlugin(tracker, catalog);
    }

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        StatementTracking tracking = new StatementTracking(tracker, new DescriptorResolver(catalog));
        jdbi.getConfig(SqlStatements.class).addCustomizer(tracking).addExceptionHandler(tracking);
        jdbi.setStatementBuilderFactory(new BatchCounting(jdbi.getStatementBuilderFactory(), tracking));
    }

    @Override
    public String toString() {
        return "QueryTrackingPlugin[" + catalog.size() + " registered queries]";
    }
}
