package io.querygov.cli.report;

import io.querygov.bench.BaselineComparison;
import io.querygov.bench.BenchReport;
import io.querygov.bench.BenchStatus;
import io.querygov.bench.GateProblem;
import io.querygov.bench.GateResult;
import io.querygov.bench.LatencySummary;
import io.querygov.bench.QueryBenchResult;
import io.querygov.bench.QueryComparison;
import io.querygov.bench.Verdict;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.HdrHistogram.Histogram;

/**
 * The HTML report of a bench run: the run's facts, a table of every query, and per query its latency percentile
 * spectrum (with the baseline's overlaid), its verdict with the reason, calls/s, rows and errors.
 *
 * <pre>{@code
 * String html = BenchReportPage.builder(run).baseline(base, comparison, "base.json").target(target.description())
 *         .redactor(secrets::redact).build().render();
 * }</pre>
 */
public final class BenchReportPage {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Builder b;

    private BenchReportPage(Builder b) {
        this.b = b;
    }

    public static Builder builder(BenchReport run) {
        return new Builder(run);
    }

    /** The whole document. */
    public String render() {
        BenchReport run = b.run;
        HtmlBuilder html = new HtmlBuilder(32_768);
        Charts charts = new Charts();

        html.element("h2", "Run");
        Map<String, String> about = new LinkedHashMap<>();
        about.put("started", TIME.format(run.startedAt()));
        about.put("took", seconds(Duration.between(run.startedAt(), run.finishedAt())));
        if (b.target != null) {
            about.put("target", b.target);
        }
        if (b.catalog != null) {
            about.put("catalog", b.catalog);
        }
        if (b.options != null) {
            about.put("options", b.options);
        }
        if (b.baselineSource != null) {
            about.put("baseline", b.baselineSource + " (run of " + TIME.format(b.baseline.startedAt())
                    + "), judged by " + b.comparison.statistic().label() + " within " + b.comparison.tolerance());
        }
        Sections.facts(html, about, b.redactor);

        if (b.gate != null) {
            gate(html, b.gate);
        } else if (b.comparison != null) {
            comparison(html);
        }
        summary(html);
        int index = 0;
        for (QueryBenchResult q : run.queries()) {
            query(html, charts, q, "q" + index++);
        }
        if (b.comparison != null) {
            for (QueryComparison row : b.comparison.rows()) {
                if (row.current().isEmpty()) {
                    query(html, charts, row.baseline().orElseThrow(), "q" + index++);
                }
            }
        }

        html.element("h2", "Environment");
        html.element("p", "Server version and settings, JVM, operating system and processors, as the run recorded"
                + " them.", "class", "muted");
        Sections.facts(html, run.environment(), b.redactor);

        Page page = new Page(b.title, html).data(charts.data());
        page.header().element("h1", b.title).element("div", run.queries().size() + " queries, "
                + TIME.format(run.startedAt()) + (b.target == null ? "" : ", " + b.redactor.apply(b.target)), "class",
                "sub");
        return page.render();
    }

    /** The gate's outcome and every reason it gave, as the command printed them. */
    private void gate(HtmlBuilder html, GateResult gate) {
        html.element("h2", "Verdict");
        html.open("p", "id", "gate").element("span", gate.outcome().name(), "class", "verdict verdict-"
                + (gate.passed() ? "SAME" : "REGRESSION")).text(gate.passed() ? ": no query failed, none failed"
                + " more often than " + gate.maxErrorRate() + (b.comparison == null ? "" : ", none regressed beyond "
                + b.comparison.tolerance()) : "").close("p");
        if (!gate.problems().isEmpty()) {
            html.open("ul", "class", "problems");
            for (GateProblem problem : gate.problems()) {
                html.open("li").element("strong", problem.kind().name()).text(" " + b.redactor.apply(
                        problem.toString())).close("li");
            }
            html.close("ul");
        }
        if (b.comparison != null) {
            for (String note : b.comparison.notes()) {
                html.element("p", "note: " + b.redactor.apply(note), "class", "warning");
            }
        }
    }

