package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Chromium driven through chromedriver: Debian's {@code chromium} and {@code chromium-driver}, or the
 * binaries named by {@code QUERYGOV_CHROMIUM} and {@code QUERYGOV_CHROMEDRIVER}. One per test class: starting it
 * takes a second or two. Tests that need it are skipped, saying how to install it, when it is not there.
 */
final class Browser implements AutoCloseable {
    /** Screenshots of every page a test looked at, kept as test artifacts. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts one, or skips the test with how to install one. */
    static Browser start() throws IOException {
        Path chromium = Path.of(env("QUERYGOV_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(env("QUERYGOV_CHROMEDRIVER", "/usr/bin/chromedriver"));
        Assumptions.assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(chromedriver),
                "No Chromium to test pages in (looked for " + chromium + " and " + chromedriver + "): install"
                        + " Debian's with apt-get install -y chromium chromium-driver, or name them in"
                        + " QUERYGOV_CHROMIUM and QUERYGOV_CHROMEDRIVER");
        Path profile = Files.createTempDirectory("querygov-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // --no-sandbox: tests run as root in CI; the background-networking flags keep a closed network from
        // stalling start-up on refused connections
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // an alert stays open, so that a test can see that one opened
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens a page and waits until its scripts have run. */
    void open(String url) {
        driver.get(url);
        assertNoAlert();
    }

    /** The console's errors and warnings since the last call: a page that logs none is the goal. */
    List<String> consoleProblems() {
        List<String> problems = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                problems.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        return problems;
    }

    void assertNoConsoleProblems() {
        assertEquals(List.of(), consoleProblems(), "console of " + driver.getCurrentUrl());
    }

    void assertNoAlert() {
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(),
                "a script opened an alert on " + driver.getCurrentUrl());
    }

    /**
     * What each chart of the page drew: its key, kind, the data points it was given, and how many pixels of its
     * canvas are painted.
     */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> charts() {
        return (List<Map<String, Object>>) driver.executeScript(
                "return (window.querygov ? window.querygov.charts : []).map(function (c) {"
                        + "  var canvas = c.plot.root.querySelector('canvas');"
                        + "  var ctx = canvas.getContext('2d');"
                        + "  var pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;"
                        + "  var inked = 0;"
                        + "  for (var i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { inked++; } }"
                        + "  return {key: c.key, kind: c.kind, points: c.points, inked: inked};"
                        + "});");
    }

    /** Saves a screenshot of the whole window under target/screenshots. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
