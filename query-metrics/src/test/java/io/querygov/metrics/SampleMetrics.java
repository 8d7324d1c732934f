package io.querygov.metrics;

import static io.querygov.metrics.Executions.query;

import io.querygov.core.ManualClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import java.time.Duration;
import java.time.Instant;

/**
 * Metrics with two names of their own and an overflow entry, over one-minute intervals from
 * 2024-01-01T00:00:00Z: what the export tests write and read back.
 */
final class SampleMetrics {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    static final String FIND = "find:Project";
    /** A name with what HdrHistogram tags cannot hold. */
    static final String REPORT = "Reports.monthly,by_owner%";

    private final ManualClock clock = new ManualClock(T0.toEpochMilli());
    final QueryMetrics metrics = QueryMetrics.builder().clock(clock).maxQueries(2).build();
    static final String FIND_SQL = "select p.id, p.name from projects p where p.id = 42";
    private final QueryDescriptor find = QueryDescriptor.builder(FIND, QueryType.ORM_SIMPLE)
            .sql(FIND_SQL).origin("ProjectRepository#find").build();
    private final QueryDescriptor report = QueryDescriptor.of(REPORT, QueryType.RAW_SQL_ANALYTICS);

    /**
     * One minute of executions: 500 of find (1 row each, every 50th an error), 20 of report (100 rows
     * each, the last two slow), one of a third name that overflows; {@code seed} varies the durations.
     */
    MetricsSnapshot interval(int seed) {
        for (int i = 1; i <= 500; i++) {
            metrics.afterExecution(Executions.of(find, (i * seed % 997 + 1) * 1_000L, 1, i % 50 == 0, false));
        }
        for (int i = 1; i <= 20; i++) {
            metrics.afterExecution(Executions.of(report, i * 15_000_000L * seed, 100, false, i > 18));
        }
        Executions.recordMicros(metrics, query("adhoc:3f2a"), 42 * seed);
        clock.advance(Duration.ofSeconds(60));
        return metrics.intervalSnapshot();
    }
}
