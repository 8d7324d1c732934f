package io.querygov.cli.dashboard;

import io.querygov.cli.dashboard.StatementSampler.History;
import io.querygov.cli.dashboard.StatementSampler.Interval;
import io.querygov.cli.dashboard.StatementSampler.Statement;
import io.querygov.cli.report.Charts;
import io.querygov.cli.report.HtmlBuilder;
import io.querygov.cli.report.HtmlBuilder.Figure;
import io.querygov.core.QueryDescriptor;
import io.querygov.inspect.StatementStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The queries page: what pg_stat_statements saw over the intervals kept (up to an hour), per statement: calls/s and
 * mean time as sparklines, share of all execution time, and for registered queries the intervals whose mean was above
 * the query's slow threshold. Registered statements are always listed; of the others, the {@value #OTHERS_SHOWN} that
 * took the most time.
 */
final class QueriesPage {
    static final int OTHERS_SHOWN = 100;

    private QueriesPage() {
    }

    /** One statement's figures over the window. */
    private static final class Row {
        final Statement statement;
        long calls;
        double totalMillis;
        double[] callsPerSecond;
        double[] meanMillis;
        int slowIntervals;
        double thresholdMillis = Double.NaN;

        Row(Statement statement) {
            this.statement = statement;
        }
    }

    static String render(Dashboard dashboard) {
        History history = dashboard.history();
        HtmlBuilder html = new HtmlBuilder(64 * 1024);
        Charts charts = new Charts();
        if (history.problem() != null) {
            html.element("p", "pg_stat_statements cannot be read: " + dashboard.redact(history.problem()),
                    "class", "notice warning", "id", "problem");
        }
        List<Interval> intervals = history.intervals();
        int n = intervals.size();
        Row[] rows = new Row[history.statements().size()];
        for (Statement s : history.statements()) {
            rows[s.id()] = new Row(s);
        }
        double total = 0;
        if (n > 0) {
            for (int i = 0; i < n; i++) {
                Interval interval = intervals.get(i);
                for (int j = 0; j < interval.statement().length; j++) {
                    Row row = rows[interval.statement()[j]];
                    row.calls += interval.calls()[j];
                    row.totalMillis += interval.totalMillis()[j];
                    total += interval.totalMillis()[j];
                }
            }
        } else if (history.latest() != null) {
            // no interval yet: what pg_stat_statements counted since its last reset
            for (StatementStats e : history.latest().entries()) {
                total += e.totalExecTimeMillis();
            }
            return sinceReset(dashboard, history, html, charts, total);
        }

        List<Row> shown = pick(dashboard, rows);
        double[] seconds = new double[n];
        List<Double> x = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            seconds[i] = intervals.get(i).seconds();
            x.add(secondsAgo(intervals.get(n - 1), intervals.get(i)));
        }
        Row[] byId = new Row[rows.length];
        for (Row row : shown) {
            row.callsPerSecond = new double[n];
            row.meanMillis = new double[n];
            Arrays.fill(row.meanMillis, Double.NaN);
            byId[row.statement.id()] = row;
            Optional<QueryDescriptor> query = registered(dashboard, row.statement);
            query.ifPresent(q -> row.thresholdMillis = dashboard.slowQueries().thresholdNanos(q) / 1e6);
        }
        for (int i = 0; i < n; i++) {
            Interval interval = intervals.get(i);
            for (int j = 0; j < interval.statement().length; j++) {
                Row row = byId[interval.statement()[j]];
                if (row == null) {
                    continue;
                }
                long calls = interval.calls()[j];
                row.callsPerSecond[i] = calls / seconds[i];
                double mean = calls == 0 ? Double.NaN : interval.totalMillis()[j] / calls;
                row.meanMillis[i] = mean;
                if (!Double.isNaN(row.thresholdMillis) && mean > row.thresholdMillis) {
                    row.slowIntervals++;
                }
            }
        }

