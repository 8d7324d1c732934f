package io.querygov.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementStatsSnapshotTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static StatementStats stats(long queryId, String query, long calls, double totalMillis, long rows) {
        return new StatementStats(queryId, query, "app", "svc", true, calls, totalMillis,
                calls == 0 ? 0 : totalMillis / calls, 0.5, 90.0, 3.0, calls, 1.0, rows, 100, 10, 0, 0, 0, 0, 0, 0,
                2.0, 0.0, 0);
    }

    private static StatementStatsSnapshot reading(Instant at, StatementStats... entries) {
        return new StatementStatsSnapshot(null, at, List.of(entries));
    }

    @Test
    void rankingsOrderBiggestFirstWithShareOfTime() {
        StatementStatsSnapshot s = reading(T0, stats(1, "a", 10, 100, 5), stats(2, "b", 1000, 300, 1000),
                stats(3, "c", 1, 600, 1));

        List<RankedStatement> byTotal = s.top(StatRanking.TOTAL_TIME, 10);
        assertEquals(List.of(3L, 2L, 1L), byTotal.stream().map(r -> r.stats().queryId()).toList());
        assertEquals(List.of(1, 2, 3), byTotal.stream().map(RankedStatement::rank).toList());
        assertEquals(0.6, byTotal.get(0).shareOfTotalTime(), 1e-9);
        assertEquals(0.1, byTotal.get(2).shareOfTotalTime(), 1e-9);

        assertEquals(List.of(3L, 1L), s.top(StatRanking.MEAN_TIME, 2).stream().map(r -> r.stats().queryId()).toList());
        assertEquals(List.of(2L), s.top(StatRanking.CALLS, 1).stream().map(r -> r.stats().queryId()).toList());
        assertEquals(List.of(2L, 1L, 3L), s.top(StatRanking.ROWS, 3).stream().map(r -> r.stats().queryId()).toList());
        assertEquals(1000.0, s.totalExecTimeMillis());
    }

    @Test
    void differenceOfTwoReadingsCountsOnlyTheWindow() {
        StatementStatsSnapshot before = reading(T0, stats(1, "a", 10, 100, 5), stats(2, "b", 50, 50, 50),
                stats(3, "reset", 500, 900, 500));
        StatementStatsSnapshot after = reading(T0.plusSeconds(60), stats(1, "a", 14, 180, 9), stats(2, "b", 50, 50, 50),
                stats(3, "reset", 2, 4, 2), stats(4, "new", 3, 30, 3));

        StatementStatsSnapshot window = after.since(before);

        assertEquals(Duration.ofSeconds(60), window.window().orElseThrow());
        assertEquals(List.of(1L, 3L, 4L), window.entries().stream().map(StatementStats::queryId).toList());
        StatementStats a = window.entries().get(0);
        assertEquals(4, a.calls());
        assertEquals(80.0, a.totalExecTimeMillis());
        assertEquals(20.0, a.meanExecTimeMillis());
        assertEquals(4, a.rows());
        assertNull(a.maxExecTimeMillis());
        // counters went down: reset in between, the later reading is the window
        assertEquals(2, window.entries().get(1).calls());
        assertEquals(3, window.entries().get(2).calls());
        assertEquals(114.0, window.totalExecTimeMillis());

        assertThrows(IllegalArgumentException.class, () -> before.since(after));
    }

    @Test
    void namesAreMatchedByNormalizedText() {
        QueryCatalog catalog = QueryCatalog.of(
                QueryDescriptor.builder("projects.by_owner", QueryType.RAW_SQL_ANALYTICS)
                        .sql("SELECT id FROM project\n  WHERE owner_id = :owner AND id > :after").build(),
                QueryDescriptor.builder("Project.byName", QueryType.ORM_SIMPLE).hql("from Project").build());
        StatementStatsSnapshot s = reading(T0,
                stats(7, "SELECT id FROM project WHERE owner_id = $1 AND id > $2", 3, 30, 3),
                stats(8, "SELECT 1", 1, 1, 1));

        List<RankedStatement> top = s.top(StatRanking.TOTAL_TIME, 5, StatementNames.byText(catalog));

        assertEquals("projects.by_owner", top.get(0).queryName());
        assertEquals(NameMatch.Via.TEXT, top.get(0).matchedBy());
        assertNull(top.get(1).queryName());
        assertNull(top.get(1).matchedBy());
    }

    @ParameterizedTest
    @CsvSource({"total, TOTAL_TIME", "Mean, MEAN_TIME", "calls, CALLS", "ROWS, ROWS"})
    void rankingsAreReadFromTheCommandLine(String given, StatRanking ranking) {
        assertEquals(ranking, StatRanking.parse(given));
    }

    @Test
    void anUnknownRankingIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StatRanking.parse("p95"));
        assertEquals("unknown ranking 'p95', expected one of total, mean, calls, rows", e.getMessage());
    }
}
