package io.querygov.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Derives {@link PlanWarning}s from a plan. Pure: the same plan, thresholds and table sizes always give the same
 * warnings, in node order.
 */
public final class PlanWarnings {

    private PlanWarnings() {
    }

    /**
     * The warnings for a plan, ignoring table sizes: a sequential scan is judged by the rows it read (ANALYZE) or is
     * estimated to return.
     */
    public static List<PlanWarning> of(QueryPlan plan, PlanThresholds thresholds) {
        return of(plan, thresholds, Map.of());
    }

    /**
     * The warnings for a plan.
     *
     * @param tableRows rows of each table (e.g. {@code pg_class.reltuples}) by {@link PlanNode#qualifiedRelation()};
     *        a sequential scan of a table that is missing here is judged by the rows it read or is estimated to
     *        return
     */
    public static List<PlanWarning> of(QueryPlan plan, PlanThresholds thresholds, Map<String, Long> tableRows) {
        Objects.requireNonNull(thresholds, "thresholds");
        List<PlanWarning> warnings = new ArrayList<>();
        for (PlanNode node : plan.root().flatten()) {
            seqScan(node, thresholds, tableRows, warnings);
            misestimate(node, thresholds, warnings);
            spill(node, warnings);
            filter(node, thresholds, warnings);
            nestedLoop(node, thresholds, warnings);
        }
        return List.copyOf(warnings);
    }

    /**
     * A {@link PlanWarning.Kind#GENERIC_PLAN_DIFFERS} warning when the two plans differ in shape (node types, tables,
     * indexes, join types), else null. Costs alone differing is expected and not a warning.
     */
    public static PlanWarning genericPlanDiffers(QueryPlan custom, QueryPlan generic) {
        if (shape(custom.root()).equals(shape(generic.root()))) {
            return null;
        }
        return new PlanWarning(PlanWarning.Kind.GENERIC_PLAN_DIFFERS, 0, custom.root().label(), String.format(Locale.ROOT,
                "the generic plan differs from the plan for these values: custom %s (cost %.2f, %s rows), "
                        + "generic %s (cost %.2f, %s rows). A prepared statement switches to the generic plan after "
                        + "five executions when it looks no costlier, which can change latency several times over; "
                        + "compare both, and consider plan_cache_mode=force_custom_plan for this statement",
                summary(custom.root()), custom.root().totalCost(), rows(custom.root().planRows()),
                summary(generic.root()), generic.root().totalCost(), rows(generic.root().planRows())));
    }

    private static void seqScan(PlanNode node, PlanThresholds t, Map<String, Long> tableRows, List<PlanWarning> out) {
        if (!node.nodeType().equals("Seq Scan") || (node.analyzed() && !node.executed())) {
            return;
        }
        Long known = node.qualifiedRelation() == null ? null : tableRows.get(node.qualifiedRelation());
        double rows;
        String basis;
        if (known != null && known >= 0) {
            rows = known;
            basis = "has about " + rows(rows) + " rows";
        } else if (node.analyzed()) {
            rows = node.actualRows() + orZero(node.rowsRemovedByFilter());
            basis = "read " + rows(rows) + " rows per loop";
        } else {
            rows = node.planRows();
            basis = "is estimated to return " + rows(rows) + " rows";
        }
        if (rows < t.largeTableRows()) {
            return;
        }
        String fix = node.filter() != null
                ? "an index on the columns of the filter " + node.filter() + " may help"
                : "it reads the whole table: add a condition an index can serve, or accept it for a report";
        out.add(warning(PlanWarning.Kind.SEQ_SCAN_LARGE_TABLE, node, String.format(Locale.ROOT,
                "sequential scan on %s, which %s (threshold %d): %s",
                node.qualifiedRelation(), basis, t.largeTableRows(), fix)));
    }

    private static void misestimate(PlanNode node, PlanThresholds t, List<PlanWarning> out) {
        if (!node.executed() || node.actualRows() == null) {
            return;
        }
        double estimated = node.planRows();
        double actual = node.actualRows();
        double larger = Math.max(estimated, actual);
        double ratio = larger / Math.max(Math.min(estimated, actual), 1);
        if (ratio < t.misestimateFactor() || larger * node.actualLoops() < t.misestimateMinRows()) {
            return;
        }
        out.add(warning(PlanWarning.Kind.ROW_MISESTIMATE, node, String.format(Locale.ROOT,
                "estimated %s rows, got %s (%.0fx %s): the planner may have chosen the wrong join or scan; "
                        + "run ANALYZE on the tables, or CREATE STATISTICS when the filtered columns are correlated",
                rows(estimated), rows(actual), ratio, actual > estimated ? "more" : "fewer")));
    }

