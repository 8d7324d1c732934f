package io.querygov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querygov.bench.internal.Histograms;
import io.querygov.core.QueryType;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gate judged on reports whose figures are given: saved runs and built ones, never two timed runs. */
class BenchGateTest {
    private static final String EMPTY_HISTOGRAM = Histograms.encode(Histograms.newNanos());
    private static final BenchGate GATE = BenchGate.defaults();

    private static QueryBenchResult measured(String name, double p95Micros, long calls, long errors) {
        LatencySummary latency = new LatencySummary(calls, p95Micros / 2, p95Micros / 2, p95Micros, p95Micros * 2,
                p95Micros * 3, p95Micros * 4);
        return new QueryBenchResult(name, QueryType.RAW_SQL_ANALYTICS, BenchStatus.MEASURED, WarmupResult.NONE, calls,
                errors, Optional.empty(), calls, 1_000_000_000L, latency, EMPTY_HISTOGRAM, Optional.empty());
    }

    private static QueryBenchResult measured(String name, double p95Micros) {
        return measured(name, p95Micros, 1000, 0);
    }

    private static QueryBenchResult failed(String name) {
        return new QueryBenchResult(name, QueryType.RAW_SQL_BULK, BenchStatus.FAILED, WarmupResult.NONE, 0, 0,
                Optional.of(new ErrorSample("org.postgresql.util.PSQLException", "relation \"gone\" does not exist")),
                0, 0, LatencySummary.EMPTY, EMPTY_HISTOGRAM, Optional.empty());
    }

    private static BenchReport report(QueryBenchResult... queries) {
        return new BenchReport(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:01:00Z"),
                BenchOptions.defaults(), Map.of(), Arrays.asList(queries));
    }

