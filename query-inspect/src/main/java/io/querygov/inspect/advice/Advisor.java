package io.querygov.inspect.advice;

import io.querygov.core.QueryType;
import io.querygov.core.StatementLanguage;
import io.querygov.inspect.ExplainResult;
import io.querygov.inspect.PlanNode;
import io.querygov.inspect.PlanWarning;
import io.querygov.inspect.QueryPlan;
import io.querygov.inspect.advice.QueryEvidence.CallStatements;
import io.querygov.inspect.advice.QueryEvidence.Repeat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Judges a query's evidence by the guide's rules. Pure: the same evidence and thresholds always give the same
 * findings, in {@link AdviceRule} order. A rule whose evidence is missing stays quiet.
 *
 * <pre>{@code
 * List<Finding> findings = Advisor.create(AdviceThresholds.defaults()).advise(evidence);
 * }</pre>
 */
public final class Advisor {
    private static final Set<String> PRIMARY_KEY_SCANS = Set.of("Index Scan", "Index Only Scan");
    /** Nodes a single-row read may have above its index scan. */
    private static final Set<String> PASS_THROUGH = Set.of("Limit", "Result", "Aggregate");

    private final AdviceThresholds thresholds;

    private Advisor(AdviceThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    public static Advisor create(AdviceThresholds thresholds) {
        return new Advisor(thresholds);
    }

    public AdviceThresholds thresholds() {
        return thresholds;
    }

    /** The findings for one query, in rule order. */
    public List<Finding> advise(QueryEvidence e) {
        List<Finding> out = new ArrayList<>();
        nPlusOne(e, out);
        hotOrmComplex(e, out);
        primaryKeyRead(e, out);
        seqScans(e, out);
        genericPlan(e, out);
        return List.copyOf(out);
    }

    private void nPlusOne(QueryEvidence e, List<Finding> out) {
        if (!e.query().type().isOrm() || e.calls().isEmpty()) {
            return;
        }
        CallStatements worst = null;
        Repeat worstRepeat = null;
        for (CallStatements call : e.calls()) {
            for (Repeat r : call.repeats()) {
                if (r.executions() > thresholds.maxRepeats()
                        && (worstRepeat == null || r.executions() > worstRepeat.executions())) {
                    worst = call;
                    worstRepeat = r;
                }
            }
        }
        if (worstRepeat == null) {
            return;
        }
        int maxStatements = e.calls().stream().mapToInt(CallStatements::statements).max().orElse(0);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("statementsPerCall", maxStatements);
        ev.put("callsSampled", e.calls().size());
        ev.put("repeatedStatement", worstRepeat.name());
        ev.put("repeatedShape", worstRepeat.shape());
        ev.put("repeatedExecutions", worstRepeat.executions());
        ev.put("repeatedIsRead", worstRepeat.read());
        ev.put("parameters", worst.parameters().toString());
        String fix = worstRepeat.read()
                ? "fetch the association with the query that loads its owners (join fetch, an entity graph,"
                        + " @BatchSize) or move the report to a SQL file"
                : "write the change as one bulk statement (an HQL UPDATE or a RAW_SQL_BULK file) instead of one per"
                        + " entity";
        StringBuilder m = new StringBuilder(String.format(Locale.ROOT,
                "%s ran %,d times in one call (%,d statements per call, the most of %d sampled calls): %s",
                worstRepeat.name(), worstRepeat.executions(), maxStatements, e.calls().size(), fix));
        measured(e, ev, m);
        out.add(finding(e, AdviceRule.N_PLUS_ONE, m.toString(), ev));
    }

    /** The bench figures and the compare ratio, into the evidence and after the message. */
    private static void measured(QueryEvidence e, Map<String, Object> ev, StringBuilder m) {
        if (e.timing() != null) {
            ev.put("p50Millis", round(e.timing().p50Millis()));
            ev.put("p95Millis", round(e.timing().p95Millis()));
        }
        if (e.compared() != null && e.timing() != null) {
            QueryEvidence.Compared c = e.compared();
            ev.put("compareGroup", c.group());
            ev.put("reference", c.reference());
            ev.put("referenceP50Millis", round(c.referenceP50Millis()));
            ev.put("p50Ratio", Math.round(c.p50Ratio() * 100) / 100.0);
            m.append(String.format(Locale.ROOT, "; measured: p50 %.3f ms against %s's %.3f ms (%.2fx)",
                    e.timing().p50Millis(), c.reference(), c.referenceP50Millis(), c.p50Ratio()));
        } else if (e.timing() != null) {
            m.append(String.format(Locale.ROOT, "; measured: p50 %.3f ms", e.timing().p50Millis()));
        }
    }

    private void hotOrmComplex(QueryEvidence e, List<Finding> out) {
        if (e.query().type() != QueryType.ORM_COMPLEX || e.timing() == null
                || e.timing().p95Millis() < thresholds.hotP95Millis()) {
            return;
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("hotP95Millis", thresholds.hotP95Millis());
        StringBuilder m = new StringBuilder(String.format(Locale.ROOT,
                "p95 %.3f ms (hot from %.3f ms) for a query of three or more joins", e.timing().p95Millis(),
                thresholds.hotP95Millis()));
        if (!e.calls().isEmpty()) {
            CallStatements call = e.calls().stream().max(Comparator.comparingLong(CallStatements::rows)).get();
            ev.put("rowsPerCall", call.rows());
            ev.put("statementsPerCall", call.statements());
            m.append(String.format(Locale.ROOT, " that returns up to %,d rows per call", call.rows()));
        }
        m.append(": a SQL file candidate, which selects only the columns the caller uses and joins without"
                + " multiplying fetched collections");
        measured(e, ev, m);
        out.add(finding(e, AdviceRule.HOT_ORM_COMPLEX, m.toString(), ev));
    }

    private void primaryKeyRead(QueryEvidence e, List<Finding> out) {
        if (e.query().type().isOrm() || e.query().language() != StatementLanguage.SQL || e.plans().isEmpty()
                || e.primaryKeys().isEmpty()) {
            return;
        }
        PlanNode scan = null;
        for (ExplainResult r : e.plans()) {
            PlanNode s = singlePrimaryKeyScan(r.plan().root(), e.primaryKeys());
            if (s == null) {
                return; // every sampled plan must be one; a plan that sometimes scans is not a key lookup
            }
            scan = s;
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("table", scan.qualifiedRelation());
        ev.put("index", scan.indexName());
        ev.put("indexCondition", scan.indexCondition());
        ev.put("estimatedRows", scan.planRows());
        out.add(finding(e, AdviceRule.PRIMARY_KEY_READ, String.format(Locale.ROOT,
                "reads one row of %s through its primary key %s (%s): session.find(Entity.class, id) does the same"
                        + " through the ORM, with its first-level cache and dirty checking; keep the file only if the"
                        + " row feeds a report", scan.qualifiedRelation(), scan.indexName(), scan.indexCondition()), ev));
    }

    /** The plan's only scan when it is a primary key lookup estimated at one row at most, else null. */
    private static PlanNode singlePrimaryKeyScan(PlanNode root, Set<String> primaryKeys) {
        PlanNode scan = null;
        for (PlanNode n : root.flatten()) {
            if (PRIMARY_KEY_SCANS.contains(n.nodeType())) {
                if (scan != null) {
                    return null;
                }
                scan = n;
            } else if (!PASS_THROUGH.contains(n.nodeType())) {
                return null;
            }
        }
        if (scan == null || scan.indexName() == null || scan.schema() == null || scan.planRows() > 1
                || !primaryKeys.contains(scan.schema() + "." + scan.indexName())) {
            return null;
        }
        return scan;
    }

    /**
     * The indexes QG-IX suggests for a query: one per distinct index, each from the sampled plan whose filter kept
     * the fewest rows. What {@code --verify} tries, with the sample's parameter values.
     */
    public List<SuggestedIndex> indexSuggestions(QueryEvidence e) {
        Map<String, SuggestedIndex> best = new LinkedHashMap<>();
        for (ExplainResult r : e.plans()) {
            List<PlanNode> nodes = r.plan().root().flatten();
            for (PlanWarning w : r.warnings()) {
                if (w.kind() != PlanWarning.Kind.SEQ_SCAN_LARGE_TABLE) {
                    continue;
                }
                PlanNode node = nodes.get(w.nodeId());
                Long tableRows = e.tableRows().get(node.qualifiedRelation());
                if (tableRows == null || tableRows < thresholds.largeTableRows() || node.filter() == null) {
                    continue;
                }
                double kept = node.executed() ? node.actualRows() : node.planRows();
                double fraction = kept / tableRows;
                if (fraction > thresholds.selectiveFraction()) {
                    continue;
                }
                IndexSuggestion.forSeqScan(node).ifPresent(s -> {
                    SuggestedIndex seen = best.get(s.ddl());
                    if (seen == null || seen.keptFraction() > fraction) {
                        best.put(s.ddl(), new SuggestedIndex(s, node, r, tableRows, kept, fraction));
                    }
                });
            }
        }
        return List.copyOf(best.values());
    }

    /**
     * An index QG-IX suggests, and what it was judged on.
     *
     * @param suggestion the index
     * @param node the sequential scan it would replace
     * @param sample the plan, and the parameter values, the scan was found in
     * @param tableRows the table's rows
     * @param rowsKept the rows the filter kept (actual with ANALYZE, else estimated)
     * @param keptFraction {@code rowsKept / tableRows}
     */
    public record SuggestedIndex(IndexSuggestion suggestion, PlanNode node, ExplainResult sample, long tableRows,
                                 double rowsKept, double keptFraction) {
    }

    private void seqScans(QueryEvidence e, List<Finding> out) {
        for (SuggestedIndex b : indexSuggestions(e)) {
            IndexSuggestion s = b.suggestion();
            PlanNode node = b.node();
            double fraction = b.keptFraction();
            ExplainResult r = b.sample();
            long tableRows = b.tableRows();
            double kept = b.rowsKept();
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("table", node.qualifiedRelation());
            ev.put("tableRows", tableRows);
            ev.put("filter", node.filter());
            ev.put(node.executed() ? "rowsKept" : "rowsKeptEstimated", Math.round(kept));
            ev.put("keptFraction", Math.round(fraction * 10_000) / 10_000.0);
            ev.put("columns", s.index().columns());
            ev.put("createIndex", s.ddl());
            ev.put("parameters", r.parameters().toString());
            ev.put("costWithout", round(r.plan().root().totalCost()));
            String head = String.format(Locale.ROOT, "Seq Scan on %s (%,d rows) keeps %s%% of them under the filter"
                    + " %s: %s", node.qualifiedRelation(), tableRows, percent(fraction), node.filter(), s.ddl());
            ExplainResult trial = e.trials().get(s.ddl());
            Severity severity = AdviceRule.SEQ_SCAN_INDEX.severity();
            String tail;
            if (trial == null) {
                ev.put("verified", false);
                tail = "; not verified: querytool advise --verify tries it inside a transaction that is rolled back"
                        + " (CREATE INDEX holds a SHARE lock on the table, blocking its writes, until the rollback)";
            } else {
                ev.put("verified", true);
                String used = newIndexScan(r.plan(), trial.plan());
                ev.put("costWith", round(trial.plan().root().totalCost()));
                ev.put("indexUsed", used != null);
                if (used != null) {
                    ev.put("planWith", used);
                    tail = String.format(Locale.ROOT, "; verified (rolled back): the planner uses it, %s, estimated"
                            + " cost %s -> %s", used, cost(r.plan().root().totalCost()),
                            cost(trial.plan().root().totalCost()));
                } else {
                    severity = Severity.INFO;
                    tail = String.format(Locale.ROOT, "; verified (rolled back): the planner does not use it for"
                            + " these values (estimated cost %s with it), so it would not help them",
                            cost(trial.plan().root().totalCost()));
                }
            }
            out.add(new Finding(e.query().name(), AdviceRule.SEQ_SCAN_INDEX, severity, head + tail, ev));
        }
    }

    /** The node that scans through an index the first plan does not use, as its label, or null. */
    private static String newIndexScan(QueryPlan before, QueryPlan after) {
        Set<String> known = new HashSet<>();
        for (PlanNode n : before.root().flatten()) {
            if (n.indexName() != null) {
                known.add(n.indexName());
            }
        }
        for (PlanNode n : after.root().flatten()) {
            if (n.indexName() != null && !known.contains(n.indexName())) {
                return n.label();
            }
        }
        return null;
    }

    private void genericPlan(QueryEvidence e, List<Finding> out) {
        for (ExplainResult r : e.plans()) {
            if (r.genericPlan() == null
                    || r.warnings().stream().noneMatch(w -> w.kind() == PlanWarning.Kind.GENERIC_PLAN_DIFFERS)) {
                continue;
            }
            PlanNode custom = r.plan().root();
            PlanNode generic = r.genericPlan().root();
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("parameters", r.parameters().toString());
            ev.put("customPlan", scans(custom));
            ev.put("customCost", round(custom.totalCost()));
            ev.put("genericPlan", scans(generic));
            ev.put("genericCost", round(generic.totalCost()));
            // PostgreSQL switches a prepared statement to its generic plan only when that plan's estimate is no higher
            // than the custom plans' average: a dearer generic plan is a shape to know of, not one the server will take
            boolean serverMaySwitch = generic.totalCost() <= custom.totalCost();
            String consequence = serverMaySwitch
                    ? " and, costing no more, it is the one the server switches to: run it with plan_cache_mode ="
                            + " force_custom_plan (SET LOCAL in its transaction, or on the role of the service that runs it)"
                    : "; costing more, it is not taken while plan_cache_mode is auto, unless other values make the custom"
                            + " plans dearer on average";
            out.add(new Finding(e.query().name(), AdviceRule.GENERIC_PLAN, serverMaySwitch ? Severity.WARN : Severity.INFO,
                    String.format(Locale.ROOT, "for %s the planner picks %s (cost %s); the generic plan, which a"
                            + " prepared statement may switch to after five executions, is another: %s (cost %s, estimated"
                            + " without the values)%s", r.parameters(), scans(custom), cost(custom.totalCost()),
                            scans(generic), cost(generic.totalCost()), consequence), ev));
            return; // one finding per query: the first sample that shows it
        }
    }

    private static Finding finding(QueryEvidence e, AdviceRule rule, String message, Map<String, Object> evidence) {
        return new Finding(e.query().name(), rule, rule.severity(), message, evidence);
    }

    /** A plan's nodes in order, for a message: {@code Hash Join, Seq Scan on public.job j, Hash, ...}. */
    private static String scans(PlanNode root) {
        List<String> labels = root.flatten().stream().map(PlanNode::label).toList();
        return labels.size() <= 8 ? String.join(", ", labels)
                : String.join(", ", labels.subList(0, 8)) + ", ... (" + labels.size() + " nodes)";
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }

    private static String cost(double cost) {
        return String.format(Locale.ROOT, "%,.0f", cost);
    }

    private static String percent(double fraction) {
        return fraction >= 0.01 ? String.format(Locale.ROOT, "%.1f", fraction * 100)
                : String.format(Locale.ROOT, "%.2f", fraction * 100);
    }
}
