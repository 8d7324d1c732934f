package io.querygov.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.querygov.cache.QueryCache;
import io.querygov.core.QueryTracker;
import io.querygov.examples.ExampleData;
import io.querygov.examples.ExampleDatabase;
import io.querygov.examples.ExampleService;
import io.querygov.examples.Schema;
import io.querygov.metrics.CacheStats;
import io.querygov.metrics.MetricsSnapshot;
import io.querygov.metrics.QueryMetrics;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The result cache on the examples' service: the same traffic (its deck of requests: Hibernate CRUD,
 * the four reports whose SQL files say {@code -- cache: 30s}, renames and the archiving job) with
 * projects and users picked by a Zipf law, served without the cache and with it, in alternating
 * rounds. Prints, per kind of request, the cache's hit rate and the latency its client saw (p50,
 * p95) without and with the cache, and the throughput of each.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.querygov.benchmarks.CacheHitRate [zipf-exponent] [requests-per-thread] [scale] [read-only]
 * </pre>
 *
 * Defaults: exponent 1.0, 2000 requests per thread from 2 threads per round, 2 rounds of each, scale 0.1
 * (1,000 projects, 100 users, 50,000 jobs), on an embedded PostgreSQL 17. With {@code read-only}, the deck's
 * renames and archiving job are served as finds: what the parameter skew alone gives, with no write to evict.
 */
public final class CacheHitRate {
    private static final int THREADS = 2;
    private static final int ROUNDS = 2;
    private static final List<String> REPORTS = List.of("PROJECT_ANALYTICS", "MONTHLY_REPORT", "PROJECT_WITH_STATS",
            "USER_ACTIVITY");
    private static final Map<String, String> QUERY_OF = Map.of("PROJECT_ANALYTICS", "project_analytics",
            "MONTHLY_REPORT", "monthly_report", "PROJECT_WITH_STATS", "project_with_stats", "USER_ACTIVITY", "user_activity");

    private CacheHitRate() {
    }

    /** What the rounds of one mode added up to. */
    private static final class Totals {
        final Map<String, Histogram> latencies = new TreeMap<>();
        final Map<String, CacheStats> cache = new TreeMap<>();
        long requests;
        long nanos;

        void add(ExampleService service, MetricsSnapshot snapshot, long served, long elapsed) {
            service.requestLatencies().forEach((k, h) -> latencies.merge(k, h, (a, b) -> {
                a.add(b);
                return a;
            }));
            for (CacheStats c : snapshot.cache()) {
                cache.merge(c.name(), c, (a, b) -> new CacheStats(a.name(), a.hits() + b.hits(), a.misses() + b.misses(),
                        a.evictions() + b.evictions()));
            }
            requests += served;
            nanos += elapsed;
        }
    }

    public static void main(String[] args) throws Exception {
        double exponent = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        int perThread = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        double scale = args.length > 2 ? Double.parseDouble(args[2]) : 0.1;
        boolean readOnly = args.length > 3 && args[3].equals("read-only");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             HikariDataSource pool = ExampleDatabase.pool(pg.getJdbcUrl("postgres", "postgres"))) {
            Schema.apply(pool);
            ExampleData.ofScale(scale).load(pool);
            // one round untimed: the JIT, the server's caches, and the archiving job's one real run
            round(pool, exponent, perThread, readOnly, false, new Totals());
            Totals without = new Totals();
            Totals with = new Totals();
            for (int r = 0; r < ROUNDS; r++) {
                round(pool, exponent, perThread, readOnly, false, without);
                round(pool, exponent, perThread, readOnly, true, with);
            }
            print(exponent, perThread, scale, readOnly, without, with);
        }
    }

    private static void round(HikariDataSource pool, double exponent, int perThread, boolean readOnly, boolean cached,
                              Totals totals) throws Exception {
        QueryMetrics metrics = QueryMetrics.create();
        QueryTracker tracker = QueryTracker.create(metrics);
        QueryCache cache = cached ? QueryCache.builder(tracker).build() : null;
        ExampleService.Builder builder = ExampleService.builder(pool, tracker).zipf(exponent).cache(cache);
        if (readOnly) {
            builder.readOnly();
        }
        try (ExampleService service = builder.build()) {
            long start = System.nanoTime();
            long served = service.runRequests(perThread, THREADS);
            long elapsed = System.nanoTime() - start;
            totals.add(service, metrics.cumulativeSnapshot(), served, elapsed);
        } finally {
            if (cache != null) {
                cache.close();
            }
        }
    }

    private static void print(double exponent, int perThread, double scale, boolean readOnly, Totals without, Totals with) {
        System.out.printf("examples' service%s, scale %s, Zipf exponent %s over projects and users, %d threads,"
                        + " %d rounds of %d requests per thread each way (after one untimed round)%n",
                readOnly ? " reading only" : " (its deck: 1 request in 10 renames a project)", scale, exponent, THREADS,
                ROUNDS, perThread);
        System.out.printf("%-20s %9s %8s %12s %12s %12s %12s %8s%n", "request", "lookups", "hit rate",
                "p50 without", "p95 without", "p50 with", "p95 with", "p95 x");
        long hits = 0;
        long lookups = 0;
        for (String request : REPORTS) {
            CacheStats c = with.cache.get(QUERY_OF.get(request));
            Histogram a = without.latencies.get(request);
            Histogram b = with.latencies.get(request);
            if (c == null || a == null || b == null) {
                continue;
            }
            hits += c.hits();
            lookups += c.lookups();
            System.out.printf("%-20s %9d %7.1f%% %9.3f ms %9.3f ms %9.3f ms %9.3f ms %7.2fx%n", request, c.lookups(),
                    100 * c.hitRate(), ms(a, 50), ms(a, 95), ms(b, 50), ms(b, 95), ms(b, 95) / ms(a, 95));
        }
        System.out.printf("all four reports: hit rate %.1f%% (%d of %d lookups); the roadmap's target: 60%% in 8 weeks,"
                + " 80%% in 6 months%n", 100.0 * hits / lookups, hits, lookups);
        Histogram allWithout = all(without);
        Histogram allWith = all(with);
        System.out.printf("every request: p95 %.3f ms without, %.3f ms with; throughput %.0f/s without, %.0f/s with (%.2fx)%n",
                ms(allWithout, 95), ms(allWith, 95), rate(without), rate(with), rate(with) / rate(without));
    }

    private static Histogram all(Totals totals) {
        Histogram all = new Histogram(3);
        totals.latencies.values().forEach(all::add);
        return all;
    }

    private static double rate(Totals totals) {
        return totals.requests / (totals.nanos / 1e9);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }
}