    private void comparison(HtmlBuilder html) {
        BaselineComparison c = b.comparison;
        html.element("h2", "Verdict");
        if (c.hasRegression()) {
            html.open("p", "class", "verdict verdict-REGRESSION").text("REGRESSION: " + String.join(", ",
                    c.failures().stream().map(f -> f.name() + " " + f.verdict().name().toLowerCase(Locale.ROOT))
                            .toList())).close("p");
        } else {
            html.element("p", "no regression beyond " + c.tolerance(), "class", "verdict verdict-SAME");
        }
        for (String note : c.notes()) {
            html.element("p", "note: " + b.redactor.apply(note), "class", "warning");
        }
    }

    private void summary(HtmlBuilder html) {
        html.element("h2", "Queries");
        boolean judged = b.comparison != null;
        html.open("table", "class", "summary");
        List<Object> head = new ArrayList<>(List.of("query", "type", "calls", "calls/s", "errors", "rows/call",
                "p50 ms", "p95 ms", "p99 ms", "p99.9 ms", "max ms"));
        if (judged) {
            head.add("verdict");
            head.add("reason");
        }
        html.headerRow(head.toArray());
        for (QueryBenchResult q : b.run.queries()) {
            html.open("tr");
            html.open("td").open("a", "href", "#" + anchor(q.name())).text(q.name()).close("a").close("td");
            html.element("td", q.type().name());
            LatencySummary l = q.latency();
            boolean m = q.isMeasured();
            cell(html, m ? Figures.count(q.calls()) : "-");
            cell(html, m ? Figures.decimal(q.throughputPerSecond(), 1) : "-");
            cell(html, Figures.count(q.errors()));
            cell(html, m ? Figures.decimal(q.rowsPerCall(), 1) : "-");
            for (double v : new double[] {l.p50Micros(), l.p95Micros(), l.p99Micros(), l.p999Micros(), l.maxMicros()}) {
                cell(html, m ? Figures.millis(v) : "-");
            }
            if (judged) {
                Optional<QueryComparison> row = b.comparison.row(q.name());
                verdictCells(html, row);
            }
            html.close("tr");
        }
        html.close("table");
    }

    private void verdictCells(HtmlBuilder html, Optional<QueryComparison> row) {
        if (row.isEmpty()) {
            html.element("td", "-").element("td", "");
            return;
        }
        Verdict v = row.get().verdict();
        html.element("td", v.name(), "class", "verdict verdict-" + v.name());
        html.element("td", b.redactor.apply(Verdicts.reason(row.get(), b.comparison)));
    }

    private static void cell(HtmlBuilder html, Object value) {
        html.element("td", value, "class", "num");
    }

