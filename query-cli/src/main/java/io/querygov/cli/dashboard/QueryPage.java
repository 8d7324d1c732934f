package io.querygov.cli.dashboard;

import io.querygov.bench.BenchOptions;
import io.querygov.bench.LatencySummary;
import io.querygov.bench.QueryBenchResult;
import io.querygov.cli.dashboard.StatementSampler.History;
import io.querygov.cli.dashboard.StatementSampler.Interval;
import io.querygov.cli.dashboard.StatementSampler.Statement;
import io.querygov.cli.internal.DurationConverter;
import io.querygov.cli.report.Charts;
import io.querygov.cli.report.HtmlBuilder;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.inspect.CheckResult;
import io.querygov.inspect.ExplainResult;
import io.querygov.inspect.PlanNode;
import io.querygov.inspect.PlanWarning;
import io.querygov.inspect.QueryPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A query's page: its statement, declared parameters, what pg_stat_statements saw of it, its plan (EXPLAIN on
 * demand, ANALYZE on a button for reads), and its latest benchmark here with a button to run another.
 */
final class QueryPage {
    private QueryPage() {
    }

    static String render(Dashboard dashboard, QueryDescriptor query, String token) {
        HtmlBuilder html = new HtmlBuilder(16 * 1024);
        Charts charts = new Charts();
        about(dashboard, html, query);
        statistics(dashboard, html, charts, query);
        plan(dashboard, html, query, token);
        bench(dashboard, html, charts, query, token);
        return Pages.render(dashboard, query.name(), "query", html, charts);
    }

    private static void about(Dashboard dashboard, HtmlBuilder html, QueryDescriptor query) {
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        facts.put("type", query.type().name());
        facts.put("language", query.language().name());
        facts.put("origin", query.originOrUnknown());
        query.description().ifPresent(d -> facts.put("description", d));
        if (!query.tags().isEmpty()) {
            facts.put("tags", String.join(", ", query.tags()));
        }
        facts.put("slow threshold", dashboard.slowQueries().threshold(query).toMillis() + " ms");
        query.timeout().ifPresent(t -> facts.put("timeout", t.toMillis() + " ms"));
        io.querygov.cli.report.Sections.facts(html, facts, dashboard::redact);
        html.element("h2", "Statement");
        html.element("pre", query.statement().map(dashboard::redact).orElse("(no statement: known by name only)"),
                "id", "statement");
        html.element("h2", "Parameters");
        if (query.parameters().isEmpty()) {
            html.element("p", "none", "class", "muted");
        } else {
            html.open("table", "id", "parameters").headerRow("name", "type", "sampler");
            for (QueryParameter p : query.parameters()) {
                html.row(p.name(), p.sqlType() == null ? "-" : p.sqlType(), p.sampler() == null ? "-"
                        : dashboard.redact(String.valueOf(p.sampler())));
            }
            html.close("table");
        }
        dashboard.checks().of(query.name()).ifPresent(c -> check(html, c));
    }

    private static void check(HtmlBuilder html, CheckResult c) {
        html.open("p").text("check: ").element("span", c.status().name(), "class", "status-" + c.status().name());
        if (c.failure() != null) {
            html.text(" " + c.failure().message() + " (SQLSTATE " + c.failure().sqlState() + ") at "
                    + c.failure().location());
        } else if (c.skipReason() != null) {
            html.text(" " + c.skipReason());
        }
        html.close("p");
    }

