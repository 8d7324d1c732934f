package io.querygov.cli.report;

import java.util.Map;
import java.util.function.UnaryOperator;

/** Parts that several pages share. */
public final class Sections {
    private Sections() {
    }

    /** A two-column table of facts; every value passes through {@code redact} first. */
    public static void facts(HtmlBuilder html, Map<String, String> facts, UnaryOperator<String> redact) {
        html.open("table", "class", "facts");
        facts.forEach((key, value) -> html.row(key, redact.apply(value)));
        html.close("table");
    }

    /** An element to draw a chart in. */
    public static void chart(HtmlBuilder html, String key, String cssClass) {
        html.open("div", "class", cssClass, "data-chart", key).close("div");
    }
}