    private static void spill(PlanNode node, List<PlanWarning> out) {
        boolean sortOnDisk = "Disk".equals(node.sortSpaceType())
                || (node.sortMethod() != null && node.sortMethod().startsWith("external"));
        if (sortOnDisk) {
            out.add(warning(PlanWarning.Kind.SORT_SPILL, node, String.format(Locale.ROOT,
                    "sort method %s used %s kB of disk: the sort did not fit in work_mem; raise work_mem for this "
                            + "query (SET LOCAL work_mem) or sort fewer rows, e.g. with an index that returns them in order",
                    node.sortMethod(), node.sortSpaceUsedKb() == null ? "?" : node.sortSpaceUsedKb())));
        }
        if (node.hashBatches() != null && node.hashBatches() > 1) {
            out.add(warning(PlanWarning.Kind.HASH_SPILL, node, String.format(Locale.ROOT,
                    "the hash table was split into %d batches (planned %s) and spilled to disk: it did not fit in "
                            + "work_mem * hash_mem_multiplier; raise work_mem for this query or hash the smaller side",
                    node.hashBatches(), node.originalHashBatches() == null ? "?" : node.originalHashBatches())));
        }
        boolean aggregateOnDisk = (node.hashAggBatches() != null && node.hashAggBatches() > 1)
                || (node.diskUsageKb() != null && node.diskUsageKb() > 0);
        if (aggregateOnDisk) {
            out.add(warning(PlanWarning.Kind.HASH_SPILL, node, String.format(Locale.ROOT,
                    "the hashed aggregate spilled to disk in %s batches using %s kB: raise work_mem for this query",
                    node.hashAggBatches() == null ? "?" : node.hashAggBatches(),
                    node.diskUsageKb() == null ? "?" : node.diskUsageKb())));
        }
    }

    private static void filter(PlanNode node, PlanThresholds t, List<PlanWarning> out) {
        if (!node.executed() || node.rowsRemovedByFilter() == null) {
            return;
        }
        double removed = node.rowsRemovedByFilter();
        double seen = removed + node.actualRows();
        if (seen == 0 || removed / seen < t.filterRemovedFraction()
                || removed * node.actualLoops() < t.filterMinRemovedRows()) {
            return;
        }
        out.add(warning(PlanWarning.Kind.FILTER_REMOVES_MOST_ROWS, node, String.format(Locale.ROOT,
                "the filter %s removed %s of %s rows read (%.1f%%)%s: an index on its columns would read only the "
                        + "rows kept",
                node.filter(), rows(removed), rows(seen), 100 * removed / seen,
                node.actualLoops() > 1 ? " per loop over " + node.actualLoops() + " loops" : "")));
    }

    private static void nestedLoop(PlanNode node, PlanThresholds t, List<PlanWarning> out) {
        if (!node.nodeType().equals("Nested Loop") || node.children().size() < 2) {
            return;
        }
        PlanNode outer = node.children().get(0);
        PlanNode inner = node.children().get(1);
        if (node.analyzed()) {
            if (inner.actualLoops() == null || inner.actualLoops() < t.nestedLoopMaxLoops()) {
                return;
            }
            out.add(warning(PlanWarning.Kind.NESTED_LOOP_MANY_LOOPS, node, String.format(Locale.ROOT,
                    "the inner side (%s) ran %d times (threshold %d): with that many outer rows a hash or merge "
                            + "join is usually faster; check the outer side's row estimate",
                    inner.label(), inner.actualLoops(), t.nestedLoopMaxLoops())));
        } else if (outer.planRows() >= t.nestedLoopMaxLoops()) {
            out.add(warning(PlanWarning.Kind.NESTED_LOOP_MANY_LOOPS, node, String.format(Locale.ROOT,
                    "the inner side (%s) is estimated to run %s times (threshold %d): with that many outer rows "
                            + "a hash or merge join is usually faster",
                    inner.label(), rows(outer.planRows()), t.nestedLoopMaxLoops())));
        }
    }

    private static PlanWarning warning(PlanWarning.Kind kind, PlanNode node, String message) {
        return new PlanWarning(kind, node.id(), node.label(), message);
    }

    private static double orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static String rows(double rows) {
        return rows == Math.rint(rows) ? String.valueOf((long) rows) : String.format(Locale.ROOT, "%.2f", rows);
    }

    /** What decides behaviour, not what measures it: costs and row counts are left out. */
    private static String shape(PlanNode node) {
        StringBuilder b = new StringBuilder();
        b.append('(').append(node.label()).append(node.joinType() == null ? "" : "/" + node.joinType());
        for (PlanNode child : node.children()) {
            b.append(shape(child));
        }
        return b.append(')').toString();
    }

    /** The scans of a plan, for a message: {@code Index Scan using job_status_idx on public.job}. */
    private static String summary(PlanNode root) {
        List<String> scans = new ArrayList<>();
        for (PlanNode n : root.flatten()) {
            if (n.relationName() != null) {
                scans.add(n.label());
            }
        }
        return scans.isEmpty() ? root.label() : String.join(", ", scans);
    }
}