    private static void statistics(Dashboard dashboard, HtmlBuilder html, Charts charts, QueryDescriptor query) {
        html.element("h2", "pg_stat_statements");
        History history = dashboard.history();
        Set<Integer> mine = new HashSet<>();
        for (Statement s : history.statements()) {
            if (query.name().equals(s.queryName())) {
                mine.add(s.id());
            }
        }
        if (mine.isEmpty()) {
            html.element("p", history.problem() != null ? "pg_stat_statements cannot be read: "
                    + dashboard.redact(history.problem()) : "No statement of pg_stat_statements matches this query yet.",
                    "class", "muted", "id", "stat-statements");
            return;
        }
        List<Interval> intervals = history.intervals();
        List<Double> x = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        long calls = 0;
        double total = 0;
        for (Interval interval : intervals) {
            long c = 0;
            double t = 0;
            for (int j = 0; j < interval.statement().length; j++) {
                if (mine.contains(interval.statement()[j])) {
                    c += interval.calls()[j];
                    t += interval.totalMillis()[j];
                }
            }
            calls += c;
            total += t;
            x.add(QueriesPage.secondsAgo(intervals.get(intervals.size() - 1), interval));
            rate.add(Math.round(c / interval.seconds() * 100) / 100.0);
            mean.add(c == 0 ? null : Math.round(t / c * 1e4) / 1e4);
        }
        html.element("p", String.format(Locale.ROOT, "Over the last %s: %,d calls, mean %.3f ms.",
                QueriesPage.span(intervals.stream().mapToDouble(Interval::seconds).sum()), calls,
                calls == 0 ? 0 : total / calls), "id", "stat-statements");
        if (!intervals.isEmpty()) {
            charts.sparkline("rate", x, rate);
            charts.sparkline("mean", x, mean);
            html.open("p").text("calls/s ").open("span", "class", "spark", "data-chart", "rate").close("span")
                    .text(" mean ms ").open("span", "class", "spark", "data-chart", "mean").close("span").close("p");
        }
    }

    private static void plan(Dashboard dashboard, HtmlBuilder html, QueryDescriptor query, String token) {
        html.open("h2", "id", "plan").text("Plan").close("h2");
        String action = Pages.queryPath(query.name()) + "/explain";
        html.open("form", "method", "post", "action", action, "class", "inline");
        html.open("input", "type", "hidden", "name", "token", "value", token);
        html.element("button", "EXPLAIN", "type", "submit", "name", "analyze", "value", "false", "id", "explain");
        html.close("form");
        if (Dashboard.reads(query)) {
            html.open("form", "method", "post", "action", action, "class", "inline");
            html.open("input", "type", "hidden", "name", "token", "value", token);
            html.element("button", "EXPLAIN ANALYZE (rolled back)", "type", "submit", "name", "analyze", "value",
                    "true", "class", "secondary", "id", "explain-analyze");
            html.close("form");
        } else {
            html.element("span", "ANALYZE is offered only for statements that read.", "class", "muted");
        }
        dashboard.plan(query.name()).ifPresent(p -> {
            html.element("p", (p.analyze() ? "EXPLAIN ANALYZE, rolled back, at " : "EXPLAIN at ")
                    + Pages.TIME.format(p.at()), "class", "muted");
            if (p.problem() != null) {
                html.element("p", p.problem(), "class", "warning", "id", "plan-problem");
            } else {
                planTree(dashboard, html, p.result());
            }
        });
    }

    private static void planTree(Dashboard dashboard, HtmlBuilder html, ExplainResult result) {
        if (!result.parameters().isEmpty()) {
            html.element("p", "with " + result.parameters().entrySet().stream()
                    .map(e -> e.getKey() + " = " + dashboard.redact(e.getValue())).collect(Collectors.joining(", ")),
                    "class", "muted");
        }
        QueryPlan plan = result.plan();
        Map<Integer, List<PlanWarning>> warned = result.warnings().stream()
                .collect(Collectors.groupingBy(PlanWarning::nodeId));
        html.open("div", "class", "plan", "id", "plan-tree").open("ul");
        node(dashboard, html, plan.root(), warned);
        html.close("ul").close("div");
        if (plan.planningTimeMillis() != null || plan.executionTimeMillis() != null) {
            html.element("p", String.format(Locale.ROOT, "planning %.3f ms%s", plan.planningTimeMillis() == null ? 0
                    : plan.planningTimeMillis(), plan.executionTimeMillis() == null ? ""
                    : String.format(Locale.ROOT, ", execution %.3f ms", plan.executionTimeMillis())), "class", "muted");
        }
        if (result.warnings().isEmpty()) {
            html.element("p", "No warnings.", "class", "muted", "id", "plan-warnings");
        } else {
            html.open("ul", "id", "plan-warnings");
            for (PlanWarning w : result.warnings()) {
                html.open("li", "class", "warning").element("strong", w.kind().name()).text(" on " + w.node() + ": "
                        + dashboard.redact(w.message())).close("li");
            }
            html.close("ul");
        }
        if (result.genericPlanNote() != null) {
            html.element("p", "generic plan: " + dashboard.redact(result.genericPlanNote()), "class", "muted");
        }
    }

