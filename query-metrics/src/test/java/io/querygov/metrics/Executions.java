package io.querygov.metrics;

import io.querygov.core.Outcome;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryExecution;
import io.querygov.core.QueryType;

/** Execution records built by hand, as a tracker would hand them to listeners. */
final class Executions {
    private Executions() {
    }

    static QueryDescriptor query(String name) {
        return QueryDescriptor.of(name, QueryType.ORM_SIMPLE);
    }

    static QueryExecution ok(QueryDescriptor q, long nanos) {
        return new QueryExecution(q, 0, nanos, QueryExecution.UNKNOWN_ROWS, Outcome.SUCCESS, null, false);
    }

    static QueryExecution of(QueryDescriptor q, long nanos, long rows, boolean error, boolean slow) {
        return new QueryExecution(q, 0, nanos, rows, error ? Outcome.ERROR : Outcome.SUCCESS,
                error ? "java.sql.SQLException" : null, slow);
    }

    /** Records each value, in microseconds, as one successful execution. */
    static void recordMicros(QueryMetrics metrics, QueryDescriptor q, long... micros) {
        for (long v : micros) {
            metrics.afterExecution(ok(q, v * 1000));
        }
    }
}
