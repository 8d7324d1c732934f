package io.querygov.bench;

import io.querygov.core.QueryDescriptor;
import java.util.Optional;

/**
 * Captures what the database does per call of a query ({@link QueryWork}: plan shape, buffers, rows, statements),
 * called by the {@link BenchmarkEngine} once a query's measurement is over, so it never competes with the measured
 * calls. The engine knows no JDBC: query-inspect's {@code WorkCapture} is the probe querytool uses.
 *
 * <p>A probe that throws does not stop the run: the query's work then says why it is missing.
 */
@FunctionalInterface
public interface WorkProbe {
    /** Captures nothing: the run's queries have no work figures. */
    WorkProbe NONE = (query, measured) -> Optional.empty();

    /**
     * What the query does per call, or empty when this probe does not capture it at all.
     *
     * @param measured the query's measurement, just finished: a probe may leave out a query whose one call would
     *        cost more than the capture is worth
     *
     * @throws Exception when the capture failed; the engine keeps the message as the work's note
     */
    Optional<QueryWork> capture(QueryDescriptor query, QueryBenchResult measured) throws Exception;
}
