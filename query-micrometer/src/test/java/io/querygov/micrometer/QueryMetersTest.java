package io.querygov.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryEvent;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.core.SqlFingerprint;
import io.querygov.metrics.QueryMetrics;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueryMetersTest {
    private static final String SQL = "select * from projects where id = 7";
    private static final QueryDescriptor FIND = QueryDescriptor.builder("find:Project", QueryType.ORM_SIMPLE).sql(SQL).build();

    private final QueryMetrics metrics = QueryMetrics.builder().maxQueries(2).build();
    private final QueryMeters meters = QueryMeters.builder(metrics).refreshInterval(Duration.ZERO).build();
    private final QueryTracker tracker = QueryTracker.builder().listener(metrics).listener(meters).build();

    private void run(QueryDescriptor q, long nanos, long rows, boolean error, boolean slow) {
        tracker.listener().onExecution(q, 0, nanos, rows, error ? new IllegalStateException() : null, slow);
    }

    @Test
    void prometheusGetsAHistogramPerQueryWithExactBucketsCountsAndAnInfoLine() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters.bindTo(registry);
        run(FIND, 100_000, 1, false, false);      // 100 us: in the bucket up to 108 us
        run(FIND, 100_000, 1, false, false);
        run(FIND, 3_000_000, 2, true, true);       // 3 ms
        tracker.event("find:Project", QueryEvent.N_PLUS_ONE);

        String text = registry.scrape();
        String labels = "query=\"find:Project\",type=\"ORM_SIMPLE\"";
        assertScrapeHas(text,
                "querygov_query_seconds_bucket{" + labels + ",le=\"9.0E-5\"} 0",
                "querygov_query_seconds_bucket{" + labels + ",le=\"1.08E-4\"} 2",
                "querygov_query_seconds_bucket{" + labels + ",le=\"+Inf\"} 3",
                "querygov_query_seconds_count{" + labels + "} 3",
                "querygov_query_seconds_sum{" + labels + "} 0.0032");
        assertTrue(text.contains("querygov_query_calls_total{outcome=\"SUCCESS\"," + labels + "} 2.0")
                || text.contains("querygov_query_calls_total{outcome=\"SUCCESS\"," + labels + "} 2"), text);
        assertScrapeHas(text,
                "querygov_query_calls_total{outcome=\"ERROR\"," + labels + "} 1",
                "querygov_query_slow_total{" + labels + "} 1",
                "querygov_query_rows_total{" + labels + "} 4",
                "querygov_query_events_total{event=\"n_plus_one\",query=\"find:Project\"} 1");
        assertTrue(text.contains("querygov_query_info{fingerprint=\"" + SqlFingerprint.of(SQL).id() + "\"," + labels + "} 1"),
                text);
    }

    @Test
    void otherRegistriesGetFunctionMetersThatReadTheSameFiguresAsNamesAppear() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        meters.bindTo(registry);
        run(FIND, 2_000_000, 5, false, false);
        run(FIND, 4_000_000, 5, true, false);
        // the meters of a name that appeared after binding exist once a reading has seen it
        assertEquals(1, registry.get("querygov.query.names").gauge().value());
        QueryDescriptor other = QueryDescriptor.of("report", QueryType.RAW_SQL_ANALYTICS);
        run(other, 1_000_000, -1, false, true);
        assertEquals(2, registry.get("querygov.query.names").gauge().value());

        FunctionTimer timer = registry.get("querygov.query").tag("query", "find:Project").functionTimer();
        assertEquals(2, timer.count());
        assertEquals(6.0, timer.totalTime(TimeUnit.MILLISECONDS), 1e-9);
        assertEquals(1, registry.get("querygov.query.calls").tags("query", "find:Project", "outcome", "ERROR")
                .functionCounter().count());
        assertEquals(10, registry.get("querygov.query.rows").tag("query", "find:Project").functionCounter().count());
        assertEquals(1, registry.get("querygov.query.info").tag("query", "find:Project")
                .tag("fingerprint", SqlFingerprint.of(SQL).id()).gauge().value());
        assertEquals(1, registry.get("querygov.query.slow").tag("query", "report").functionCounter().count());
    }

    // The lookups of query-metrics' CacheStatsTest on purpose: the same counts, here as they reach Prometheus.
    @Test
    void resultCacheHitsMissesAndEvictionsArePerQueryCountersOnPrometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters.bindTo(registry);
        tracker.cacheMiss(FIND);
        tracker.cacheHit(FIND);
        tracker.cacheHit(FIND);
        tracker.cacheHit(FIND);
        tracker.cacheEvicted(FIND, 4);

        String text = registry.scrape();
        assertScrapeHas(text,
                "querygov_query_cache_gets_total{query=\"find:Project\",result=\"hit\"} 3",
                "querygov_query_cache_gets_total{query=\"find:Project\",result=\"miss\"} 1",
                "querygov_query_cache_evictions_total{query=\"find:Project\"} 4");
    }

    @Test
    void resultCacheCountersOnOtherRegistriesAppearWithTheFirstLookupAndFollowTheMetrics() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        meters.bindTo(registry);
        assertTrue(registry.find("querygov.query.cache.gets").meters().isEmpty());
        tracker.cacheMiss(FIND);
        registry.get("querygov.query.names").gauge().value();    // a publication's reading registers new names
        tracker.cacheHit(FIND);
        tracker.cacheHit(FIND);
        tracker.cacheEvicted(FIND, 2);

        assertEquals(2, registry.get("querygov.query.cache.gets").tags("query", "find:Project", "result", "hit")
                .functionCounter().count());
        assertEquals(1, registry.get("querygov.query.cache.gets").tags("query", "find:Project", "result", "miss")
                .functionCounter().count());
        assertEquals(2, registry.get("querygov.query.cache.evictions").tag("query", "find:Project")
                .functionCounter().count());
    }

    @Test
    void eventsBeyondTheCapCountUnderTheOverflowName() {
        for (String name : new String[] {"a", "b", "c", "d"}) {
            meters.onEvent(name, QueryEvent.N_PLUS_ONE);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters.bindTo(registry);
        String text = registry.scrape();
        assertTrue(text.contains("querygov_query_events_total{event=\"n_plus_one\",query=\"" + QueryMetrics.OVERFLOW_NAME
                + "\"} 2"), text);
    }

    @Test
    void theBuilderRejectsARefreshIntervalOutOfRange() {
        assertEquals("refreshInterval must be between 0 and 1 minute, was PT2M",
                assertThrows(IllegalArgumentException.class,
                        () -> QueryMeters.builder(metrics).refreshInterval(Duration.ofMinutes(2))).getMessage());
    }

    @Test
    void prometheusGetsHistogramsOfDatabaseTimeAndStatementsPerUnitOfWork() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters.bindTo(registry);
        tracker.unitOfWorkEnded("owners page", 26, 5_200_000, false);
        tracker.unitOfWorkEnded("owners page", 21, 4_200_000, false);
        tracker.unitOfWorkEnded("owners page (join fetch)", 1, 1_500_000, true);

        String text = registry.scrape();
        String page = "unit=\"owners page\"";
        String fix = "unit=\"owners page (join fetch)\"";
        assertScrapeHas(text,
                "querygov_unit_statements_bucket{" + page + ",le=\"20.0\"} 0",
                "querygov_unit_statements_bucket{" + page + ",le=\"50.0\"} 2",
                "querygov_unit_statements_sum{" + page + "} 47",
                "querygov_unit_statements_bucket{" + fix + ",le=\"1.0\"} 1",
                "querygov_unit_database_seconds_count{" + page + "} 2",
                "querygov_unit_database_seconds_sum{" + page + "} 0.0094",
                "querygov_unit_failed_total{" + fix + "} 1",
                "querygov_unit_failed_total{" + page + "} 0");
        assertTrue(!text.contains("querygov_query_seconds_count{query=\"owners page\""), "units are not queries");
    }

    @Test
    void otherRegistriesGetATimerOfDatabaseTimeAndCountersOfStatementsAndFailuresPerUnitOfWork() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        meters.bindTo(registry);
        tracker.unitOfWorkEnded("owners page", 26, 5_200_000, false);
        tracker.unitOfWorkEnded("owners page", 21, 4_200_000, true);
        registry.get("querygov.query.names").gauge().value(); // a reading registers the meters of new names

        FunctionTimer time = registry.get("querygov.unit.database").tag("unit", "owners page").functionTimer();
        assertEquals(2, time.count());
        assertEquals(9.4, time.totalTime(TimeUnit.MILLISECONDS), 1e-9);
        assertEquals(47, registry.get("querygov.unit.statements").tag("unit", "owners page").functionCounter().count());
        assertEquals(1, registry.get("querygov.unit.failed").tag("unit", "owners page").functionCounter().count());
    }

    /** Asserts that {@code scrape} holds each of {@code lines}, naming the first one missing. */
    private static void assertScrapeHas(String scrape, String... lines) {
        for (String line : lines) {
            assertTrue(scrape.contains(line), () -> "no line '" + line + "' in:\n" + scrape);
        }
    }
}
