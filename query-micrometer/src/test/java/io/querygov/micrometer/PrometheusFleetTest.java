package io.querygov.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryEvent;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.metrics.QueryMetrics;
import io.querygov.metrics.QueryStats;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of a service, each with its own metrics and Prometheus registry served on a loopback
 * port, scraped every second by a real Prometheus; a fixed, seeded workload. Then, per query, the
 * fleet's p95 from PromQL is within the exported bucket layout's error of the exact p95 of the two
 * instances' merged histograms, every panel of the Grafana dashboard returns series, and the alert
 * rules load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusFleetTest {
    private static final int CALLS_PER_QUERY = 4_000;
    /** Names, types and median durations in milliseconds: four shapes of latency. */
    private static final Map<QueryDescriptor, Double> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put(QueryDescriptor.builder("find:Project", QueryType.ORM_SIMPLE).sql("select * from projects where id = ?")
                .build(), 0.3);
        QUERIES.put(QueryDescriptor.builder("load:Project.tasks", QueryType.ORM_COMPLEX)
                .sql("select * from tasks t join projects p on p.id = t.project_id where p.id = ?").build(), 2.0);
        QUERIES.put(QueryDescriptor.builder("project_stats", QueryType.RAW_SQL_ANALYTICS)
                .sql("select project_id, count(*) from jobs group by project_id").build(), 15.0);
        QUERIES.put(QueryDescriptor.builder("archive_jobs", QueryType.RAW_SQL_BULK)
                .sql("delete from jobs where finished < ?").build(), 120.0);
    }

    private final List<Instance> instances = new ArrayList<>();
    private final Map<String, Histogram> exact = new LinkedHashMap<>();
    private RealPrometheus prometheus;

    /** One service instance: its own metrics, meters, registry and endpoint. */
    private static final class Instance {
        final QueryMetrics metrics = QueryMetrics.create();
        final QueryMeters meters = QueryMeters.builder(metrics).refreshInterval(Duration.ZERO).build();
        final QueryTracker tracker = QueryTracker.builder().listener(metrics).listener(meters).build();
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final HttpServer server;

        Instance() throws java.io.IOException {
            meters.bindTo(registry);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/metrics", exchange -> {
                byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void run(QueryDescriptor q, long nanos, boolean error, boolean slow) {
            tracker.listener().onExecution(q, 0, nanos, 1, error ? new IllegalStateException("failed") : null, slow);
        }
    }

    @BeforeAll
    void startTheFleetAndRunTheWorkload(@TempDir Path dir) throws Exception {
        RealPrometheus.binary();
        for (int i = 0; i < 2; i++) {
            instances.add(new Instance());
        }
        // every series exists before the first scrape, so rate() sees the whole workload as an increase
        for (Instance instance : instances) {
            QUERIES.keySet().forEach(q -> instance.run(q, TimeUnit.MILLISECONDS.toNanos(1), false, false));
            // 3 hits and 1 miss, in the workload's proportion: rate() limits its extrapolation by how far each counter
            // is from zero, so counters that start in proportion extrapolate alike and their ratio stays exact
            for (int k = 0; k < 4; k++) {
                if (k == 3) {
                    instance.tracker.cacheMiss(cached());
                } else {
                    instance.tracker.cacheHit(cached());
                }
            }
            instance.metrics.intervalSnapshot();
        }
        Path rules = dir.resolve("querygov-alerts.yml");
        Files.copy(Path.of("prometheus/querygov-alerts.yml"), rules);
        prometheus = RealPrometheus.start(dir, instances.stream().map(Instance::port).toList(), rules);
        int names = QUERIES.size() * instances.size();
        prometheus.await("sum(querygov_query_seconds_count)", r -> r.size() == 1 && value(r.get(0)) == names);

        for (int i = 0; i < instances.size(); i++) {
            Instance instance = instances.get(i);
            SplittableRandom random = new SplittableRandom(42 + i);
            // the analytics query behind a result cache, 3 lookups in 4 answered from it, and behind replica routing
            for (int k = 0; k < CALLS_PER_QUERY; k++) {
                if (k % 4 == 3) {
                    instance.tracker.cacheMiss(cached());
                } else {
                    instance.tracker.cacheHit(cached());
                }
            }
            instance.tracker.event(cached().name(), QueryEvent.REPLICA_LAGGING);
            for (Map.Entry<QueryDescriptor, Double> e : QUERIES.entrySet()) {
                double medianNanos = e.getValue() * 1e6;
                for (int k = 0; k < CALLS_PER_QUERY; k++) {
                    long nanos = (long) (medianNanos * Math.exp(0.8 * gaussian(random)));
                    instance.run(e.getKey(), nanos, k % 97 == 0, nanos > 3 * medianNanos);
                }
                if (e.getKey().type() == QueryType.ORM_COMPLEX) {
                    instance.tracker.event(e.getKey().name(), QueryEvent.N_PLUS_ONE);
                }
            }
            for (QueryStats s : instance.metrics.intervalSnapshot().queries()) {
                exact.computeIfAbsent(s.name(), n -> new Histogram(2)).add(s.histogram());
            }
        }
        long total = names + (long) CALLS_PER_QUERY * names;
        prometheus.await("sum(querygov_query_seconds_count)", r -> r.size() == 1 && value(r.get(0)) == total);
        // two more scrapes after the last increase, so every rate has samples on both sides of it
        prometheus.await("min(count_over_time(querygov_query_seconds_count[1m]))", r -> r.size() == 1 && value(r.get(0)) >= 4);
    }

    private static QueryDescriptor cached() {
        return QUERIES.keySet().stream().filter(q -> q.name().equals("project_stats")).findFirst().orElseThrow();
    }

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        instances.forEach(i -> i.server.stop(0));
    }

    @Test
    void theFleetsP95FromPromqlIsWithinTheBucketLayoutsErrorOfTheExactMergedP95() throws Exception {
        JsonNode result = prometheus.query(
                "histogram_quantile(0.95, sum by (le, query) (rate(querygov_query_seconds_bucket[1m])))");
        assertEquals(QUERIES.size(), result.size(), result::toString);
        long[] bounds = io.querygov.micrometer.internal.BucketBounds.upperBounds(TimeUnit.MICROSECONDS);
        for (JsonNode series : result) {
            String name = series.get("metric").get("query").asText();
            Histogram merged = exact.get(name);
            assertEquals(2L * CALLS_PER_QUERY, merged.getTotalCount());
            long exactMicros = merged.getValueAtPercentile(95);
            // the exported bucket that holds the exact value (each bound is the lowest value of a metrics bucket)
            long lower = 0;
            long upper = Long.MAX_VALUE;
            for (long b : bounds) {
                if (b <= exactMicros) {
                    lower = b;
                } else if (b > exactMicros) {
                    upper = b;
                    break;
                }
            }
            double promqlMicros = value(series) * 1e6;
            String what = name + ": PromQL p95 " + promqlMicros + " us, exact merged p95 " + exactMicros
                    + " us, exported bucket " + lower + ".." + upper + " us";
            System.out.println(what);
            assertTrue(promqlMicros >= lower && promqlMicros <= upper, what);
            assertTrue(upper - lower <= Math.ceil(lower * io.querygov.micrometer.internal.BucketBounds.RELATIVE_WIDTH), what);
            assertTrue(Math.abs(promqlMicros - exactMicros) <= 0.2 * exactMicros, what + ": within 20%");
        }
    }

    @Test
    void theFleetsResultCacheHitRateFromPromqlIsTheLookupsOwn() throws Exception {
        JsonNode result = prometheus.query("sum by (query) (rate(querygov_query_cache_gets_total{result=\"hit\"}[1m]))"
                + " / sum by (query) (rate(querygov_query_cache_gets_total[1m]))");
        assertEquals(1, result.size(), result::toString);
        assertEquals("project_stats", result.get(0).get("metric").get("query").asText());
        // both series of each instance are scraped together and start in proportion: their rates extrapolate alike
        assertEquals(0.75, value(result.get(0)), 1e-9, result::toString);
    }

    @Test
    void everyPanelOfTheGrafanaDashboardReturnsSeries() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("grafana/querygov-dashboard.json").toFile());
        int queries = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asText()
                        .replace("$__rate_interval", "1m")
                        .replace("$query", ".*");
                JsonNode result = prometheus.query(expr);
                assertFalse(result.isEmpty(), panel.get("title").asText() + ": " + expr + " returned no series");
                queries++;
            }
        }
        assertTrue(queries >= 12, "panels: p50/p95/p99 per query and per type, calls, errors, slow per hour and day,"
                + " N+1, top 10, rows, names, cache hit rate, replica fallbacks");
    }

    @Test
    void theAlertRulesLoadAndAreHealthy() throws Exception {
        JsonNode groups = prometheus.get("/api/v1/rules").get("groups");
        assertEquals(1, groups.size(), groups::toString);
        JsonNode rule = groups.get(0).get("rules").get(0);
        assertEquals("QueryP95AboveThreshold", rule.get("name").asText());
        assertEquals(600, rule.get("duration").asInt(), "for: 10m");
        prometheus.await("count(ALERTS) or vector(0)", r -> true);
        assertEquals("ok", prometheus.get("/api/v1/rules").get("groups").get(0).get("rules").get(0).get("health").asText());
    }

    private static double value(JsonNode series) {
        return Double.parseDouble(series.get("value").get(1).asText());
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
