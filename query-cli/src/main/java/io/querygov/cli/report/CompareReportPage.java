package io.querygov.cli.report;

import io.querygov.bench.QueryBenchResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The HTML report of {@code compare}: per group, the variants' p50 and p95 as bars side by side, with their ratio to
 * the reference and whether they return the same rows; then the run's facts.
 */
public final class CompareReportPage {
    private final List<CompareGroup> groups;
    private final Instant startedAt;
    private final String target;
    private final String options;
    private final Map<String, String> environment;
    private final UnaryOperator<String> redactor;

    /**
     * @param target what the run ran against, safe to print
     * @param options the run's options in words
     * @param environment server version and settings, JVM, machine
     * @param redactor applied to every text that did not come from querytool itself before it is escaped
     */
    public CompareReportPage(List<CompareGroup> groups, Instant startedAt, String target, String options,
                             Map<String, String> environment, UnaryOperator<String> redactor) {
        this.groups = List.copyOf(groups);
        this.startedAt = startedAt;
        this.target = target;
        this.options = options;
        this.environment = new LinkedHashMap<>(environment);
        this.redactor = redactor;
    }

    public String render() {
        HtmlBuilder html = new HtmlBuilder(16_384);
        Charts charts = new Charts();
        html.element("h2", "Run");
        Map<String, String> about = new LinkedHashMap<>();
        about.put("started", BenchReportPage.TIME.format(startedAt));
        about.put("target", target);
        about.put("options", options);
        Sections.facts(html, about, redactor);

        int index = 0;
        for (CompareGroup group : groups) {
            group(html, charts, group, "g" + index++);
        }

        html.element("h2", "Environment");
        Sections.facts(html, environment, redactor);
        String title = "querytool compare";
        Page page = new Page(title, html).data(charts.data());
        page.header().element("h1", title).element("div", groups.size() + (groups.size() == 1 ? " group, " : " groups, ")
                + BenchReportPage.TIME.format(startedAt), "class", "sub");
        return page.render();
    }

    private void group(HtmlBuilder html, Charts charts, CompareGroup group, String key) {
        html.open("section", "class", "query", "data-group", group.name());
        html.element("h2", group.name());
        html.element("p", "reference: " + group.variants().get(0).query().name() + "; ratios are each variant's"
                + " latency over the reference's", "class", "muted");
        List<String> labels = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p95 = new ArrayList<>();
        for (CompareGroup.Variant v : group.variants()) {
            labels.add(v.query().name());
            boolean m = v.result().isMeasured();
            p50.add(m ? v.result().latency().p50Micros() / 1e3 : null);
            p95.add(m ? v.result().latency().p95Micros() / 1e3 : null);
        }
        charts.bars(key, labels, List.of("p50", "p95"), List.of(p50, p95));
        Sections.chart(html, key, "chart bars");
        html.open("table", "class", "variants");
        html.headerRow("variant", "type", "calls", "calls/s", "errors", "p50 ms", "p95 ms", "p50 ratio", "p95 ratio",
                "same result");
        for (CompareGroup.Variant v : group.variants()) {
            QueryBenchResult r = v.result();
            boolean m = r.isMeasured();
            html.open("tr");
            html.element("td", v.query().name()).element("td", v.query().type().name());
            num(html, m ? Figures.count(r.calls()) : "-");
            num(html, m ? Figures.decimal(r.throughputPerSecond(), 1) : "-");
            num(html, Figures.count(r.errors()));
            num(html, m ? Figures.millis(r.latency().p50Micros()) : "-");
            num(html, m ? Figures.millis(r.latency().p95Micros()) : "-");
            num(html, Figures.ratio(v.p50Ratio()));
            num(html, Figures.ratio(v.p95Ratio()));
            String same = v.sameResult() == null ? "not compared" : redactor.apply(v.sameResult());
            html.element("td", same, "class", "verdict-" + same.split("[ :,]")[0]);
            html.close("tr");
        }
        html.close("table");
        for (CompareGroup.Variant v : group.variants()) {
            v.result().firstError().ifPresent(e -> html.open("p").element("span", v.query().name() + ": ", "class",
                    "warning").element("code", redactor.apply(e.toString())).close("p"));
        }
        for (CompareGroup.Variant v : group.variants()) {
            v.query().statement().ifPresent(sql -> html.open("details").element("summary", v.query().name()
                    + " (" + v.query().type().name().toLowerCase(Locale.ROOT) + ")").element("pre",
                    redactor.apply(sql)).close("details"));
        }
        html.close("section");
    }

    private static void num(HtmlBuilder html, Object value) {
        html.element("td", value, "class", "num");
    }
}
