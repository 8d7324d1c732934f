package io.querygov.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.ManualClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache without a database: keys, TTL, the byte bound, invalidation by table, and the race with a write. */
class QueryCacheTest {
    private final ManualClock clock = new ManualClock();
    private final CacheCounts counts = new CacheCounts();
    private final QueryTracker tracker = QueryTracker.builder().clock(clock).listener(counts).build();
    private final AtomicInteger runs = new AtomicInteger();

    private static final QueryDescriptor STATS = QueryDescriptor.builder("project_stats", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT count(*) FROM reconciliation_jobs j JOIN projects p ON p.id = j.project_id WHERE p.id = :id")
            .cacheTtl(Duration.ofSeconds(30))
            .build();
    private static final QueryDescriptor USERS = QueryDescriptor.builder("user_names", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT name FROM users WHERE id = :id")
            .cacheTtl(Duration.ofSeconds(30))
            .build();

    private List<String> load(String value) {
        runs.incrementAndGet();
        return new ArrayList<>(List.of(value));
    }

    @Test
    void theSameNameAndValuesHitAndOtherValuesMiss() {
        try (QueryCache cache = QueryCache.builder(tracker).build()) {
            List<String> first = cache.get(STATS, List.of(1), () -> load("a"));
            assertSame(first, cache.get(STATS, List.of(1), () -> load("b")));
            assertEquals(List.of("c"), cache.get(STATS, List.of(2), () -> load("c")));
            assertEquals(2, runs.get());
            assertEquals(1, counts.hits("project_stats"));
            assertEquals(2, counts.misses("project_stats"));
        }
    }

    @Test
    void namedValuesMatchWhateverTheirOrder() {
        try (QueryCache cache = QueryCache.builder(tracker).build()) {
            cache.get(STATS, Map.of("a", 1, "b", "x"), () -> load("a"));
            cache.get(STATS, new java.util.TreeMap<>(Map.of("b", "x", "a", 1)), () -> load("b"));
            assertEquals(1, runs.get());
        }
    }

    @Test
    void aQueryWithoutTtlAlwaysRunsAndCountsNothing() {
        QueryDescriptor uncached = QueryDescriptor.builder("plain", QueryType.RAW_SQL_ANALYTICS).sql("SELECT 1").build();
        try (QueryCache cache = QueryCache.builder(tracker).build()) {
            cache.get(uncached, List.of(), () -> load("a"));
            cache.get(uncached, List.of(), () -> load("a"));
            assertEquals(2, runs.get());
            assertEquals(0, counts.misses("plain"));
        }
    }

    @Test
    void aResultExpiresAfterItsQueryTtl() {
        try (QueryCache cache = QueryCache.builder(tracker).build()) {
            cache.get(STATS, List.of(1), () -> load("a"));
            clock.advance(Duration.ofSeconds(29));
            cache.get(STATS, List.of(1), () -> load("b"));
            assertEquals(1, runs.get());
            clock.advance(Duration.ofSeconds(2));
            assertEquals(List.of("c"), cache.get(STATS, List.of(1), () -> load("c")));
            assertEquals(2, runs.get());
            assertEquals(1, counts.evictions("project_stats"));
        }
    }

    @Test
    void theByteBoundEvictsResultsLongBeforeAnEntryCountWould() {
        String big = "x".repeat(100_000);
        try (QueryCache cache = QueryCache.builder(tracker).maximumBytes(1_000_000).build()) {
            for (int i = 0; i < 50; i++) {
                int id = i;
                cache.get(STATS, List.of(id), () -> load(big + id));
            }
            assertTrue(cache.estimatedBytes() <= 1_000_000, "held " + cache.estimatedBytes() + " bytes");
            assertTrue(cache.entries() <= 10, "fifty 100 KB results in 1 MB: at most 10 stay, " + cache.entries() + " did");
            assertTrue(counts.evictions("project_stats") >= 40);
        }
    }

    @Test
    void invalidatingATableEvictsOnlyTheQueriesThatReadIt() {
        try (QueryCache cache = QueryCache.builder(tracker).build()) {
            cache.get(STATS, List.of(1), () -> load("a"));
            cache.get(STATS, List.of(2), () -> load("a"));
            cache.get(USERS, List.of(1), () -> load("a"));
            cache.invalidateTables(List.of("projects"));
            assertEquals(2, counts.evictions("project_stats"));
            assertEquals(0, counts.evictions("user_names"));
            cache.get(USERS, List.of(1), () -> load("b"));
            cache.get(STATS, List.of(1), () -> load("b"));
            assertEquals(4, runs.get(), "the three loads, and the one of project_stats after its eviction");
        }
    }

    @Test
    void aLoadThatRanAcrossAnInvalidationIsNeverServed() {
        try (QueryCache cache = QueryCache.builder(tracker).build()) {
            // the write is seen while the query runs: what it read may predate the write
            List<String> stale = cache.get(STATS, List.of(1), () -> {
                cache.invalidateTables(List.of("reconciliation_jobs"));
                return load("old");
            });
            assertEquals(List.of("old"), stale, "the caller still gets what it loaded");
            assertEquals(List.of("new"), cache.get(STATS, List.of(1), () -> load("new")));
            assertEquals(2, runs.get());
        }
    }

    @Test
    void aLoaderThatThrowsCachesNothingAndTheExceptionIsUnchanged() throws Exception {
        try (QueryCache cache = QueryCache.builder(tracker).build()) {
            IllegalStateException thrown = new IllegalStateException("boom");
            assertSame(thrown, assertThrows(IllegalStateException.class,
                    () -> cache.get(STATS, List.of(1), () -> { throw thrown; })));
            assertEquals(List.of("a"), cache.get(STATS, List.of(1), () -> load("a")));
        }
    }

    @Test
    void aValueComparedByIdentityIsRefusedWithTheQueryNamed() {
        try (QueryCache cache = QueryCache.builder(tracker).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> cache.get(STATS, List.of(new Object()), () -> load("a")));
            assertTrue(e.getMessage().contains("'project_stats'") && e.getMessage().contains("java.lang.Object"), e.getMessage());
        }
    }

    @Test
    void settersNameTheirLimits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QueryCache.builder(tracker).maximumBytes(10));
        assertEquals("maximumBytes must be at least 1024, was 10", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QueryDescriptor.builder("q", QueryType.RAW_SQL_ANALYTICS)
                .cacheTtl(Duration.ZERO).build());
    }

    @Test
    void queryMetricsSnapshotsCarryTheCountsPerQuery() {
        io.querygov.metrics.QueryMetrics metrics = io.querygov.metrics.QueryMetrics.create();
        try (QueryCache cache = QueryCache.builder(QueryTracker.builder().clock(clock).listener(metrics).build()).build()) {
            cache.get(STATS, List.of(1), () -> load("a"));
            cache.get(STATS, List.of(1), () -> load("a"));
            cache.get(STATS, List.of(1), () -> load("a"));
            cache.invalidateTables(List.of("projects"));
            assertEquals(new io.querygov.metrics.CacheStats("project_stats", 2, 1, 1),
                    metrics.intervalSnapshot().cache("project_stats").orElseThrow());
        }
    }

    @Test
    void aClosedCacheRunsEveryLoader() {
        QueryCache cache = QueryCache.builder(tracker).build();
        cache.get(STATS, List.of(1), () -> load("a"));
        cache.close();
        cache.get(STATS, List.of(1), () -> load("a"));
        assertEquals(2, runs.get());
        assertEquals(InvalidationStatus.CLOSED, cache.invalidationStatus());
    }
}
