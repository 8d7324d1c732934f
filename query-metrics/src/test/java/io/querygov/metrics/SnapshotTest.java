package io.querygov.metrics;

import static io.querygov.metrics.Executions.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.ManualClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryExecution;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.core.SlowQueryPolicy;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SnapshotTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private final ManualClock clock = new ManualClock(T0.toEpochMilli());
    private final QueryMetrics metrics = QueryMetrics.builder().clock(clock).build();
    private final QueryDescriptor a = query("a");
    private final QueryDescriptor b = QueryDescriptor.of("b", QueryType.RAW_SQL_ANALYTICS);

    @Test
    void twoIntervalsAddUpToTheCumulativeSnapshot() {
        Executions.recordMicros(metrics, a, 100, 200, 300);
        metrics.afterExecution(Executions.of(b, 5_000_000, 10, true, false));
        clock.advance(Duration.ofSeconds(60));
        MetricsSnapshot first = metrics.intervalSnapshot();

        Executions.recordMicros(metrics, a, 400, 500);
        clock.advance(Duration.ofSeconds(30));
        MetricsSnapshot second = metrics.intervalSnapshot();
        MetricsSnapshot cumulative = metrics.cumulativeSnapshot();

        assertEquals(T0, first.start());
        assertEquals(T0.plusSeconds(60), first.end());
        assertEquals(first.end(), second.start());
        assertEquals(T0.plusSeconds(90), second.end());
        assertEquals(T0, cumulative.start());
        assertEquals(T0.plusSeconds(90), cumulative.end());
        assertEquals(Duration.ofSeconds(90), cumulative.duration());

        assertEquals(3, first.query("a").orElseThrow().count());
        assertEquals(2, second.query("a").orElseThrow().count());
        assertEquals(Optional.empty(), second.query("b"), "a query that did not run is not in the interval");
        QueryStats all = cumulative.query("a").orElseThrow();
        assertEquals(5, all.count());
        assertEquals(Duration.ofNanos(1_500_000), all.totalTime());
        Histogram merged = first.query("a").orElseThrow().histogram();
        merged.add(second.query("a").orElseThrow().histogram());
        assertEquals(all.histogram(), merged);
        assertEquals(1, cumulative.query("b").orElseThrow().errors());
    }

    @Test
    void aCumulativeSnapshotDoesNotStartANewInterval() {
        Executions.recordMicros(metrics, a, 100);
        assertEquals(1, metrics.cumulativeSnapshot().query("a").orElseThrow().count());
        Executions.recordMicros(metrics, a, 100);
        assertEquals(2, metrics.intervalSnapshot().query("a").orElseThrow().count());
        assertTrue(metrics.intervalSnapshot().isEmpty());
        assertEquals(2, metrics.cumulativeSnapshot().query("a").orElseThrow().count());
    }

    @Test
    void errorsSlowExecutionsAndRowsComeFromTheExecutionRecords() {
        metrics.afterExecution(Executions.of(a, 1_000, 5, false, false));
        metrics.afterExecution(Executions.of(a, 1_000, 7, false, true));
        metrics.afterExecution(Executions.of(a, 1_000, QueryExecution.UNKNOWN_ROWS, true, false));
        metrics.afterExecution(Executions.of(a, 1_000, 0, true, true));
        QueryStats s = metrics.cumulativeSnapshot().query("a").orElseThrow();
        assertEquals(4, s.count());
        assertEquals(2, s.errors());
        assertEquals(2, s.slowCount());
        assertEquals(12, s.rows(), "unknown row counts add nothing");
        assertEquals(QueryType.ORM_SIMPLE, s.type());
        assertFalse(s.isOverflow());
    }

    @Test
    void fedByATrackerOnAManualClock() throws Exception {
        QueryTracker tracker = QueryTracker.builder().clock(clock).listener(metrics)
                .slowQueryPolicy(SlowQueryPolicy.defaults().withThreshold(QueryType.ORM_SIMPLE, Duration.ofMillis(100)))
                .build();
        List<Integer> rows = tracker.track(a, () -> {
            clock.advance(Duration.ofMillis(5));
            return List.of(1, 2, 3);
        });
        tracker.track(a, () -> {
            clock.advance(Duration.ofMillis(150));
            return List.of(4);
        });
        assertThrows(SQLException.class, () -> tracker.track(a, () -> {
            clock.advance(Duration.ofMillis(20));
            throw new SQLException("boom");
        }));

        QueryStats s = metrics.intervalSnapshot().query("a").orElseThrow();
        assertEquals(3, rows.size());
        assertEquals(3, s.count());
        assertEquals(1, s.errors());
        assertEquals(1, s.slowCount());
        assertEquals(4, s.rows());
        assertEquals(Duration.ofMillis(175), s.totalTime());
        // 150,000 us falls in the bucket 147,456..151,551 us (4,096 us wide): the histogram reports its highest value
        assertEquals(Duration.ofNanos(PercentileTest.top(150_000) * 1000), s.max());
        assertEquals(Duration.ofNanos(151_551_000), s.max());
    }

    @Test
    void aDeadThreadsRecordsAreTakenOnceAndKept() throws Exception {
        Thread worker = new Thread(() -> Executions.recordMicros(metrics, a, 10, 20, 30));
        worker.start();
        worker.join();

        assertEquals(3, metrics.intervalSnapshot().query("a").orElseThrow().count());
        assertTrue(metrics.intervalSnapshot().isEmpty(), "nothing counted twice");
        assertEquals(3, metrics.cumulativeSnapshot().query("a").orElseThrow().count());
        assertEquals(3, metrics.cumulativeSnapshot().query("a").orElseThrow().count());

        Thread another = new Thread(() -> Executions.recordMicros(metrics, a, 40));
        another.start();
        another.join();
        assertEquals(4, metrics.cumulativeSnapshot().query("a").orElseThrow().count());
        assertEquals(1, metrics.intervalSnapshot().query("a").orElseThrow().count());
    }

    @Test
    void snapshotsListQueriesByNameWithTheOverflowEntryLast() {
        QueryMetrics capped = QueryMetrics.builder().maxQueries(2).build();
        for (String name : List.of("zeta", "alpha", "omega", "beta")) {
            Executions.recordMicros(capped, query(name), 1);
        }
        List<String> names = capped.cumulativeSnapshot().queries().stream().map(QueryStats::name).toList();
        assertEquals(List.of("alpha", "zeta", QueryMetrics.OVERFLOW_NAME), names);
    }

    @Test
    void anEmptySnapshot() {
        clock.advance(Duration.ofSeconds(1));
        MetricsSnapshot s = metrics.intervalSnapshot();
        assertTrue(s.isEmpty());
        assertEquals(Duration.ofSeconds(1), s.duration());
        assertEquals(List.of(), s.top(3, Ranking.TOTAL_TIME));
    }
}
