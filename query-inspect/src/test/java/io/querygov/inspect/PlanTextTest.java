package io.querygov.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTextTest {

    @Test
    void treeIsIndentedLikeExplainWithWarningsUnderTheirNode() {
        QueryPlan plan = PlanFixtures.plan("nested_loop");
        List<PlanWarning> warnings = PlanWarnings.of(plan, PlanThresholds.defaults());
        String[] lines = PlanText.render(plan, warnings).split("\n");

        assertEquals("Nested Loop  (cost=0.42..12717.50 rows=5000 width=16) (actual time=0.043..5.212 rows=5000 loops=1)",
                lines[0].replaceAll("actual time=[0-9.]+\\.\\.[0-9.]+", "actual time=0.043..5.212"));
        assertEquals("  ! NESTED_LOOP_MANY_LOOPS: " + warnings.get(0).message(), lines[2]);
        assertEquals(true, lines[3].startsWith("  ->  Seq Scan on pg_temp.small s  (cost=0.00..78.00 rows=5000 width=16)"));
        assertEquals(true, lines[5].startsWith("  ->  Index Only Scan using big_pkey on pg_temp.big b  (cost=0.42..2.53 rows=1 width=8)"));
        assertEquals("        Index Cond: (b.id = s.big_id)", lines[6]);
        assertEquals(true, lines[lines.length - 1].startsWith("Execution Time: "));
    }

    @Test
    void estimatedPlanHasCostsOnly() {
        String text = PlanText.render(PlanFixtures.plan("index_scan_estimated"));
        assertEquals("Index Scan using big_pkey on pg_temp.big  (cost=0.42..8.44 rows=1 width=41)\n"
                + "  Index Cond: (big.id = 42)\n", text);
    }
}