    private void query(HtmlBuilder html, Charts charts, QueryBenchResult q, String key) {
        html.open("section", "class", "query", "id", anchor(q.name()), "data-query", q.name());
        html.open("h2").text(q.name()).text(" ").element("span", q.type().name(), "class", "muted").close("h2");
        Optional<QueryComparison> row = b.comparison == null ? Optional.empty() : b.comparison.row(q.name());
        row.ifPresent(r -> html.open("p").element("span", r.verdict().name(), "class", "verdict verdict-"
                + r.verdict().name()).text(": " + b.redactor.apply(Verdicts.reason(r, b.comparison))).close("p"));
        boolean current = b.run.find(q.name()).filter(r -> r == q).isPresent();
        if (!current) {
            html.element("p", "Only in the baseline: not measured in this run.", "class", "warning");
        }
        if (q.isMeasured()) {
            LatencySummary l = q.latency();
            html.element("p", String.format(Locale.ROOT, "%,d calls, %.1f calls/s, %.1f rows per call, %,d errors"
                            + " (%.2f%%); mean %.3f ms, p50 %.3f, p95 %.3f, p99 %.3f, p99.9 %.3f, max %.3f ms",
                    q.calls(), q.throughputPerSecond(), q.rowsPerCall(), q.errors(), q.errorRate() * 100,
                    l.meanMicros() / 1e3, l.p50Micros() / 1e3, l.p95Micros() / 1e3, l.p99Micros() / 1e3,
                    l.p999Micros() / 1e3, l.maxMicros() / 1e3));
            q.rate().ifPresent(r -> html.element("p", String.format(Locale.ROOT, "rate %.1f/s: latency counted from"
                            + " each call's intended start; schedule lag mean %.3f ms, max %.3f ms; %,d missed starts",
                    r.targetPerSecond(), r.scheduleLag().meanMicros() / 1e3, r.scheduleLag().maxMicros() / 1e3,
                    r.missedStarts()), "class", "muted"));
        } else {
            html.element("p", q.status() == BenchStatus.UNSUPPORTED ? "not run: no runner for " + q.type()
                    : "FAILED", "class", "verdict status-" + q.status().name());
        }
        q.firstError().ifPresent(e -> html.open("p").element("span", q.isMeasured() ? "first error: " : "error: ",
                "class", "warning").element("code", b.redactor.apply(e.toString())).close("p"));

        List<String> labels = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        labels.add(current ? "this run" : "baseline");
        histograms.add(q.isMeasured() ? q.decodeLatencyHistogram() : null);
        if (current && row.isPresent() && row.get().baseline().filter(QueryBenchResult::isMeasured).isPresent()) {
            labels.add("baseline");
            histograms.add(row.get().baseline().get().decodeLatencyHistogram());
        }
        if (charts.spectrum(key, labels, histograms)) {
            html.element("h3", "Latency by percentile");
            Sections.chart(html, key, "chart spectrum");
        }
        b.statements.apply(q.name()).ifPresent(sql -> html.open("details").element("summary", "statement")
                .element("pre", b.redactor.apply(sql)).close("details"));
        html.close("section");
    }

    /** A fragment identifier for a query's section. */
    static String anchor(String name) {
        return "query-" + name.replaceAll("[^A-Za-z0-9_.:-]", "_");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** What goes into a report besides the run. */
    public static final class Builder {
        private final BenchReport run;
        private String title = "querytool bench";
        private BenchReport baseline;
        private BaselineComparison comparison;
        private GateResult gate;
        private String baselineSource;
        private String target;
        private String catalog;
        private String options;
        private Function<String, Optional<String>> statements = name -> Optional.empty();
        private UnaryOperator<String> redactor = UnaryOperator.identity();

        private Builder(BenchReport run) {
            this.run = Objects.requireNonNull(run, "run");
        }

        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /** The run compared with, its comparison with this run, and where it was read from. */
        public Builder baseline(BenchReport baseline, BaselineComparison comparison, String source) {
            this.baseline = Objects.requireNonNull(baseline, "baseline");
            this.comparison = Objects.requireNonNull(comparison, "comparison");
            this.baselineSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The gate's judgement of the run: its outcome and every problem with its reason. */
        public Builder gate(GateResult gate) {
            this.gate = Objects.requireNonNull(gate, "gate");
            return this;
        }

        // A builder like the libraries' own (query-core's, query-bench's, query-cache's) on purpose: a report's
        // optional parts, set by name.
        /** What the run ran against, safe to print. */
        public Builder target(String target) {
            this.target = target;
            return this;
        }

        public Builder catalog(String catalog) {
            this.catalog = catalog;
            return this;
        }

        /** The run's options in words. */
        public Builder options(String options) {
            this.options = options;
            return this;
        }

        /** Each query's statement text, shown under its chart. */
        public Builder statements(Function<String, Optional<String>> statements) {
            this.statements = Objects.requireNonNull(statements, "statements");
            return this;
        }

        /**
         * Applied to every text that did not come from querytool itself (statements, error messages, facts) before
         * it is escaped: the run's passwords are masked by it.
         */
        public Builder redactor(UnaryOperator<String> redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        public BenchReportPage build() {
            return new BenchReportPage(this);
        }
    }
}