    private static BenchReport saved(String name) {
        try {
            return BenchReport.read(Path.of(BenchGateTest.class.getResource("/saved/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRunWithinToleranceOfItsBaselinePasses() {
        GateResult g = GATE.judge(report(measured("a", 1040), measured("b", 900)),
                report(measured("a", 1000), measured("b", 1000)), Set.of());

        assertEquals(GateResult.Outcome.PASSED, g.outcome());
        assertEquals(List.of(), g.problems());
        assertEquals(List.of(Verdict.SAME, Verdict.FASTER),
                g.comparison().orElseThrow().rows().stream().map(QueryComparison::verdict).toList());
    }

    @Test
    void anInterruptedBaselineIsUnusableAndSaysSo() {
        BenchReport interrupted = report(measured("a", 1000)).asInterrupted(Instant.parse("2024-01-01T00:00:30Z"));
        GateResult g = GATE.judge(report(measured("a", 1000)), interrupted, Set.of());

        assertEquals(GateResult.Outcome.BASELINE_UNUSABLE, g.outcome());
        assertEquals(List.of(new GateProblem(GateProblem.Kind.BASELINE, Optional.empty(), "the baseline is an"
                + " interrupted run (stopped at 2024-01-01T00:00:30Z with 1 query finished): save a run that ran to"
                + " its end")), g.problems());
        // and the saved document says so, and reads back so
        BenchReport back = BenchReport.fromJson(interrupted.toJson(), "test");
        assertTrue(back.interrupted());
        assertTrue(interrupted.toJson().contains("\"interrupted\" : true"), interrupted::toJson);
        assertFalse(BenchReport.fromJson(report(measured("a", 1000)).toJson(), "test").interrupted());
    }

    @Test
    void aRegressionFailsWithItsFigures() {
        GateResult g = GATE.judge(report(measured("a", 1500), measured("b", 1000)),
                report(measured("a", 1000), measured("b", 1000)), Set.of());

        assertEquals(GateResult.Outcome.FAILED, g.outcome());
        assertEquals(List.of(new GateProblem(GateProblem.Kind.REGRESSION, Optional.of("a"),
                "p95 1.000 ms -> 1.500 ms (+50.0%): slower beyond the tolerance of 20% and the floor of 0.050 ms (no"
                        + " per-interval figures in the baseline: judged on the point change)")), g.problems());
    }

    @Test
    void aFailedQueryFailsTheRunWithOrWithoutABaseline() {
        GateResult alone = GATE.judge(report(measured("a", 1000), failed("b")));

        assertEquals(GateResult.Outcome.FAILED, alone.outcome());
        assertEquals("b: failed: org.postgresql.util.PSQLException: relation \"gone\" does not exist",
                alone.problems().get(0).toString());
        assertTrue(alone.comparison().isEmpty());

        GateResult compared = GATE.judge(report(measured("a", 1000), failed("b")),
                report(measured("a", 1000), measured("b", 1000)), Set.of());
        assertEquals(List.of(GateProblem.Kind.FAILED), compared.problems().stream().map(GateProblem::kind).toList(),
                "one problem for a failed query, not one more for its verdict");
    }

    @Test
    void anErrorRateAboveTheLimitFails() {
        BenchReport run = report(measured("flaky", 1000, 750, 250), measured("steady", 1000, 995, 5));

        GateResult g = GATE.judge(run);
        assertEquals(GateResult.Outcome.FAILED, g.outcome());
        assertEquals(List.of(new GateProblem(GateProblem.Kind.ERROR_RATE, Optional.of("flaky"),
                "error rate 25% (250 of 1,000 measured calls failed) is above the limit of 1%")), g.problems());

        GateResult lenient = BenchGate.builder().maxErrorRate(MaxErrorRate.parse("30%")).build().judge(run);
        assertEquals(GateResult.Outcome.PASSED, lenient.outcome());

        GateResult strict = BenchGate.builder().maxErrorRate(MaxErrorRate.parse("0%")).build().judge(run);
        assertEquals(2, strict.problems().size());
    }

    @Test
    void aBaselineOfAnotherCatalogIsUnusable() {
        BenchReport baseline = report(measured("orders_by_day", 1000), measured("top_customers", 1000),
                measured("stock_levels", 1000), measured("refunds", 1000));
        BenchReport run = report(measured("project_by_id", 1000));

        GateResult g = GATE.judge(run, baseline, Set.of());

        assertEquals(GateResult.Outcome.BASELINE_UNUSABLE, g.outcome());
        assertEquals("no query of this run was measured in the baseline (it measured 4 queries, e.g. orders_by_day,"
                + " top_customers, stock_levels, ...; this run ran 1 query): is it the baseline of another catalog?",
                g.problems().get(0).reason());

        GateResult failing = BenchGate.builder().failOnMissing(true).build().judge(run, baseline, Set.of());
        assertEquals(GateResult.Outcome.FAILED, failing.outcome());
        assertEquals(List.of(GateProblem.Kind.BASELINE, GateProblem.Kind.MISSING, GateProblem.Kind.MISSING,
                GateProblem.Kind.MISSING, GateProblem.Kind.MISSING),
                failing.problems().stream().map(GateProblem::kind).toList());
    }

    @Test
    void aBaselineMostlyMissingFromTheRunIsUnusableUnlessTheRunLeftThemOut() {
        BenchReport baseline = report(measured("a", 1000), measured("b", 1000), measured("c", 1000));
        BenchReport run = report(measured("a", 1000));

        GateResult g = GATE.judge(run, baseline, Set.of());
        assertEquals(GateResult.Outcome.BASELINE_UNUSABLE, g.outcome());
        assertEquals("2 of the 3 queries the baseline measured were not run now (e.g. b, c): is it the baseline of"
                + " another catalog, or of a run of other queries?", g.problems().get(0).reason());

        // a run filtered to one query is compared on that query
        GateResult filtered = GATE.judge(run, baseline, Set.of("b", "c"));
        assertEquals(GateResult.Outcome.PASSED, filtered.outcome());
        assertEquals(List.of("a"), filtered.comparison().orElseThrow().rows().stream().map(QueryComparison::name)
                .toList());

        // one missing of three is reported in the comparison, and fails only when asked
        BenchReport most = report(measured("a", 1000), measured("b", 1000));
        assertEquals(GateResult.Outcome.PASSED, GATE.judge(most, baseline, Set.of()).outcome());
        GateResult strict = BenchGate.builder().failOnMissing(true).build().judge(most, baseline, Set.of());
        assertEquals(List.of(new GateProblem(GateProblem.Kind.MISSING, Optional.of("c"),
                "measured in the baseline, not in this run")), strict.problems());
    }

    @Test
    void aSavedRunJudgedAgainstItselfFailsOnlyOnItsFailedQuery() {
        BenchReport run = saved("format1-iterations.json");

        GateResult g = GATE.judge(run, run, Set.of());

        assertEquals(GateResult.Outcome.FAILED, g.outcome());
        assertEquals(List.of("missing_table"), g.problems().stream().map(p -> p.query().orElseThrow()).toList());
        assertEquals(List.of(Verdict.SAME, Verdict.SAME, Verdict.FAILED),
                g.comparison().orElseThrow().rows().stream().map(QueryComparison::verdict).toList());
    }

    @Test
    void theDocumentOfARunHoldsWhatItsGateMadeOfIt() throws Exception {
        BenchReport run = saved("format1-rate.json");
        GateResult g = BenchGate.builder().tolerance(Tolerance.parse("5%")).build().judge(run,
                saved("format1-iterations.json"), Set.of());

        JsonNode doc = new ObjectMapper().readTree(run.toJson(g));

        assertEquals(g.outcome().name(), doc.at("/gate/outcome").asText());
        assertEquals(1.0, doc.at("/gate/maxErrorRatePercent").asDouble());
        assertEquals(g.problems().size(), doc.at("/gate/problems").size());
        assertEquals("p95", doc.at("/comparison/statistic").asText());
        assertEquals(5.0, doc.at("/comparison/tolerancePercent").asDouble());
        assertEquals(run, BenchReport.fromJson(run.toJson(g), "memory"), "what the gate made of it is not read back");
    }
}
