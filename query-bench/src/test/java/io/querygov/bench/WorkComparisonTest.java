package io.querygov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querygov.bench.internal.Histograms;
import io.querygov.core.QueryType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Work verdicts on figures given: plans, buffers and statements, never a timed run. */
class WorkComparisonTest {
    private static final String EMPTY_HISTOGRAM = Histograms.encode(Histograms.newNanos());
    private static final List<String> BY_PK = List.of("Index Scan using pgbench_accounts_pkey on pgbench_accounts");
    private static final List<String> SEQ = List.of("Seq Scan on pgbench_accounts");
    private static final ComparisonCriteria CRITERIA = ComparisonCriteria.defaults();

    private static QueryWork work(List<String> plan, long buffers, int samples) {
        List<WorkSample> s = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            s.add(new WorkSample("d" + i, plan, OptionalLong.of(buffers), OptionalLong.of(1), OptionalLong.empty()));
        }
        return new QueryWork(s, Optional.empty(), 1_000_000);
    }

    private static QueryWork statements(long... perCall) {
        List<WorkSample> s = new ArrayList<>();
        for (int i = 0; i < perCall.length; i++) {
            s.add(new WorkSample("d" + i, List.of(), OptionalLong.empty(), OptionalLong.of(3),
                    OptionalLong.of(perCall[i])));
        }
        return new QueryWork(s, Optional.empty(), 1_000_000);
    }

    private static WorkComparison compare(QueryWork before, QueryWork after) {
        return WorkComparison.compare(Optional.of(before), Optional.of(after), CRITERIA);
    }

    @Test
    void anIndexScanTurnedSequentialIsARegressionThatNamesBothNodesAndTheBuffers() {
        WorkComparison c = compare(work(BY_PK, 4, 5), work(SEQ, 16_394, 5));

        assertEquals(WorkVerdict.REGRESSION, c.verdict());
        assertEquals("plan changed: Index Scan using pgbench_accounts_pkey on pgbench_accounts -> Seq Scan on"
                + " pgbench_accounts; buffers/call 4 -> 16,394; rows/call 1 -> 1", c.reason());
        assertEquals(5, c.compared());
    }

    @Test
    void theFirstNodeThatDiffersIsNamedInADeeperPlan() {
        List<String> before = List.of("Aggregate", "  Hash Join", "    Seq Scan on a", "    Hash", "      Seq Scan on b");
        List<String> after = List.of("Aggregate", "  Nested Loop", "    Seq Scan on a", "    Index Scan using b_pkey on b");
        assertEquals("Hash Join -> Nested Loop", WorkComparison.planChange(before, after));
        assertEquals("Hash -> (no node)", WorkComparison.planChange(before.subList(0, 4), before.subList(0, 3)));
    }

    @Test
    void buffersMustGrowBeyondBothTheToleranceAndTheFloor() {
        assertEquals(WorkVerdict.SAME, compare(work(BY_PK, 3, 5), work(BY_PK, 6, 5)).verdict(), "+100% but +3");
        assertEquals(WorkVerdict.SAME, compare(work(BY_PK, 1000, 5), work(BY_PK, 1150, 5)).verdict(), "+15%");
        assertEquals(WorkVerdict.REGRESSION, compare(work(BY_PK, 40, 5), work(BY_PK, 80, 5)).verdict());
        assertEquals(WorkVerdict.LESS, compare(work(BY_PK, 80, 5), work(BY_PK, 40, 5)).verdict());
        assertEquals("same plan; buffers/call 4 -> 4; rows/call 1 -> 1",
                compare(work(BY_PK, 4, 5), work(BY_PK, 4, 5)).reason());
    }

    @Test
    void oneMoreStatementPerCallOnAnySampleIsARegression() {
        WorkComparison c = compare(statements(1, 1, 1), statements(1, 12, 1));
        assertEquals(WorkVerdict.REGRESSION, c.verdict());
        assertEquals("statements/call 1 -> 4.7; rows/call 3 -> 3", c.reason());
        assertEquals(WorkVerdict.SAME, compare(statements(3, 3), statements(3, 3)).verdict());
        assertEquals(WorkVerdict.LESS, compare(statements(12, 12), statements(1, 1)).verdict());
    }

    @Test
    void onlySamplesOnTheSameValuesAreCompared() {
        QueryWork other = new QueryWork(List.of(new WorkSample("other", SEQ, OptionalLong.of(9000),
                OptionalLong.empty(), OptionalLong.empty())), Optional.empty(), 0);
        WorkComparison c = compare(work(BY_PK, 4, 1), other);
        assertEquals(WorkVerdict.NOT_COMPARED, c.verdict());
        assertTrue(c.reason().startsWith("the sampled parameter values differ from the baseline's"), c.reason());
        // a run that captured fewer calls within its budget compares the calls both made
        assertEquals(2, compare(work(BY_PK, 4, 5), work(BY_PK, 4, 2)).compared());
    }

    @Test
    void aPlanThatChangedOnSomeValuesSaysOnHowMany() {
        QueryWork before = work(BY_PK, 4, 3);
        List<WorkSample> s = new ArrayList<>(before.samples());
        s.set(1, new WorkSample("d1", SEQ, OptionalLong.of(4), OptionalLong.of(1), OptionalLong.empty()));
        WorkComparison c = compare(before, new QueryWork(s, Optional.empty(), 0));
        assertTrue(c.reason().startsWith("plan changed: Index Scan using pgbench_accounts_pkey on pgbench_accounts"
                + " -> Seq Scan on pgbench_accounts (1 of 3 sampled values)"), c.reason());
    }

    @Test
    void aWorkRegressionFailsTheGateWhateverTheTimeSays() {
        BenchReport before = report(result("a", 100, work(BY_PK, 4, 5)));
        BenchReport after = report(result("a", 100, work(SEQ, 16_394, 5)));

        GateResult g = BenchGate.defaults().judge(after, before, Set.of());

        assertEquals(GateResult.Outcome.FAILED, g.outcome());
        QueryComparison row = g.comparison().orElseThrow().row("a").orElseThrow();
        assertEquals(Verdict.REGRESSION, row.verdict());
        assertEquals(Verdict.SAME, row.timeVerdict());
        assertEquals("a: plan changed: Index Scan using pgbench_accounts_pkey on pgbench_accounts -> Seq Scan on"
                + " pgbench_accounts; buffers/call 4 -> 16,394; rows/call 1 -> 1", g.problems().get(0).toString());
    }

    @Test
    void workIsSavedAndReadBackAndABaselineOfTheSecondSchemaHasNone() throws Exception {
        BenchReport run = report(result("a", 100, work(BY_PK, 4, 2)));
        BenchReport back = BenchReport.fromJson(run.toJson(), "run.json");
        assertEquals(run.queries().get(0).work(), back.queries().get(0).work());

        ObjectMapper json = new ObjectMapper();
        ObjectNode old = (ObjectNode) json.readTree(report(result("a", 100, null)).toJson());
        old.put("schemaVersion", 2);
        BenchReport baseline = BenchReport.fromJson(old.toString(), "old.json");
        assertTrue(baseline.queries().get(0).work().isEmpty());
        GateResult g = BenchGate.defaults().judge(run, baseline, Set.of());
        assertEquals(GateResult.Outcome.PASSED, g.outcome());
        assertEquals("not in baseline", g.comparison().orElseThrow().row("a").orElseThrow().work().reason());
    }

    private static QueryBenchResult result(String name, double p95Micros, QueryWork work) {
        LatencySummary latency = new LatencySummary(1000, p95Micros / 2, p95Micros / 2, p95Micros, p95Micros * 2,
                p95Micros * 3, p95Micros * 4);
        return new QueryBenchResult(name, QueryType.RAW_SQL_ANALYTICS, BenchStatus.MEASURED, WarmupResult.NONE, 1000, 0,
                Optional.empty(), 1000, 1_000_000_000L, latency, EMPTY_HISTOGRAM, Optional.empty(),
                Optional.ofNullable(work));
    }

    private static BenchReport report(QueryBenchResult... queries) {
        return new BenchReport(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:01:00Z"),
                BenchOptions.defaults(), Map.of(), List.of(queries));
    }
}
