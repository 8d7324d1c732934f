package io.querygov.micrometer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A Prometheus server of the machine's own (Debian's {@code prometheus}), started on loopback with a
 * temporary configuration and storage, scraping the given targets every second.
 */
final class RealPrometheus implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    // Fields and constructor like any small holder's (query-bench's RunControl): the process it owns is the point.
    private final Process process;
    private final URI base;
    private final Path log;

    private RealPrometheus(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    static Path binary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "prometheus");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        assumeTrue(false, "no prometheus binary on PATH or in /usr/bin: install it with `apt-get install prometheus`"
                + " (Debian's package, 2.42) to run the Prometheus tests");
        return null;
    }

    static RealPrometheus start(Path dir, List<Integer> targetPorts, Path rules) throws IOException, InterruptedException {
        Path binary = binary();
        int port = freePort();
        StringBuilder targets = new StringBuilder();
        for (int p : targetPorts) {
            targets.append(targets.length() == 0 ? "" : ", ").append("'127.0.0.1:").append(p).append('\'');
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                + "rule_files:\n  - '" + rules.toAbsolutePath() + "'\n"
                + "scrape_configs:\n  - job_name: service\n    static_configs:\n      - targets: [" + targets + "]\n");
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RealPrometheus prometheus = new RealPrometheus(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            prometheus.awaitReady();
        } catch (IOException | RuntimeException | InterruptedException e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("prometheus was not ready after 30 s: " + Files.readString(log));
    }

    /** The {@code data.result} array of an instant query. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).get("result");
    }

    JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IllegalStateException(pathAndQuery + " -> " + r.statusCode() + " " + r.body());
        }
        return body.get("data");
    }

    /** Waits, polling every 200 ms for at most 60 s, until the query's result satisfies {@code done}. */
    JsonNode await(String promql, Predicate<JsonNode> done) throws IOException, InterruptedException {
        JsonNode last = null;
        for (int i = 0; i < 300; i++) {
            last = query(promql);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("after 60 s, " + promql + " still gives " + last + "; log: " + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