    private static void node(Dashboard dashboard, HtmlBuilder html, PlanNode node,
                             Map<Integer, List<PlanWarning>> warned) {
        html.open("li");
        html.element("span", node.label(), "class", "node");
        html.element("span", String.format(Locale.ROOT, "  cost %.2f..%.2f, %s rows", node.startupCost(),
                node.totalCost(), fmt(node.planRows())), "class", "muted");
        if (node.analyzed()) {
            html.element("span", String.format(Locale.ROOT, "; actual %.3f ms, %s rows, %d loops",
                    node.actualTotalTimeMillis() == null ? 0 : node.actualTotalTimeMillis(),
                    node.actualRows() == null ? "-" : fmt(node.actualRows()), node.actualLoops()));
        }
        if (node.indexCondition() != null) {
            html.open("div", "class", "muted").text("index cond: " + dashboard.redact(node.indexCondition()))
                    .close("div");
        }
        if (node.filter() != null) {
            html.open("div", "class", "muted").text("filter: " + dashboard.redact(node.filter())).close("div");
        }
        for (PlanWarning w : warned.getOrDefault(node.id(), List.of())) {
            html.element("div", "\u26a0 " + w.kind().name() + ": " + dashboard.redact(w.message()), "class", "warning");
        }
        if (!node.children().isEmpty()) {
            html.open("ul");
            for (PlanNode child : node.children()) {
                node(dashboard, html, child, warned);
            }
            html.close("ul");
        }
        html.close("li");
    }

    private static String fmt(double rows) {
        return rows == Math.rint(rows) ? String.format(Locale.ROOT, "%,.0f", rows)
                : String.format(Locale.ROOT, "%,.1f", rows);
    }

    private static void bench(Dashboard dashboard, HtmlBuilder html, Charts charts, QueryDescriptor query,
                              String token) {
        html.element("h2", "Benchmark");
        BenchOptions options = dashboard.benches().options();
        html.open("p");
        html.element("button", "Benchmark this query", "type", "button", "id", "bench",
                "data-bench", Pages.queryPath(query.name()) + "/bench", "data-token", token, "data-status",
                "bench-status", "data-progress", "bench-progress");
        html.text(" ").open("progress", "id", "bench-progress", "max", "1", "value", "0").close("progress");
        html.text(" ").element("span", "", "id", "bench-status", "class", "muted");
        html.close("p");
        String measured = options.length() instanceof BenchOptions.Length.ForDuration d
                ? DurationConverter.format(d.duration()) + " measured"
                : ((BenchOptions.Length.ForIterations) options.length()).callsPerThread() + " calls measured";
        html.element("p", "warmup " + DurationConverter.format(options.warmup()) + " and at least "
                + options.warmupIterations() + " calls, then " + measured + " on " + options.concurrency()
                + (options.concurrency() == 1 ? " connection" : " connections") + "; writes are rolled back.",
                "class", "muted");
        dashboard.benches().latest(query.name()).ifPresentOrElse(r -> latest(dashboard, html, charts, r),
                () -> html.element("p", "Not benchmarked here yet.", "class", "muted", "id", "bench-latest"));
    }

    private static void latest(Dashboard dashboard, HtmlBuilder html, Charts charts, QueryBenchResult r) {
        if (!r.isMeasured()) {
            html.element("p", r.status().name() + r.firstError().map(e -> ": " + dashboard.redact(e.toString()))
                    .orElse(""), "class", "warning", "id", "bench-latest");
            return;
        }
        LatencySummary l = r.latency();
        html.element("p", String.format(Locale.ROOT, "Latest: %,d calls, %.1f calls/s, %,d errors, %.1f rows per"
                        + " call; p50 %.3f, p95 %.3f, p99 %.3f, max %.3f ms", r.calls(), r.throughputPerSecond(),
                r.errors(), r.rowsPerCall(), l.p50Micros() / 1e3, l.p95Micros() / 1e3, l.p99Micros() / 1e3,
                l.maxMicros() / 1e3), "id", "bench-latest");
        if (charts.spectrum("spectrum", List.of("latest"), List.of(r.decodeLatencyHistogram()))) {
            html.open("div", "class", "chart spectrum", "data-chart", "spectrum").close("div");
        }
    }
}
