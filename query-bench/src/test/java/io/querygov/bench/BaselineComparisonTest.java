package io.querygov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.bench.internal.Histograms;
import io.querygov.core.QueryType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BaselineComparisonTest {
    private static final Tolerance TWENTY_PERCENT = Tolerance.parse("20%");
    private static final String EMPTY_HISTOGRAM = Histograms.encode(Histograms.newNanos());

    /** A measured query whose p50 is half its p95. */
    private static QueryBenchResult measured(String name, double p95Micros) {
        LatencySummary latency = new LatencySummary(1000, p95Micros / 2, p95Micros / 2, p95Micros, p95Micros * 2,
                p95Micros * 3, p95Micros * 4);
        return new QueryBenchResult(name, QueryType.RAW_SQL_ANALYTICS, BenchStatus.MEASURED, WarmupResult.NONE, 1000,
                0, Optional.empty(), 1000, 1_000_000_000L, latency, EMPTY_HISTOGRAM, Optional.empty());
    }

    private static QueryBenchResult notMeasured(String name, BenchStatus status) {
        return new QueryBenchResult(name, QueryType.RAW_SQL_BULK, status, WarmupResult.NONE, 0, 0,
                Optional.of(new ErrorSample("java.sql.SQLException", "boom")), 0, 0, LatencySummary.EMPTY,
                EMPTY_HISTOGRAM, Optional.empty());
    }

    private static BenchReport report(BenchOptions options, Map<String, String> env, QueryBenchResult... queries) {
        return new BenchReport(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:01:00Z"), options,
                env, Arrays.asList(queries));
    }

    private static BenchReport report(QueryBenchResult... queries) {
        return report(BenchOptions.defaults(), Map.of("postgres.version", "17.6"), queries);
    }

    @Test
    void everyVerdict() {
        BenchReport baseline = report(measured("faster", 1000), measured("same", 1000), measured("slower", 1000),
                measured("regressed", 1000), measured("gone", 1000), measured("broken", 1000),
                notMeasured("was_failing", BenchStatus.FAILED), measured("unsupported_now", 1000));
        BenchReport current = report(measured("faster", 800), measured("same", 1040), measured("slower", 1150),
                measured("regressed", 1300), measured("added", 500), notMeasured("broken", BenchStatus.FAILED),
                measured("was_failing", 700), notMeasured("unsupported_now", BenchStatus.UNSUPPORTED));

        BaselineComparison c = BaselineComparison.compare(baseline, current, TWENTY_PERCENT);

        assertEquals(List.of("faster", "same", "slower", "regressed", "added", "broken", "was_failing",
                "unsupported_now", "gone"), c.rows().stream().map(QueryComparison::name).toList());
        assertEquals(List.of(Verdict.FASTER, Verdict.SAME, Verdict.SLOWER, Verdict.REGRESSION, Verdict.NEW,
                Verdict.FAILED, Verdict.NEW, Verdict.MISSING, Verdict.MISSING),
                c.rows().stream().map(QueryComparison::verdict).toList());
        assertTrue(c.hasRegression());
        assertEquals(List.of("regressed", "broken"), c.failures().stream().map(QueryComparison::name).toList());
    }

    @Test
    void theChangeIsOfTheJudgedStatistic() {
        BaselineComparison c = BaselineComparison.compare(report(measured("q", 1000)), report(measured("q", 1300)),
                TWENTY_PERCENT);

        QueryComparison row = c.row("q").orElseThrow();
        assertEquals(LatencyStatistic.P95, row.statistic());
        assertEquals(0.3, row.change(), 1e-12);
        assertEquals(30.0, row.changePercent(), 1e-9);
        assertEquals(Optional.of(1000.0), row.baselineMicros());
        assertEquals(Optional.of(1300.0), row.currentMicros());
        assertEquals(500.0, row.baseline().orElseThrow().latency().p50Micros());
        assertEquals("q: REGRESSION p95 1000.0us -> 1300.0us (+30.0%)", row.toString());
    }

    @Test
    void anotherStatisticCanDecide() {
        BenchReport baseline = report(measured("q", 1000));
        BenchReport current = report(measured("q", 1300));

        // p50 is half of p95 in both runs: 500 -> 650 is still +30%; the mean is the same in this fixture.
        assertEquals(Verdict.REGRESSION, BaselineComparison.compare(baseline, current, TWENTY_PERCENT,
                LatencyStatistic.P50).rows().get(0).verdict());
        assertEquals(Verdict.SLOWER, BaselineComparison.compare(baseline, current, Tolerance.parse("50%"),
                LatencyStatistic.MAX).rows().get(0).verdict());
    }

    @Test
    void exactlyAtTheToleranceIsNotARegression() {
        BaselineComparison c = BaselineComparison.compare(report(measured("q", 1000)), report(measured("q", 1250)),
                Tolerance.parse("25%"));

        assertEquals(Verdict.SLOWER, c.rows().get(0).verdict());
        assertFalse(c.hasRegression());
    }

    @Test
    void aToleranceBelowTheNoiseBandNarrowsSame() {
        // 10 ms, so that +3.5% is beyond the absolute floor of 0.05 ms too
        BaselineComparison c = BaselineComparison.compare(report(measured("a", 10_000), measured("b", 10_000)),
                report(measured("a", 10_150), measured("b", 10_350)), Tolerance.parse("3%"));

        assertEquals(Verdict.SAME, c.row("a").orElseThrow().verdict());
        assertEquals(Verdict.REGRESSION, c.row("b").orElseThrow().verdict());
    }

    @Test
    void missingQueriesDoNotFailTheGate() {
        BaselineComparison c = BaselineComparison.compare(report(measured("a", 1000), measured("b", 1000)),
                report(measured("a", 990)), TWENTY_PERCENT);

        assertEquals(Verdict.MISSING, c.row("b").orElseThrow().verdict());
        assertTrue(Double.isNaN(c.row("b").orElseThrow().change()));
        assertFalse(c.hasRegression());
    }

    @Test
    void notesSayWhatMakesTheRunsLessComparable() {
        BenchReport baseline = report(BenchOptions.builder().concurrency(2).build(),
                Map.of("postgres.version", "16.4", "os.name", "Linux"), measured("q", 1000));
        BenchReport current = report(BenchOptions.builder().concurrency(4).rate(500).build(),
                Map.of("postgres.version", "17.6", "os.name", "Linux"), measured("q", 1000));

        BaselineComparison c = BaselineComparison.compare(baseline, current, TWENTY_PERCENT);

        assertEquals(List.of("concurrency differs: baseline 2, this run 4",
                "rate differs: baseline unlimited, this run 500.0/s",
                "postgres.version differs: baseline 16.4, this run 17.6"), c.notes());
        assertTrue(BaselineComparison.compare(baseline, baseline, TWENTY_PERCENT).notes().isEmpty());
    }
}
