package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code bench --report} and {@code compare --report}: one HTML file each, self-contained, escaped, with no
 * password, opened from file:// in a real Chromium where every chart draws its data and no console error shows.
 */
class ReportTest {
    /** Markup in a statement, which must reach the page as text. */
    private static final String PROBE = "/* <script>alert(1)</script> */";
    /** Given as PGPASSWORD; the test server trusts local connections, so it is sent and ignored. */
    private static final String PASSWORD = "pw-Probe-7f3a9c";
    /** A script, style sheet or image that a page would load from a file or server (data: URLs are inline). */
    private static final Pattern EXTERNAL = Pattern.compile("<(script|link|img)\\b[^>]*\\b(src|href)=\"(?!data:)");

    @RegisterExtension
    static PostgresExtension pg = Fixtures.database();

    @TempDir
    static Path folder;

    private static Path benchReport;
    private static Path baselineReport;
    private static Path compareReport;
    private static Browser browser;

    @BeforeAll
    static void writeReports() {
        Path base = folder.resolve("base.json");
        benchReport = folder.resolve("bench.html");
        baselineReport = folder.resolve("bench-baseline.html");
        compareReport = folder.resolve("compare.html");
        run("bench", "--warmup", "0s", "--warmup-iterations", "5", "--iterations", "200", "--save", base.toString(), "--report", benchReport.toString());
        // two timed runs of sub-millisecond queries differ by whatever else the machine does: the report is under test
        // here, not the time verdict, so time is advisory (the verdicts and their reasons are still in the report)
        run("bench", "--warmup", "0s", "--warmup-iterations", "5", "--iterations", "200", "--baseline", base.toString(),
                "--tolerance", "1000%", "--advisory-time", "--report", baselineReport.toString());
        run("compare", "--warmup", "0s", "--duration", "200ms", "--report", compareReport.toString());
    }

    private static void run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--url", pg.jdbcUrl(), "--catalog",
                Cli.catalog("report")));
        args.addAll(List.of(more));
        Cli.Result r = Cli.run(Map.of("PGPASSWORD", PASSWORD), args.toArray(String[]::new));
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.err().contains("report: "), r::toString);
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    private static Browser browser() throws IOException {
        if (browser == null) {
            browser = Browser.start();
        }
        return browser;
    }

    /** The browser on {@code report}, which it opened without a problem on its console. */
    private static Browser opened(Path report) throws IOException {
        Browser b = browser();
        b.open(report.toUri().toString());
        b.assertNoConsoleProblems();
        return b;
    }

    @Test
    void reportsAreSelfContainedEscapedAndFreeOfPasswords() throws IOException {
        for (Path report : List.of(benchReport, baselineReport, compareReport)) {
            String html = Files.readString(report);
            assertTrue(html.startsWith("<!DOCTYPE html>"), report::toString);
            assertFalse(EXTERNAL.matcher(html).find(), "nothing loaded from elsewhere");
            assertTrue(html.contains("uPlot"), "the charting library is inlined");
            assertFalse(html.contains(PASSWORD), "no password in " + report);
            assertFalse(html.contains("<script>alert(1)"), "markup of a statement is escaped");
        }
        String bench = Files.readString(benchReport);
        assertTrue(bench.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the statement is shown, as text");
        assertTrue(bench.contains("postgres.version"), "the run's facts");
        assertFalse(bench.contains("<th>verdict</th>"), "no per-query verdicts without a baseline");
        assertTrue(bench.contains(">PASSED</span>"), "the gate's outcome");
        String judged = Files.readString(baselineReport);
        assertTrue(judged.contains("PASSED") && judged.contains("none regressed beyond 1000%"), "the gate's result");
        assertTrue(judged.contains("within the noise band") || judged.contains("faster beyond")
                || judged.contains("slower, within the tolerance"), "each verdict has its reason");
    }

    @Test
    void aReportThatCannotBeWrittenIsRefusedBeforeTheRun() {
        for (String command : List.of("bench", "compare")) {
            Cli.Result r = Cli.run(command, "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("report"), "--report",
                    folder.resolve("no-such-folder").resolve("r.html").toString());
            assertEquals(ExitCode.USAGE, r.exitCode(), r::toString);
            assertTrue(r.err().contains("--report ") && r.err().contains("does not exist"), r::toString);
            assertFalse(r.err().contains("] project_by_id"), "nothing was run");
        }
    }

    @Test
    void benchReportOpensFromFileWithEveryChartDrawn() throws IOException {
        Browser b = opened(benchReport);
        b.assertNoAlert();
        List<Map<String, Object>> charts = b.charts();
        assertEquals(Set.of("spectrum"), charts.stream().map(c -> c.get("kind")).collect(Collectors.toSet()));
        assertEquals(3, charts.size(), "one spectrum per query");
        assertDrawn(charts);
        WebElement probe = b.driver().findElement(By.cssSelector("section[data-query='injection_probe'] pre"));
        assertTrue(probe.getAttribute("textContent").contains(PROBE), probe.getAttribute("textContent"));
        assertEquals(List.of(), b.driver().findElements(By.cssSelector("main script")), "no script in the content");
        b.screenshot("report-bench");
    }

    @Test
    void baselineReportOverlaysTheBaselineAndShowsVerdicts() throws IOException {
        Browser b = opened(baselineReport);
        List<Map<String, Object>> charts = b.charts();
        assertEquals(3, charts.size());
        assertDrawn(charts);
        @SuppressWarnings("unchecked")
        List<String> legends = (List<String>) b.driver().executeScript("return querygov.charts.map(function (c) {"
                + " return c.plot.series.slice(1).map(function (s) { return s.label; }).join('+'); });");
        assertEquals(List.of("this run+baseline", "this run+baseline", "this run+baseline"), legends);
        List<WebElement> verdicts = b.driver().findElements(By.cssSelector("table.summary td.verdict"));
        assertEquals(3, verdicts.size());
        b.screenshot("report-bench-baseline");
        b.driver().executeScript("document.querySelector('section.query').scrollIntoView()");
        b.screenshot("report-bench-baseline-spectrum");
    }

    @Test
    void compareReportDrawsBarsSideBySide() throws IOException {
        Browser b = opened(compareReport);
        List<Map<String, Object>> charts = b.charts();
        assertEquals(1, charts.size(), "one group");
        assertEquals("bars", charts.get(0).get("kind"));
        assertEquals(4L, charts.get(0).get("points"), "p50 and p95 of two variants");
        assertDrawn(charts);
        String table = b.driver().findElement(By.cssSelector("section[data-group='project'] table.variants")).getText();
        assertTrue(table.contains("project_by_id_again"), table);
        assertTrue(table.contains("same"), table);
        assertTrue(table.contains("1.00x"), table);
        b.screenshot("report-compare");
    }

    private static void assertDrawn(List<Map<String, Object>> charts) {
        for (Map<String, Object> chart : charts) {
            assertTrue(((Number) chart.get("points")).longValue() > 0, () -> "no data in " + chart);
            assertTrue(((Number) chart.get("inked")).longValue() > 500, () -> "nothing painted in " + chart);
        }
    }
}
