package io.querygov.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryPlanTest {

    @Test
    void analyzedPlanIsParsedWithActualsAndBuffers() {
        QueryPlan plan = PlanFixtures.plan("seq_scan_filter");
        PlanNode root = plan.root();

        assertTrue(plan.analyzed());
        assertEquals(0.103, plan.planningTimeMillis());
        assertEquals(10.504, plan.executionTimeMillis());
        assertEquals(6763692489878596225L, plan.queryId());
        assertEquals("Seq Scan", root.nodeType());
        assertEquals("big", root.relationName());
        assertEquals("pg_temp.big", root.qualifiedRelation());
        assertEquals("(big.v = 5)", root.filter());
        assertEquals(199.0, root.planRows());
        assertEquals(200.0, root.actualRows());
        assertEquals(1L, root.actualLoops());
        assertEquals(199800L, root.rowsRemovedByFilter());
        assertEquals(0L, root.buffers().sharedRead());
        assertTrue(root.buffers().localHit() + root.buffers().localRead() > 0);
        assertEquals(PlanFixtures.json("seq_scan_filter"), plan.json());
    }

    @Test
    void estimatedPlanHasNoActualsAndNoBuffers() {
        QueryPlan plan = PlanFixtures.plan("index_scan_estimated");
        PlanNode root = plan.root();

        assertFalse(plan.analyzed());
        assertNull(plan.planningTimeMillis());
        assertNull(plan.executionTimeMillis());
        assertEquals("Index Scan", root.nodeType());
        assertEquals("big_pkey", root.indexName());
        assertEquals("(big.id = 42)", root.indexCondition());
        assertNull(root.actualRows());
        assertNull(root.buffers());
        assertEquals("Index Scan using big_pkey on pg_temp.big", root.label());
    }

    @Test
    void treeIsNumberedDepthFirst() {
        QueryPlan plan = PlanFixtures.plan("nested_loop");
        List<PlanNode> nodes = plan.root().flatten();

        assertEquals(List.of("Nested Loop", "Seq Scan", "Index Only Scan"), nodes.stream().map(PlanNode::nodeType).toList());
        assertEquals(List.of(0, 1, 2), nodes.stream().map(PlanNode::id).toList());
        assertEquals("Inner", nodes.get(2).parentRelationship());
        assertEquals(5000L, nodes.get(2).actualLoops());
        assertEquals("Index Only Scan using big_pkey on pg_temp.big b", nodes.get(2).label());
    }

    @Test
    void sortAndHashDetailsAreRead() {
        PlanNode sort = PlanFixtures.plan("sort_spill").root();
        assertEquals("external merge", sort.sortMethod());
        assertEquals("Disk", sort.sortSpaceType());
        assertEquals(10048L, sort.sortSpaceUsedKb());
        assertEquals(5431L, sort.buffers().tempWritten());

        PlanNode hash = PlanFixtures.plan("hash_spill").root().children().get(1);
        assertEquals("Hash", hash.nodeType());
        assertEquals(4L, hash.hashBatches());
        assertEquals(4L, hash.originalHashBatches());

        PlanNode aggregate = PlanFixtures.plan("hashagg_spill").root();
        assertEquals("HashAggregate", aggregate.label());
        assertEquals(369L, aggregate.hashAggBatches());
        assertEquals(12016L, aggregate.diskUsageKb());
    }

    @Test
    void somethingElseIsRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueryPlan.parse("[{\"x\": 1}]"));
        assertEquals("not EXPLAIN (FORMAT JSON) output: expected [{\"Plan\": {...}}]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QueryPlan.parse("Seq Scan on big"));
    }
}
