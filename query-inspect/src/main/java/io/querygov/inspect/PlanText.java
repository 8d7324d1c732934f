package io.querygov.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a plan as an indented tree, in the layout of EXPLAIN's text form, with each warning printed under the node
 * it is about on a line starting {@code "! "}.
 *
 * <pre>
 * Sort  (cost=46283.64..46783.64 rows=200000 width=41) (actual time=147.549..160.926 rows=200000 loops=1)
 *   Sort Method: external merge  Disk: 10048kB
 *   ! SORT_SPILL: sort method external merge used 10048 kB of disk: ...
 *   -&gt;  Seq Scan on public.big  (cost=0.00..4062.00 rows=200000 width=41) (actual ...)
 * </pre>
 */
public final class PlanText {

    private PlanText() {
    }

    /** The plan without warnings. */
    public static String render(QueryPlan plan) {
        return render(plan, List.of());
    }

    /** The plan, with each warning under its node; lines end with {@code \n}. */
    public static String render(QueryPlan plan, List<PlanWarning> warnings) {
        StringBuilder out = new StringBuilder();
        node(plan.root(), 0, true, warnings, out);
        for (PlanWarning w : warnings) {
            if (w.nodeId() < 0 || w.nodeId() > lastId(plan.root())) {
                out.append("! ").append(w.kind()).append(": ").append(w.message()).append('\n');
            }
        }
        if (plan.planningTimeMillis() != null) {
            out.append(String.format(Locale.ROOT, "Planning Time: %.3f ms", plan.planningTimeMillis())).append('\n');
        }
        if (plan.executionTimeMillis() != null) {
            out.append(String.format(Locale.ROOT, "Execution Time: %.3f ms", plan.executionTimeMillis())).append('\n');
        }
        return out.toString();
    }

    private static int lastId(PlanNode root) {
        List<PlanNode> all = root.flatten();
        return all.get(all.size() - 1).id();
    }

    private static void node(PlanNode n, int labelStart, boolean root, List<PlanWarning> warnings, StringBuilder out) {
        if (!root) {
            out.append(" ".repeat(labelStart - 4)).append("->  ");
        }
        out.append(n.label());
        out.append(String.format(Locale.ROOT, "  (cost=%.2f..%.2f rows=%s width=%d)",
                n.startupCost(), n.totalCost(), count(n.planRows()), n.planWidth()));
        if (n.analyzed()) {
            if (n.executed()) {
                out.append(String.format(Locale.ROOT, " (actual time=%.3f..%.3f rows=%s loops=%d)",
                        n.actualStartupTimeMillis(), n.actualTotalTimeMillis(), count(n.actualRows()),
                        n.actualLoops()));
            } else {
                out.append(" (never executed)");
            }
        }
        out.append('\n');
        String pad = " ".repeat(labelStart + 2);
        for (String detail : details(n)) {
            out.append(pad).append(detail).append('\n');
        }
        for (PlanWarning w : warnings) {
            if (w.nodeId() == n.id()) {
                out.append(pad).append("! ").append(w.kind()).append(": ").append(w.message()).append('\n');
            }
        }
        for (PlanNode child : n.children()) {
            node(child, labelStart + 6, false, warnings, out);
        }
    }

    private static List<String> details(PlanNode n) {
        List<String> lines = new ArrayList<>();
        if (n.indexCondition() != null) {
            lines.add("Index Cond: " + n.indexCondition());
        }
        if (n.filter() != null) {
            lines.add("Filter: " + n.filter());
        }
        if (n.rowsRemovedByFilter() != null) {
            lines.add("Rows Removed by Filter: " + n.rowsRemovedByFilter());
        }
        if (n.rowsRemovedByJoinFilter() != null) {
            lines.add("Rows Removed by Join Filter: " + n.rowsRemovedByJoinFilter());
        }
        if (n.sortMethod() != null) {
            lines.add("Sort Method: " + n.sortMethod() + "  " + n.sortSpaceType() + ": " + n.sortSpaceUsedKb() + "kB");
        }
        if (n.hashBatches() != null) {
            lines.add("Batches: " + n.hashBatches() + " (originally " + n.originalHashBatches() + ")");
        }
        if (n.hashAggBatches() != null) {
            lines.add("Batches: " + n.hashAggBatches() + (n.diskUsageKb() == null ? "" : "  Disk Usage: " + n.diskUsageKb() + "kB"));
        }
        if (n.buffers() != null && n.buffers().any()) {
            lines.add("Buffers: " + buffers(n.buffers()));
        }
        return lines;
    }

    /** As EXPLAIN writes them: {@code shared hit=3 read=2, temp read=5 written=5}, zero counts left out. */
    private static String buffers(Buffers b) {
        List<String> groups = new ArrayList<>();
        group(groups, "shared", b.sharedHit(), b.sharedRead(), b.sharedDirtied(), b.sharedWritten());
        group(groups, "local", b.localHit(), b.localRead(), b.localDirtied(), b.localWritten());
        group(groups, "temp", 0, b.tempRead(), 0, b.tempWritten());
        return String.join(", ", groups);
    }

    private static void group(List<String> groups, String name, long hit, long read, long dirtied, long written) {
        StringBuilder g = new StringBuilder(name);
        if (hit > 0) {
            g.append(" hit=").append(hit);
        }
        if (read > 0) {
            g.append(" read=").append(read);
        }
        if (dirtied > 0) {
            g.append(" dirtied=").append(dirtied);
        }
        if (written > 0) {
            g.append(" written=").append(written);
        }
        if (g.length() > name.length()) {
            groups.add(g.toString());
        }
    }

    private static String count(double rows) {
        return rows == Math.rint(rows) ? String.valueOf((long) rows) : String.format(Locale.ROOT, "%.2f", rows);
    }
}
