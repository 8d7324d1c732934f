package io.querygov.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.ManualClock;
import io.querygov.core.QueryTracker;
import io.querygov.metrics.internal.QueryRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Units of work as distributions per unit name: database time and statements per unit, apart from the
 * queries, ranked so that an N+1 path (many cheap statements) stands above its JOIN FETCH fix.
 */
class UnitsOfWorkTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private final ManualClock clock = new ManualClock(T0.toEpochMilli());
    private final QueryMetrics metrics = QueryMetrics.builder().clock(clock).build();
    private final QueryTracker tracker = QueryTracker.builder().clock(clock).listener(metrics).build();

    @Test
    void eachUnitNameKeepsDistributionsOfDatabaseTimeAndStatementsApartFromTheQueries() {
        // the N+1 page: 21 statements of about 0.2 ms; the fixed page: one join of 1.5 ms
        tracker.unitOfWorkEnded("owners page", 21, 4_200_000, false);
        tracker.unitOfWorkEnded("owners page", 25, 5_000_000, false);
        tracker.unitOfWorkEnded("owners page", 3, 600_000, true);
        tracker.unitOfWorkEnded("owners page (join fetch)", 1, 1_500_000, false);
        // a query of the same name as a unit: another namespace, never mixed
        tracker.unitOfWorkEnded("find:Owner", 1, 100_000, false);
        metrics.afterExecution(Executions.of(Executions.query("find:Owner"), 1_000, 1, false, false));

        MetricsSnapshot s = metrics.cumulativeSnapshot();
        QueryStats page = s.unit("owners page").orElseThrow();
        assertTrue(page.isUnitOfWork());
        assertFalse(page.isOverflow());
        assertEquals(3, page.count());
        assertEquals(1, page.errors(), "units that failed");
        assertEquals(49, page.statements());
        assertEquals(49 / 3.0, page.meanStatements(), 1e-9);
        assertEquals(25, page.p95Statements(), "exact below 64 statements");
        assertEquals(25, page.maxStatements());
        assertEquals(Duration.ofNanos(9_800_000), page.totalTime(), "database time: the exact sum");
        assertEquals(Duration.ofNanos(5_119_000), page.max(), "5,000 us lies in the bucket 4,992..5,119 us");
        Histogram perUnit = page.statementsHistogram();
        assertEquals(3, perUnit.getTotalCount());
        assertEquals(1, perUnit.getCountAtValue(21));
        assertEquals(1, perUnit.getCountAtValue(3));

        QueryStats query = s.query("find:Owner").orElseThrow();
        assertFalse(query.isUnitOfWork());
        assertEquals(1, query.count());
        assertEquals(0, query.statements(), "a query has no statements per unit");
        assertEquals(0, query.statementsHistogram().getTotalCount());
        assertEquals(1, s.unit("find:Owner").orElseThrow().statements());
        assertEquals(List.of("find:Owner"), names(s.queries()));
        assertEquals(List.of("find:Owner", "owners page", "owners page (join fetch)"), names(s.units()));

        assertEquals(List.of("owners page", "find:Owner", "owners page (join fetch)"), names(s.topUnits(3, Ranking.STATEMENTS)),
                "ties by name");
        assertEquals(List.of("owners page", "owners page (join fetch)"), names(s.topUnits(2, Ranking.TOTAL_TIME)));
        assertEquals(List.of("owners page"), names(s.topUnits(1, Ranking.STATEMENTS)));
        assertTrue(s.topUnits(0, Ranking.STATEMENTS).isEmpty());
        assertEquals(List.of("owners page"), names(s.topUnits(1, Ranking.CALLS)));
        assertTrue(s.summary().contains("owners page (join fetch)"), s.summary());
    }

    @Test
    void intervalsPartitionUnitsAndTheCumulativeSnapshotAddsThemUp() {
        tracker.unitOfWorkEnded("checkout", 4, 1_000_000, false);
        clock.advance(Duration.ofSeconds(60));
        MetricsSnapshot first = metrics.intervalSnapshot();
        tracker.unitOfWorkEnded("checkout", 6, 3_000_000, false);
        clock.advance(Duration.ofSeconds(60));
        MetricsSnapshot second = metrics.intervalSnapshot();
        MetricsSnapshot third = metrics.intervalSnapshot();

        assertEquals(4, first.unit("checkout").orElseThrow().statements());
        assertEquals(6, second.unit("checkout").orElseThrow().statements());
        assertTrue(third.units().isEmpty(), "nothing ended since");
        QueryStats all = metrics.cumulativeSnapshot().unit("checkout").orElseThrow();
        assertEquals(2, all.count());
        assertEquals(10, all.statements());
        assertEquals(Duration.ofMillis(4), all.totalTime());
        assertTrue(first.queries().isEmpty());
    }

    @Test
    void unitNamesAreCappedApartFromQueryNamesWithTheirOwnOverflowEntry() {
        QueryMetrics small = QueryMetrics.builder().maxQueries(2).build();
        metrics(small, "a", "b", "c", "d");
        small.afterExecution(Executions.of(Executions.query("q"), 1_000, 1, false, false));

        MetricsSnapshot s = small.cumulativeSnapshot();
        assertEquals(List.of("a", "b", QueryMetrics.OVERFLOW_NAME), names(s.units()));
        QueryStats overflow = s.unit(QueryMetrics.OVERFLOW_NAME).orElseThrow();
        assertTrue(overflow.isOverflow());
        assertTrue(overflow.isUnitOfWork());
        assertEquals(2, overflow.count());
        assertEquals(List.of("q"), names(s.queries()), "the units' cap leaves query names alone");
    }

    private static void metrics(QueryMetrics m, String... names) {
        for (String n : names) {
            m.onUnitOfWork(n, 2, 10_000, false);
        }
    }

    @Test
    void statementsAboveTheHistogramsRangeAreClampedThereAndCountedInFullInTheTotal() {
        tracker.unitOfWorkEnded("import", 5_000_000, 1_000_000, false);
        QueryStats u = metrics.cumulativeSnapshot().unit("import").orElseThrow();
        assertEquals(5_000_000, u.statements());
        assertEquals(QueryRecorder.HIGHEST_STATEMENTS, u.maxStatements());
    }

    @Test
    void unitsSurviveJsonAndDocumentsWithoutUnitsHaveNoUnitsField() {
        tracker.unitOfWorkEnded("owners page", 21, 4_200_000, false);
        tracker.unitOfWorkEnded("owners page", 70, 9_000_000, true);
        MetricsSnapshot s = metrics.cumulativeSnapshot();
        String json = s.toJson();
        assertTrue(json.contains("\"units\""), json);
        assertTrue(json.contains("\"statements\" : 91"), json);
        assertTrue(json.contains("\"meanStatements\" : 45.5"), json);
        assertTrue(json.contains("\"p95Statements\" : 71"), json + ": 70 lies in the bucket 70..71");
        assertTrue(json.contains("\"failed\" : 1"), json);
        assertEquals(s, MetricsJson.fromJson(json));

        QueryMetrics none = QueryMetrics.create();
        none.afterExecution(Executions.of(Executions.query("q"), 1_000, 1, false, false));
        assertFalse(none.cumulativeSnapshot().toJson().contains("units"));
    }

    @Test
    void aSnapshotRefusesQueriesAmongUnitsAndUnitsAmongQueries() {
        Histogram time = new Histogram(2);
        time.recordValue(100);
        Histogram statements = new Histogram(2);
        statements.recordValue(3);
        QueryStats unit = QueryStats.ofUnitOfWork("page", 0, 3, 100_000, time, statements, TimeUnit.MICROSECONDS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetricsSnapshot.of(T0, T0, TimeUnit.MICROSECONDS, List.of(unit)));
        assertEquals("query 'page' has the stats of a unit of work", e.getMessage());
        Histogram two = new Histogram(2);
        two.recordValue(1);
        two.recordValue(2);
        e = assertThrows(IllegalArgumentException.class,
                () -> QueryStats.ofUnitOfWork("page", 0, 3, 100_000, time, two, TimeUnit.MICROSECONDS));
        assertEquals("unit of work 'page': its statements histogram holds 2 units, its database time histogram 1",
                e.getMessage());
    }

    private static List<String> names(List<QueryStats> stats) {
        return stats.stream().map(QueryStats::name).toList();
    }
}
