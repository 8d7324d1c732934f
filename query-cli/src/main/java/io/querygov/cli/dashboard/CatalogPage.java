package io.querygov.cli.dashboard;

import io.querygov.cli.report.HtmlBuilder;
import io.querygov.core.QueryDescriptor;
import io.querygov.inspect.CheckResult;
import io.querygov.inspect.CheckStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every registered query with the result of checking its statement against the target (Parse/Describe only). */
final class CatalogPage {
    private CatalogPage() {
    }

    static String render(Dashboard dashboard, String token) {
        Dashboard.Checks checks = dashboard.checks();
        HtmlBuilder html = new HtmlBuilder(16 * 1024);
        Map<CheckStatus, Integer> counts = new EnumMap<>(CheckStatus.class);
        checks.results().forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        html.open("p", "id", "summary").text(dashboard.catalog().size() + " registered queries, checked at "
                + Pages.TIME.format(checks.at()) + ": " + counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", ")) + " ");
        html.open("form", "method", "post", "action", "/catalog/check", "class", "inline");
        html.open("input", "type", "hidden", "name", "token", "value", token);
        html.element("button", "Check again", "type", "submit", "class", "secondary", "id", "recheck");
        html.close("form").close("p");
        if (checks.problem() != null) {
            html.element("p", "The check could not run: " + checks.problem(), "class", "notice warning");
        }
        html.open("table", "id", "catalog").headerRow("query", "type", "origin", "parameters", "check", "detail");
        for (QueryDescriptor q : dashboard.catalog()) {
            Optional<CheckResult> c = checks.of(q.name());
            html.open("tr", "data-query", q.name());
            html.open("td").element("a", q.name(), "href", Pages.queryPath(q.name())).close("td");
            html.element("td", q.type().name());
            html.element("td", q.originOrUnknown());
            html.element("td", q.parameters().stream().map(p -> p.name() + (p.sqlType() == null ? "" : " "
                    + p.sqlType())).collect(Collectors.joining(", ")));
            String status = c.map(r -> r.status().name()).orElse("-");
            html.element("td", status, "class", "status-" + status);
            html.element("td", dashboard.redact(c.map(CatalogPage::detail).orElse("")));
            html.close("tr");
        }
        html.close("table");
        return Pages.render(dashboard, "Catalog", "catalog", html, new io.querygov.cli.report.Charts());
    }

    private static String detail(CheckResult r) {
        return switch (r.status()) {
            case OK -> r.columns().isEmpty() ? "no result columns" : r.columns().size() + " columns: "
                    + r.columns().stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "));
            case FAILED -> r.failure().message() + " (SQLSTATE " + r.failure().sqlState() + ") at "
                    + r.failure().location();
            case SKIPPED -> r.skipReason();
        };
    }
}
