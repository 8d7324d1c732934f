package io.querygov.cli.internal;

import io.querygov.cli.ExitCode;
import io.querygov.metrics.MetricsJson;
import io.querygov.metrics.MetricsSnapshot;
import io.querygov.metrics.QueryStats;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names a running service tracked its statements under, from its metrics snapshot (query-metrics'
 * {@link MetricsJson}): each entry's {@code fingerprintId} is the fingerprint of the statement it names, the same that
 * querytool computes for pg_stat_statements' texts. Read from a file, or from an http(s) URL that serves the snapshot.
 */
public final class ServiceNames {
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private ServiceNames() {
    }

    /**
     * Query names by fingerprint id, in the snapshot's order.
     *
     * @throws CliException with {@link ExitCode#USAGE}, naming {@code source}, when it cannot be read or is not a
     *                      metrics snapshot
     */
    public static Map<String, List<String>> read(String source) {
        MetricsSnapshot snapshot;
        try (Reader in = open(source)) {
            snapshot = MetricsJson.read(in);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.USAGE, "--names " + source + ": no such file");
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "--names " + source + ": cannot read it: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--names " + source + ": " + e.getMessage(), e);
        }
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (QueryStats q : snapshot.queries()) {
            if (!q.isOverflow()) {
                q.fingerprintId().ifPresent(id -> names.computeIfAbsent(id, k -> new ArrayList<>()).add(q.name()));
            }
        }
        return names;
    }

    private static Reader open(String source) throws IOException {
        if (!source.startsWith("http://") && !source.startsWith("https://")) {
            return Files.newBufferedReader(Path.of(source), StandardCharsets.UTF_8);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(source)).timeout(HTTP_TIMEOUT)
                    .header("Accept", "application/json").GET().build();
        } catch (IllegalArgumentException e) {
            throw new IOException("not a URL: " + e.getMessage(), e);
        }
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return new StringReader(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
