package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.testing.PostgresExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * {@code querytool dashboard} against a real server and in a real Chromium: every page loads without console
 * errors, its charts draw their data, markup from pg_stat_statements shows as text, EXPLAIN and the benchmark
 * button work, and actions without the page's token are refused.
 */
class DashboardTest {
    /** The probe: markup in a statement as pg_stat_statements keeps it. */
    private static final String PROBE_SQL = "SELECT 1 /* <script>alert(1)</script> */";
    private static final String PROBE = "<script>alert(1)</script>";
    private static final String PASSWORD = "pw-Dash-41b7e2";
    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([A-Za-z0-9_-]+)\"");

    @RegisterExtension
    static PostgresExtension pg = Fixtures.database();

    private static Running dashboard;
    private static Browser browser;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A dashboard command running on a thread of its own, stopped by an interrupt. */
    record Running(Thread thread, StringWriter out, StringWriter err, AtomicInteger exit, String url) {
        static Running start(String... more) throws InterruptedException {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            AtomicInteger exit = new AtomicInteger(-1);
            List<String> args = new java.util.ArrayList<>(List.of("dashboard", "--url", pg.jdbcUrl(), "--catalog",
                    Cli.catalog("report"), "--catalog", Cli.catalog("writes"), "--port", "0"));
            args.addAll(List.of(more));
            Thread thread = new Thread(() -> exit.set(new CommandLine(new QueryTool(Map.of("PGPASSWORD", PASSWORD),
                    false)).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                    .execute(args.toArray(String[]::new))), "dashboard-under-test");
            thread.start();
            Pattern url = Pattern.compile("dashboard: (http://\\S+)");
            for (int i = 0; i < 600; i++) {
                Matcher m = url.matcher(out.toString());
                if (m.find()) {
                    return new Running(thread, out, err, exit, m.group(1));
                }
                if (!thread.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("the dashboard did not start: exit " + exit.get() + "\n" + out + "\n" + err);
        }

        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(30_000);
            return exit.get();
        }

        String base() {
            return url.replaceAll("/(\\?.*)?$", "");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        dashboard = Running.start("--interval", "300ms", "--bench-duration", "300ms");
        if (pg.pgStatStatementsAvailable()) {
            runProbe();
            // two readings after the probe ran: it is in an interval
            waitFor(() -> get("/").body().contains("&lt;script&gt;alert(1)"), "the probe on the queries page");
        }
    }

    private static void assumePgStatStatements() {
        Assumptions.assumeTrue(pg.pgStatStatementsAvailable(), "the test server does not load pg_stat_statements:"
                + " add it to shared_preload_libraries (the embedded server of the tests does)");
    }

    private static void runProbe() throws SQLException {
        try (Connection c = pg.openConnection(); Statement s = c.createStatement()) {
            for (int i = 0; i < 5; i++) {
                s.execute(PROBE_SQL);
                s.execute("SELECT id, name, budget FROM project WHERE id = " + (i + 1));
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (dashboard != null) {
                assertEquals(ExitCode.OK, dashboard.stop(), dashboard.err()::toString);
            }
        }
    }

    private static Browser browser() throws IOException {
        if (browser == null) {
            browser = Browser.start();
        }
        return browser;
    }

    private static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(dashboard.base() + path)).GET().build());
    }

    private static HttpResponse<String> post(String path, String form, String origin) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(dashboard.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return send(b.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("cannot reach the dashboard: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The status line of a GET with this Host header, which java.net.http does not let a caller set. */
    private static String statusWithHost(String host) throws IOException {
        URI uri = URI.create(dashboard.base());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    private static String token() {
        Matcher m = TOKEN.matcher(get("/query/project_by_id").body());
        assertTrue(m.find(), "a query page holds the token");
        return m.group(1);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    @Test
    void printsItsLoopbackUrlAndShowsNoPassword() {
        assertTrue(dashboard.url().matches("http://127\\.0\\.0\\.1:\\d+/"), dashboard.url());
        assertFalse(dashboard.err().toString().contains("WARNING"), dashboard.err()::toString);
        for (String path : List.of("/", "/catalog", "/query/project_by_id")) {
            assertFalse(get(path).body().contains(PASSWORD), "no password on " + path);
        }
        assertFalse(dashboard.out().toString().contains(PASSWORD));
        assertFalse(dashboard.err().toString().contains(PASSWORD));
    }

    @Test
    void actionsNeedThePagesTokenAndComeFromItsOrigin() throws SQLException, IOException {
        assertEquals(403, post("/query/project_by_id/explain", "analyze=false", null).statusCode(), "no token");
        assertEquals(403, post("/query/project_by_id/explain", "token=nope", null).statusCode(), "wrong token");
        String token = token();
        assertEquals(403, post("/query/project_by_id/explain", "token=" + token, "http://evil.example")
                .statusCode(), "another origin");
        assertEquals(303, post("/query/project_by_id/explain", "token=" + token, dashboard.base()).statusCode());
        assertEquals("HTTP/1.1 403 Forbidden", statusWithHost("rebound.example"),
                "a loopback dashboard answers only to loopback names");

        String before = Fixtures.scalar(pg, "SELECT sum(budget) FROM project");
        assertEquals(303, post("/query/raise_budget/explain", "token=" + token + "&analyze=true", null).statusCode());
        String page = get("/query/raise_budget").body();
        assertTrue(page.contains("only for statements that read"), "ANALYZE refused for a write");
        assertFalse(page.contains("id=\"explain-analyze\""), "and not offered");
        assertEquals(before, Fixtures.scalar(pg, "SELECT sum(budget) FROM project"));
        assertEquals(404, get("/query/no_such_query").statusCode());
    }

    @Test
    void queriesPageShowsStatementsAsTextWithSparklines() throws Exception {
        assumePgStatStatements();
        Browser b = browser();
        b.open(dashboard.url());
        b.assertNoConsoleProblems();
        b.assertNoAlert();
        List<WebElement> probes = b.driver().findElements(By.xpath("//td[contains(@class,'sql')]"
                + "[contains(., '" + PROBE + "')]"));
        assertFalse(probes.isEmpty(), "the probe statement is shown, as text");
        assertTrue(b.driver().findElements(By.cssSelector("main script")).isEmpty(), "no script in the content");
        WebElement registered = b.driver().findElement(By.linkText("project_by_id"));
        assertTrue(registered.getAttribute("href").endsWith("/query/project_by_id"));
        List<Map<String, Object>> charts = b.charts();
        assertTrue(charts.size() >= 4, charts::toString);
        for (Map<String, Object> chart : charts) {
            assertEquals("sparkline", chart.get("kind"));
            assertTrue(((Number) chart.get("points")).longValue() > 0, chart::toString);
            assertTrue(((Number) chart.get("inked")).longValue() > 0, () -> chart + ": " + b.driver().executeScript(
                    "return JSON.stringify(querygov.data.charts[arguments[0]])", chart.get("key")));
        }
        b.screenshot("dashboard-queries");
    }

    @Test
    void withoutPgStatStatementsTheQueriesPageSaysHowToEnableIt() throws Exception {
        Assumptions.assumeFalse(pg.pgStatStatementsAvailable(), "the test server has pg_stat_statements");
        waitFor(() -> get("/").body().contains("id=\"problem\""), "a reading");
        String page = get("/").body();
        assertTrue(page.contains("shared_preload_libraries"), "says how to enable it");
        Browser b = browser();
        b.open(dashboard.url());
        b.assertNoConsoleProblems();
        b.screenshot("dashboard-queries-unavailable");
    }

    @Test
    void queryPageExplainsAndBenchmarks() throws Exception {
        Browser b = browser();
        b.open(dashboard.base() + "/query/project_by_id");
        b.assertNoConsoleProblems();
        // each button posts a form: wait for the page it loads, not the one it leaves (a busy machine is slow to answer)
        b.driver().findElement(By.id("explain")).click();
        String tree = planTreeOnceItShows(b, "on public.project");
        assertTrue(tree.contains("on public.project"), tree);
        b.driver().findElement(By.id("explain-analyze")).click();
        tree = planTreeOnceItShows(b, "actual");
        assertTrue(tree.contains("actual") && tree.contains("loops"), tree);
        b.assertNoConsoleProblems();

        b.driver().findElement(By.id("bench")).click();
        new WebDriverWait(b.driver(), Duration.ofSeconds(60)).until(d -> d.findElements(By.cssSelector(
                "[data-chart='spectrum']")).size() == 1 && !d.findElements(By.cssSelector(".u-wrap")).isEmpty());
        b.assertNoAlert();
        b.assertNoConsoleProblems();
        List<Map<String, Object>> charts = b.charts();
        Map<String, Object> spectrum = charts.stream().filter(c -> "spectrum".equals(c.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError(charts.toString()));
        assertTrue(((Number) spectrum.get("points")).longValue() > 10, spectrum::toString);
        assertTrue(((Number) spectrum.get("inked")).longValue() > 500, spectrum::toString);
        assertTrue(b.driver().findElement(By.id("bench-latest")).getText().startsWith("Latest: "));
        b.screenshot("dashboard-query");
    }

    /** The plan tree's text once it holds {@code expected}; after 60 s, whatever it holds, for the assertion to show. */
    private static String planTreeOnceItShows(Browser b, String expected) {
        try {
            new WebDriverWait(b.driver(), Duration.ofSeconds(60)).until(d -> d.findElements(By.id("plan-tree")).stream()
                    .anyMatch(e -> e.getText().contains(expected)));
        } catch (org.openqa.selenium.TimeoutException e) {
            // fall through: the caller's assertion says what the page shows instead
        }
        List<WebElement> trees = b.driver().findElements(By.id("plan-tree"));
        return trees.isEmpty() ? "(no plan tree on " + b.driver().getCurrentUrl() + ")" : trees.get(0).getText();
    }

    @Test
    void catalogPageChecksEveryQuery() throws Exception {
        Browser b = browser();
        b.open(dashboard.base() + "/catalog");
        b.assertNoConsoleProblems();
        List<WebElement> rows = b.driver().findElements(By.cssSelector("#catalog tr[data-query]"));
        assertEquals(4, rows.size());
        for (WebElement row : rows) {
            assertTrue(row.getText().contains(" OK "), row.getText());
        }
        WebElement probe = b.driver().findElement(By.cssSelector("#catalog tr[data-query='injection_probe']"));
        assertTrue(probe.getText().contains("<b>n</b>"), "a column name with markup, as text: " + probe.getText());
        b.screenshot("dashboard-catalog");
    }

    @Test
    void boundElsewhereItWarnsAndWantsTheToken() throws Exception {
        Running open = Running.start("--bind", "0.0.0.0", "--interval", "10s");
        try {
            assertTrue(open.err().toString().contains("WARNING: --bind 0.0.0.0"), open.err()::toString);
            Matcher m = Pattern.compile("\\?token=([A-Za-z0-9_-]+)$").matcher(open.url());
            assertTrue(m.find(), open.url());
            String local = open.base().replace("0.0.0.0", "127.0.0.1");
            assertEquals(403, send(HttpRequest.newBuilder(URI.create(local + "/")).GET().build()).statusCode());
            HttpResponse<String> withToken = send(HttpRequest.newBuilder(URI.create(local + "/?token=" + m.group(1)))
                    .GET().build());
            assertEquals(303, withToken.statusCode());
            String cookie = withToken.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(local + "/catalog"))
                    .header("Cookie", cookie.split(";")[0]).GET().build());
            assertEquals(200, page.statusCode());
        } finally {
            assertEquals(ExitCode.OK, open.stop());
        }
    }
}