        long slowStatements = shown.stream().filter(r -> r.slowIntervals > 0).count();
        double windowSeconds = Arrays.stream(seconds).sum();
        html.open("p", "id", "summary").text(String.format(Locale.ROOT, "Over the last %s (%d intervals of %s):"
                        + " %,d statements ran, %.1f s of execution time. ", span(windowSeconds), n,
                span(history.interval().toMillis() / 1000.0), Arrays.stream(rows).filter(r -> r.calls > 0).count(),
                total / 1000))
                .element("span", slowStatements + (slowStatements == 1 ? " registered statement" : " registered"
                        + " statements") + " had a mean above the slow threshold of its type in the last hour.",
                        "class", slowStatements > 0 ? "slow" : null, "id", "slow-count")
                .close("p");
        table(dashboard, html, charts, shown, x, total, true);
        int others = (int) Arrays.stream(rows).filter(r -> r.calls > 0).count() - shown.size();
        if (others > 0) {
            html.element("p", String.format(Locale.ROOT, "%,d more statements not shown: they took less time.",
                    others), "class", "muted");
        }
        return Pages.render(dashboard, "Queries", "queries", html, charts);
    }

    private static String sinceReset(Dashboard dashboard, History history, HtmlBuilder html, Charts charts,
                                     double total) {
        html.element("p", "First reading taken; figures over intervals follow after the next one (every "
                + span(history.interval().toMillis() / 1000.0) + "). Until then, what pg_stat_statements counted"
                + " since its last reset:", "class", "notice", "id", "summary");
        Row[] rows = new Row[history.statements().size()];
        for (Statement s : history.statements()) {
            rows[s.id()] = new Row(s);
        }
        java.util.Map<Long, Row> byQueryId = new java.util.HashMap<>();
        for (Row row : rows) {
            byQueryId.putIfAbsent(row.statement.queryId(), row);
        }
        for (StatementStats e : history.latest().entries()) {
            Row row = byQueryId.get(e.queryId());
            if (row != null) {
                row.calls += e.calls();
                row.totalMillis += e.totalExecTimeMillis();
            }
        }
        table(dashboard, html, charts, pick(dashboard, rows), List.of(), total, false);
        return Pages.render(dashboard, "Queries", "queries", html, charts);
    }

    /** Registered statements, then the others that took most time, all by time taken. */
    private static List<Row> pick(Dashboard dashboard, Row[] rows) {
        List<Row> registered = new ArrayList<>();
        List<Row> others = new ArrayList<>();
        for (Row row : rows) {
            if (row.calls <= 0) {
                continue;
            }
            (row.statement.queryName() != null ? registered : others).add(row);
        }
        Comparator<Row> byTime = Comparator.comparingDouble((Row r) -> r.totalMillis).reversed();
        others.sort(byTime);
        List<Row> shown = new ArrayList<>(registered);
        shown.addAll(others.subList(0, Math.min(OTHERS_SHOWN, others.size())));
        shown.sort(byTime);
        return shown;
    }

    private static Optional<QueryDescriptor> registered(Dashboard dashboard, Statement s) {
        return s.queryName() == null ? Optional.empty() : dashboard.catalog().find(s.queryName());
    }

    private static void table(Dashboard dashboard, HtmlBuilder html, Charts charts, List<Row> shown, List<Double> x,
                              double total, boolean sparklines) {
        html.open("table", "class", "statements", "id", "statements");
        if (sparklines) {
            html.headerRow("query", "statement", "calls", "calls/s", "", "mean ms", "", "share", "slow intervals");
        } else {
            html.headerRow("query", "statement", "calls", "mean ms", "share");
        }
        int index = 0;
        for (Row row : shown) {
            Statement s = row.statement;
            html.open("tr", "data-queryid", Long.toString(s.queryId()));
            html.open("td");
            if (s.queryName() != null) {
                html.element("a", s.queryName(), "href", Pages.queryPath(s.queryName()));
            } else {
                html.element("span", "-", "class", "muted");
            }
            html.close("td");
            String text = dashboard.redact(s.text());
            html.element("td", Pages.oneLine(text, 110), "class", "sql", "title", Pages.oneLine(text, 2000));
            html.element("td", new Figure(String.format(Locale.ROOT, "%,d", row.calls)), "class", "num");
            double mean = row.calls == 0 ? 0 : row.totalMillis / row.calls;
            if (sparklines) {
                String key = "s" + index++;
                charts.sparkline(key + "c", x, Arrays.stream(row.callsPerSecond).map(v -> Math.round(v * 100) / 100.0)
                        .boxed().toList());
                charts.sparkline(key + "m", x, Arrays.stream(row.meanMillis).boxed()
                        .map(v -> v.isNaN() ? null : Math.round(v * 1e4) / 1e4).toList());
                html.open("td").open("span", "class", "spark", "data-chart", key + "c").close("span").close("td");
                html.element("td", new Figure(String.format(Locale.ROOT, "%.1f", avg(row.callsPerSecond))),
                        "class", "num");
                html.open("td").open("span", "class", "spark", "data-chart", key + "m").close("span").close("td");
                html.element("td", new Figure(String.format(Locale.ROOT, "%.3f", mean)), "class", "num");
                html.element("td", share(row.totalMillis, total), "class", "num");
                html.element("td", Double.isNaN(row.thresholdMillis) ? "" : row.slowIntervals + " above "
                        + threshold(row.thresholdMillis), "class", row.slowIntervals > 0 ? "slow" : "muted");
            } else {
                html.element("td", new Figure(String.format(Locale.ROOT, "%.3f", mean)), "class", "num");
                html.element("td", share(row.totalMillis, total), "class", "num");
            }
            html.close("tr");
        }
        html.close("table");
        if (shown.isEmpty()) {
            html.element("p", "No statement has run yet.", "class", "muted");
        }
    }

    private static Figure share(double millis, double total) {
        return new Figure(String.format(Locale.ROOT, "%.1f%%", total == 0 ? 0 : 100 * millis / total));
    }

    private static double avg(double[] values) {
        return values.length == 0 ? 0 : Arrays.stream(values).sum() / values.length;
    }

    private static String threshold(double millis) {
        return millis >= 1000 ? String.format(Locale.ROOT, "%.0f s", millis / 1000)
                : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    /** The end of an interval as seconds before the end of the last, to a tenth: the sparklines' x. */
    static double secondsAgo(Interval last, Interval interval) {
        return Math.round(java.time.Duration.between(last.to(), interval.to()).toMillis() / 100.0) / 10.0;
    }

    static String span(double seconds) {
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
        }
        if (seconds >= 120) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.0f s", seconds);
    }
}
