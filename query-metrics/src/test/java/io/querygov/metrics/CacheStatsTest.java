package io.querygov.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A result cache's hits, misses and evictions per query, in interval and cumulative snapshots and in JSON. */
class CacheStatsTest {
    private static final QueryDescriptor REPORT = QueryDescriptor.of("report", QueryType.RAW_SQL_ANALYTICS);
    private static final QueryDescriptor OTHER = QueryDescriptor.of("other", QueryType.RAW_SQL_ANALYTICS);

    @Test
    void intervalsPartitionTheCountsAndTheCumulativeSnapshotHasThemAll() {
        QueryMetrics metrics = QueryMetrics.create();
        QueryTracker tracker = QueryTracker.create(metrics);
        tracker.cacheMiss(REPORT);
        tracker.cacheHit(REPORT);
        tracker.cacheHit(REPORT);
        tracker.cacheHit(REPORT);
        tracker.cacheEvicted(REPORT, 2);
        MetricsSnapshot first = metrics.intervalSnapshot();
        assertEquals(List.of(new CacheStats("report", 3, 1, 2)), first.cache());
        assertEquals(0.75, first.cache("report").orElseThrow().hitRate());

        tracker.cacheMiss(OTHER);
        MetricsSnapshot second = metrics.intervalSnapshot();
        assertEquals(List.of(new CacheStats("other", 0, 1, 0)), second.cache(), "report did nothing in this interval");
        assertEquals(Optional.empty(), second.cache("report"));

        assertEquals(List.of(new CacheStats("other", 0, 1, 0), new CacheStats("report", 3, 1, 2)),
                metrics.cumulativeSnapshot().cache());
    }

    @Test
    void theCountsSurviveJsonAndASnapshotWithoutThemHasNoCacheField() {
        QueryMetrics metrics = QueryMetrics.create();
        QueryTracker tracker = QueryTracker.create(metrics);
        assertFalse(metrics.cumulativeSnapshot().toJson().contains("\"cache\""));
        tracker.cacheHit(REPORT);
        tracker.cacheMiss(REPORT);
        MetricsSnapshot snapshot = metrics.cumulativeSnapshot();
        String json = snapshot.toJson();
        assertTrue(json.contains("\"hits\" : 1"), json);
        assertEquals(snapshot, MetricsJson.fromJson(json));
    }

    @Test
    void noLookupHasNoHitRate() {
        assertTrue(Double.isNaN(new CacheStats("q", 0, 0, 3).hitRate()));
    }
}
