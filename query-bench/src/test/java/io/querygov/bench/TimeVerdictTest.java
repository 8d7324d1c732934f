package io.querygov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.bench.internal.Bootstrap;
import io.querygov.bench.internal.Histograms;
import io.querygov.core.QueryType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Time verdicts on synthetic per-interval figures drawn from seeded generators: deterministic, never a timed run.
 */
class TimeVerdictTest {
    private static final String EMPTY_HISTOGRAM = Histograms.encode(Histograms.newNanos());

    /** 20 intervals whose p95 is {@code p95Micros} times a noise factor drawn from 1 to {@code 1 + spread}. */
    private static QueryBenchResult run(String name, double p95Micros, double spread, long seed, int intervals) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LatencySummary> summaries = new ArrayList<>();
        for (int i = 0; i < intervals; i++) {
            double p95 = p95Micros * (1 + spread * random.nextDouble());
            summaries.add(new LatencySummary(50, p95 / 2, p95 / 2, p95, p95 * 1.5, p95 * 2, p95 * 3));
        }
        LatencySummary overall = new LatencySummary(50L * intervals, p95Micros / 2, p95Micros / 2, p95Micros,
                p95Micros * 1.5, p95Micros * 2, p95Micros * 3);
        return new QueryBenchResult(name, QueryType.RAW_SQL_ANALYTICS, BenchStatus.MEASURED, WarmupResult.NONE,
                50L * intervals, 0, Optional.empty(), 0, 1_000_000_000L, overall, EMPTY_HISTOGRAM, Optional.empty(),
                Optional.empty(), new LatencyIntervals(50_000_000L, summaries));
    }

    private static BenchReport report(QueryBenchResult... queries) {
        return new BenchReport(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:01:00Z"),
                BenchOptions.defaults(), Map.of(), List.of(queries));
    }

    private static QueryComparison compare(QueryBenchResult before, QueryBenchResult after) {
        return BaselineComparison.compare(report(before), report(after), ComparisonCriteria.defaults())
                .rows().get(0);
    }

    @Test
    void theBootstrapIsSeededAndItsIntervalHoldsTheTrueRatio() {
        double[] before = {10, 11, 12, 10, 13, 11, 10, 12, 11, 10};
        double[] after = {20, 22, 24, 20, 26, 22, 20, 24, 22, 20};
        double[] first = Bootstrap.ratioOfMedians(before, after, 1);
        double[] again = Bootstrap.ratioOfMedians(before, after, 1);
        assertEquals(List.of(first[0], first[1], first[2]), List.of(again[0], again[1], again[2]));
        assertEquals(2.0, first[0], 1e-9);
        assertTrue(first[1] <= 2.0 && first[2] >= 2.0, first[1] + " .. " + first[2]);
    }

    @Test
    void identicalRunsWithNoiseAreNeverRegressionsAcrossManySeeds() {
        // the noise of a busy machine: each interval's p95 up to 40% above the true value, in both runs
        int regressions = 0;
        for (long seed = 0; seed < 200; seed++) {
            Verdict v = compare(run("q", 1000, 0.4, seed, 20), run("q", 1000, 0.4, seed + 10_000, 20)).timeVerdict();
            if (v == Verdict.REGRESSION) {
                regressions++;
            }
        }
        assertEquals(0, regressions);
    }

    @Test
    void twiceAsSlowIsARegressionWithItsInterval() {
        QueryComparison row = compare(run("q", 1000, 0.2, 1, 20), run("q", 2000, 0.2, 2, 20));
        assertEquals(Verdict.REGRESSION, row.timeVerdict());
        TimeChange change = row.timeChange().orElseThrow();
        assertTrue(change.low() > 1.2 && change.high() < 2.5, change.toString());
        assertTrue(row.timeReason().contains("95% CI"), row.timeReason());
    }

    @Test
    void anIntervalThatStraddlesTheToleranceIsUnsureAndSaysRunLonger() {
        // 20% slower on average with noise as wide as the change: the interval reaches either side of 20%
        QueryComparison row = compare(run("q", 1000, 0.3, 3, 8), run("q", 1250, 0.3, 4, 8));
        assertEquals(Verdict.UNSURE, row.timeVerdict(), row.timeReason());
        assertTrue(row.timeReason().endsWith("run longer"), row.timeReason());
        TimeChange c = row.timeChange().orElseThrow();
        assertTrue(c.low() - 1 < 0.2 && c.high() - 1 > 0.2, c.toString());
    }

    @Test
    void aChangeBelowTheAbsoluteFloorIsNoRegressionHoweverLargeInPercent() {
        // a 0.02 ms query doubling: +100%, but 20 microseconds
        QueryComparison row = compare(run("q", 20, 0.05, 5, 20), run("q", 40, 0.05, 6, 20));
        assertEquals(Verdict.SLOWER, row.timeVerdict(), row.timeReason());
        QueryComparison strictFloor = BaselineComparison.compare(report(run("q", 20, 0.05, 5, 20)),
                report(run("q", 40, 0.05, 6, 20)), ComparisonCriteria.defaults().withTimeFloor(Duration.ZERO))
                .rows().get(0);
        assertEquals(Verdict.REGRESSION, strictFloor.timeVerdict());
    }

    @Test
    void tooFewIntervalsMakeARegressionUnsure() {
        QueryComparison row = compare(run("q", 1000, 0.1, 1, 3), run("q", 3000, 0.1, 2, 3));
        assertEquals(Verdict.UNSURE, row.timeVerdict());
        assertTrue(row.timeReason().contains("fewer than 5: run longer"), row.timeReason());
    }

    @Test
    void unsureFailsOnlyAStrictGate() {
        BenchReport before = report(run("q", 1000, 0.3, 3, 8));
        BenchReport after = report(run("q", 1250, 0.3, 4, 8));
        assertEquals(GateResult.Outcome.PASSED, BenchGate.defaults().judge(after, before, Set.of()).outcome());
        GateResult strict = BenchGate.builder().strict(true).build().judge(after, before, Set.of());
        assertEquals(GateResult.Outcome.FAILED, strict.outcome());
        assertEquals(GateProblem.Kind.UNSURE, strict.problems().get(0).kind());
    }

    @Test
    void intervalsAreSavedAndReadBack() {
        BenchReport run = report(run("q", 1000, 0.3, 3, 8));
        BenchReport back = BenchReport.fromJson(run.toJson(), "run.json");
        assertEquals(run.queries().get(0).intervals(), back.queries().get(0).intervals());
    }

    @Test
    void withAdvisoryTimeOnlyWorkFailsTheGate() {
        BenchReport before = report(run("q", 1000, 0.2, 1, 20));
        BenchReport after = report(run("q", 2000, 0.2, 2, 20));
        BenchGate advisory = BenchGate.builder().timeFails(false).build();
        GateResult g = advisory.judge(after, before, Set.of());
        assertEquals(GateResult.Outcome.PASSED, g.outcome());
        assertEquals(Verdict.REGRESSION, g.comparison().orElseThrow().rows().get(0).timeVerdict());
        assertEquals(GateResult.Outcome.FAILED, BenchGate.defaults().judge(after, before, Set.of()).outcome());
    }
}
