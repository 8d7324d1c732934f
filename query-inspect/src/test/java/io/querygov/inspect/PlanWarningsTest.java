package io.querygov.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanWarningsTest {
    private static final PlanThresholds DEFAULTS = PlanThresholds.defaults();

    private static List<PlanWarning.Kind> kinds(List<PlanWarning> warnings) {
        return warnings.stream().map(PlanWarning::kind).toList();
    }

    @Test
    void seqScanThatFiltersMostRowsOfALargeTable() {
        List<PlanWarning> warnings = PlanWarnings.of(PlanFixtures.plan("seq_scan_filter"), DEFAULTS);

        assertEquals(List.of(PlanWarning.Kind.SEQ_SCAN_LARGE_TABLE, PlanWarning.Kind.FILTER_REMOVES_MOST_ROWS),
                kinds(warnings));
        assertEquals("sequential scan on pg_temp.big, which read 200000 rows per loop (threshold 100000): "
                + "an index on the columns of the filter (big.v = 5) may help", warnings.get(0).message());
        assertEquals("the filter (big.v = 5) removed 199800 of 200000 rows read (99.9%): an index on its columns "
                + "would read only the rows kept", warnings.get(1).message());
        assertEquals(0, warnings.get(0).nodeId());
        assertEquals("Seq Scan on pg_temp.big", warnings.get(0).node());
    }

    @Test
    void seqScanIsJudgedByTableSizeWhenKnown() {
        QueryPlan plan = PlanFixtures.plan("seq_scan_estimated");
        // estimated to return 200 rows: no warning without the table's size
        assertEquals(List.of(), PlanWarnings.of(plan, DEFAULTS));

        List<PlanWarning> warnings = PlanWarnings.of(plan, DEFAULTS, Map.of("pg_temp.big", 200_000L));
        assertEquals(List.of(PlanWarning.Kind.SEQ_SCAN_LARGE_TABLE), kinds(warnings));
        assertTrue(warnings.get(0).message().contains("which has about 200000 rows (threshold 100000)"),
                warnings.get(0).message());

        assertEquals(List.of(), PlanWarnings.of(plan, DEFAULTS.withLargeTableRows(300_000),
                Map.of("pg_temp.big", 200_000L)));
    }

    @Test
    void rowMisestimateBeyondTheFactor() {
        List<PlanWarning> warnings = PlanWarnings.of(PlanFixtures.plan("misestimate"), DEFAULTS);

        assertEquals(List.of(PlanWarning.Kind.SEQ_SCAN_LARGE_TABLE, PlanWarning.Kind.ROW_MISESTIMATE,
                PlanWarning.Kind.FILTER_REMOVES_MOST_ROWS), kinds(warnings));
        assertTrue(warnings.get(1).message().startsWith("estimated 22 rows, got 2000 (91x more)"),
                warnings.get(1).message());

        List<PlanWarning> lenient = PlanWarnings.of(PlanFixtures.plan("misestimate"), DEFAULTS.withMisestimate(100, 100));
        assertEquals(List.of(PlanWarning.Kind.SEQ_SCAN_LARGE_TABLE, PlanWarning.Kind.FILTER_REMOVES_MOST_ROWS),
                kinds(lenient));
    }

    @Test
    void sortSpillingToDisk() {
        List<PlanWarning> warnings = PlanWarnings.of(PlanFixtures.plan("sort_spill"), DEFAULTS);

        assertEquals(List.of(PlanWarning.Kind.SORT_SPILL, PlanWarning.Kind.SEQ_SCAN_LARGE_TABLE), kinds(warnings));
        assertTrue(warnings.get(0).message().startsWith("sort method external merge used 10048 kB of disk"),
                warnings.get(0).message());
        assertEquals(0, warnings.get(0).nodeId());
    }

    @Test
    void hashJoinAndHashAggregateSpillingToDisk() {
        List<PlanWarning> join = PlanWarnings.of(PlanFixtures.plan("hash_spill"), DEFAULTS);
        PlanWarning hash = join.stream().filter(w -> w.kind() == PlanWarning.Kind.HASH_SPILL).findFirst().orElseThrow();
        assertEquals("Hash", hash.node());
        assertTrue(hash.message().startsWith("the hash table was split into 4 batches (planned 4)"), hash.message());

        List<PlanWarning> aggregate = PlanWarnings.of(PlanFixtures.plan("hashagg_spill"), DEFAULTS);
        assertEquals(List.of(PlanWarning.Kind.HASH_SPILL, PlanWarning.Kind.SEQ_SCAN_LARGE_TABLE), kinds(aggregate));
        assertEquals("the hashed aggregate spilled to disk in 369 batches using 12016 kB: raise work_mem for this query",
                aggregate.get(0).message());
    }

    @Test
    void nestedLoopWithManyLoops() {
        QueryPlan plan = PlanFixtures.plan("nested_loop");
        List<PlanWarning> warnings = PlanWarnings.of(plan, DEFAULTS);

        assertEquals(List.of(PlanWarning.Kind.NESTED_LOOP_MANY_LOOPS), kinds(warnings));
        assertTrue(warnings.get(0).message().startsWith(
                "the inner side (Index Only Scan using big_pkey on pg_temp.big b) ran 5000 times (threshold 1000)"),
                warnings.get(0).message());
        assertEquals(List.of(), PlanWarnings.of(plan, DEFAULTS.withNestedLoopMaxLoops(5001)));
    }

    @Test
    void healthyPlansHaveNoWarnings() {
        assertEquals(List.of(), PlanWarnings.of(PlanFixtures.plan("clean_analyzed"), DEFAULTS));
        assertEquals(List.of(), PlanWarnings.of(PlanFixtures.plan("index_scan_estimated"), DEFAULTS,
                Map.of("pg_temp.big", 200_000L)));
    }

    @Test
    void genericPlanThatDiffersInShape() {
        QueryPlan custom = PlanFixtures.plan("custom_plan");
        QueryPlan generic = PlanFixtures.plan("generic_plan");

        PlanWarning warning = PlanWarnings.genericPlanDiffers(custom, generic);
        assertEquals(PlanWarning.Kind.GENERIC_PLAN_DIFFERS, warning.kind());
        assertTrue(warning.message().startsWith("the generic plan differs from the plan for these values: "
                + "custom Seq Scan on pg_temp.job (cost 3582.00, 199773 rows), generic Index Scan using job_status_idx "
                + "on pg_temp.job (cost 2656.76, 100000 rows)"), warning.message());
        assertNull(PlanWarnings.genericPlanDiffers(custom, custom));
    }

    @Test
    void thresholdsAreValidatedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DEFAULTS.withFilterRemoved(1.5, 10));
        assertEquals("filterRemovedFraction must be in (0, 1], was 1.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMisestimate(1, 10));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withLargeTableRows(0));
    }
}
