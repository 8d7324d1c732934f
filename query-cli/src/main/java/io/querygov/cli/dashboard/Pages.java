package io.querygov.cli.dashboard;

import io.querygov.cli.report.Charts;
import io.querygov.cli.report.HtmlBuilder;
import io.querygov.cli.report.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The frame every dashboard page shares: title, the target, links to the other pages. */
final class Pages {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Pages() {
    }

    static String render(Dashboard dashboard, String title, String here, HtmlBuilder body, Charts charts) {
        Page page = new Page(title + " - querytool dashboard", body).data(charts.data());
        HtmlBuilder header = page.header();
        header.element("h1", title);
        header.element("div", dashboard.target(), "class", "sub");
        header.open("nav");
        header.element("a", "Queries", "href", "/", "class", here.equals("queries") ? "here" : null);
        header.element("a", "Catalog", "href", "/catalog", "class", here.equals("catalog") ? "here" : null);
        header.close("nav");
        return page.render();
    }

    /** The path of a query's page. */
    static String queryPath(String name) {
        return "/query/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    /** A long statement cut to one line of {@code max} characters. */
    static String oneLine(String sql, int max) {
        if (sql == null) {
            return "";
        }
        String line = sql.replaceAll("\\s+", " ").trim();
        return line.length() <= max ? line : line.substring(0, max - 1) + "\u2026";
    }
}
