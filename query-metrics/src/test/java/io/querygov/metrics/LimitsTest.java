package io.querygov.metrics;

import static io.querygov.metrics.Executions.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.querygov.core.QueryClock;
import io.querygov.core.QueryDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The builder's checks, the cap on query names and the clamp of long durations. */
class LimitsTest {

    @Test
    void defaults() {
        QueryMetrics m = QueryMetrics.create();
        assertEquals(TimeUnit.MICROSECONDS, m.unit());
        assertEquals(Duration.ofHours(1), m.highestTrackableValue());
        assertEquals(1000, m.maxQueries());
    }

    @Test
    void theBuilderRejectsBadValuesAtOnceNamingTheLimit() {
        assertEquals("maxQueries must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> QueryMetrics.builder().maxQueries(0)).getMessage());
        assertEquals("highestTrackableValue must be between 1 ms and 7 days, was PT0.0005S",
                assertThrows(IllegalArgumentException.class,
                        () -> QueryMetrics.builder().highestTrackableValue(Duration.ofNanos(500_000))).getMessage());
        assertEquals("highestTrackableValue must be between 1 ms and 7 days, was PT192H",
                assertThrows(IllegalArgumentException.class,
                        () -> QueryMetrics.builder().highestTrackableValue(Duration.ofDays(8))).getMessage());
        assertEquals("highestTrackableValue must be between 1 ms and 7 days, was null",
                assertThrows(IllegalArgumentException.class,
                        () -> QueryMetrics.builder().highestTrackableValue(null)).getMessage());
        assertEquals("unit must be MICROSECONDS or NANOSECONDS, was MILLISECONDS",
                assertThrows(IllegalArgumentException.class,
                        () -> QueryMetrics.builder().unit(TimeUnit.MILLISECONDS)).getMessage());
        assertEquals("clock cannot be null; use QueryClock.SYSTEM for the system clock",
                assertThrows(IllegalArgumentException.class, () -> QueryMetrics.builder().clock(null)).getMessage());
        QueryMetrics m = QueryMetrics.builder().maxQueries(1).unit(TimeUnit.NANOSECONDS)
                .highestTrackableValue(Duration.ofMillis(1)).clock(QueryClock.SYSTEM).build();
        assertEquals(1, m.maxQueries());
        assertEquals(TimeUnit.NANOSECONDS, m.unit());
    }

    @Test
    void queriesBeyondTheCapShareTheOverflowEntryAndOneWarningSaysSo() {
        QueryMetrics m = QueryMetrics.builder().maxQueries(3).build();
        try (CapturedLog log = new CapturedLog(QueryMetrics.class)) {
            for (String name : List.of("a", "b", "c", "d", "e", "f")) {
                Executions.recordMicros(m, query(name), 100, 200);
            }
            Executions.recordMicros(m, query("a"), 300);
            Executions.recordMicros(m, query("g"), 300);

            List<String> warnings = log.messages(Level.WARN);
            assertEquals(1, warnings.size(), () -> "one warning, got " + warnings);
            String w = warnings.get(0);
            assertTrue(w.contains("maxQueries = 3"), w);
            assertTrue(w.contains("'d'"), w);
            assertTrue(w.contains(QueryMetrics.OVERFLOW_NAME), w);
            assertTrue(w.contains("QueryMetrics.builder().maxQueries(int)"), w);
            assertEquals(1, log.size());
        }
        MetricsSnapshot s = m.cumulativeSnapshot();
        assertEquals(4, s.queries().size());
        assertEquals(3, s.query("a").orElseThrow().count(), "names under the cap keep their own entry");
        QueryStats overflow = s.query(QueryMetrics.OVERFLOW_NAME).orElseThrow();
        assertEquals(7, overflow.count(), "d, e, f twice each and g once");
        assertTrue(overflow.isOverflow());
        assertNull(overflow.type());
    }

    @Test
    void durationsAboveTheHighestTrackableValueAreClampedAndLoggedOnce() {
        QueryMetrics m = QueryMetrics.builder().highestTrackableValue(Duration.ofSeconds(1)).build();
        QueryDescriptor q = query("report");
        try (CapturedLog log = new CapturedLog(QueryMetrics.class)) {
            m.afterExecution(Executions.ok(q, Duration.ofSeconds(5).toNanos()));
            m.afterExecution(Executions.ok(q, Duration.ofSeconds(10).toNanos()));
            m.afterExecution(Executions.ok(q, Duration.ofMillis(500).toNanos()));
            List<String> warnings = log.messages(Level.WARN);
            assertEquals(1, warnings.size(), () -> "one warning, got " + warnings);
            assertTrue(warnings.get(0).contains("'report' took PT5S, more than highestTrackableValue PT1S"), warnings.get(0));
        }
        QueryStats s = m.cumulativeSnapshot().query("report").orElseThrow();
        assertEquals(3, s.count());
        long oneSecondBucketTop = PercentileTest.top(1_000_000);
        assertEquals(Duration.ofNanos(oneSecondBucketTop * 1000), s.max(), "clamped to 1 s (to 2 digits)");
        assertEquals(Duration.ofNanos(oneSecondBucketTop * 1000), s.p50());
        assertEquals(Duration.ofMillis(15_500), s.totalTime(), "the total keeps the real durations");
    }

    @Test
    void clampingWorksInNanosecondsToo() {
        QueryMetrics m = QueryMetrics.builder().unit(TimeUnit.NANOSECONDS).highestTrackableValue(Duration.ofMillis(1)).build();
        m.afterExecution(Executions.ok(query("q"), 5_000_000));
        QueryStats s = m.cumulativeSnapshot().query("q").orElseThrow();
        assertEquals(PercentileTest.top(1_000_000), s.max().toNanos());
    }
}
