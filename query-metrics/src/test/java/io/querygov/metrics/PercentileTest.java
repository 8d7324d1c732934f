package io.querygov.metrics;

import static io.querygov.metrics.Executions.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryDescriptor;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import io.querygov.metrics.internal.BucketLayout;
import org.junit.jupiter.api.Test;

/**
 * Percentiles against values computed exactly by sorting. The metrics report the highest value of the
 * bucket that holds the exact one: never below it, at most 1/32 (3.1%) above it.
 */
class PercentileTest {
    private static final QueryDescriptor Q = query("q");
    /** Percentiles as per mille, so ranks are computed in integers. */
    private static final int[] PER_MILLE = {500, 950, 990, 999};

    @Test
    void uniformOneToTenThousandMicros() {
        checkAgainstExact(LongStream.rangeClosed(1, 10_000).toArray());
    }

    @Test
    void uniformWithACountThatMakesRanksFractional() {
        checkAgainstExact(LongStream.rangeClosed(1, 12_345).map(v -> v * 7).toArray());
    }

    @Test
    void bimodalFastAndSlowModes() {
        long[] values = new long[10_000];
        for (int i = 0; i < 9_000; i++) {
            values[i] = 200 + i % 1000;              // 0.2 to 1.2 ms
        }
        for (int i = 0; i < 1_000; i++) {
            values[9_000 + i] = 50_000 + 100L * i;   // 50 to 150 ms
        }
        checkAgainstExact(values);
    }

    @Test
    void exponentialTail() {
        Random random = new Random(42);
        long[] values = new long[50_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1 + (long) (-Math.log(1 - random.nextDouble()) * 5_000);
        }
        checkAgainstExact(values);
    }

    @Test
    void nanosecondUnitKeepsSubMicrosecondValues() {
        QueryMetrics metrics = QueryMetrics.builder().unit(TimeUnit.NANOSECONDS).build();
        for (long v = 1; v <= 1000; v++) {
            metrics.afterExecution(Executions.ok(Q, v));
        }
        QueryStats s = metrics.cumulativeSnapshot().query("q").orElseThrow();
        // below 64 units every value has a bucket of its own; above, buckets are 1/32 of their value wide
        assertEquals(top(500), s.p50().toNanos());
        assertEquals(503, s.p50().toNanos());
        assertEquals(top(950), s.p95().toNanos());
        assertEquals(top(999), s.p999().toNanos());
        assertEquals(top(1000), s.max().toNanos());
        QueryMetrics exact = QueryMetrics.builder().unit(TimeUnit.NANOSECONDS).build();
        exact.afterExecution(Executions.ok(Q, 63));
        assertEquals(63, exact.cumulativeSnapshot().query("q").orElseThrow().max().toNanos());
        assertEquals(TimeUnit.NANOSECONDS, s.histogramUnit());
    }

    @Test
    void microsecondUnitTruncatesToWholeMicroseconds() {
        QueryMetrics metrics = QueryMetrics.create();
        metrics.afterExecution(Executions.ok(Q, 1_999));
        QueryStats s = metrics.cumulativeSnapshot().query("q").orElseThrow();
        assertEquals(1_000, s.max().toNanos());
        assertEquals(1_999, s.totalTime().toNanos(), "the total keeps the exact duration");
    }

    private static void checkAgainstExact(long[] micros) {
        QueryMetrics metrics = QueryMetrics.create();
        Executions.recordMicros(metrics, Q, micros);
        QueryStats s = metrics.cumulativeSnapshot().query("q").orElseThrow();

        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        long[] reported = {
            micros(s.p50().toNanos()), micros(s.p95().toNanos()), micros(s.p99().toNanos()), micros(s.p999().toNanos())};
        for (int i = 0; i < PER_MILLE.length; i++) {
            long rank = (PER_MILLE[i] * (long) sorted.length + 999) / 1000; // nearest rank: ceil(p * n)
            long exact = sorted[(int) rank - 1];
            String what = "p" + PER_MILLE[i] / 10.0 + " of " + sorted.length + " values (exact " + exact + " us)";
            assertEquals(top(exact), reported[i], what);
            assertTrue(reported[i] >= exact && reported[i] - exact <= exact / 32.0, what + " within 1/32");
        }
        long max = sorted[sorted.length - 1];
        assertEquals(top(max), micros(s.max().toNanos()));

        long sum = LongStream.of(micros).sum();
        assertEquals(micros.length, s.count());
        assertEquals(sum * 1000, s.totalTime().toNanos());
        assertEquals(Math.round(sum * 1000.0 / micros.length), s.mean().toNanos());
        // what the stats keep for export holds every value
        assertEquals(micros.length, s.histogram().getTotalCount());
        assertEquals(s.p95().toNanos(), s.percentile(95).toNanos());
    }

    /** The highest value of the bucket that holds {@code value}. */
    static long top(long value) {
        return BucketLayout.highestValue(BucketLayout.index(value));
    }

    private static long micros(long nanos) {
        assertEquals(0, nanos % 1000, "a value in microseconds converts to whole microseconds");
        return nanos / 1000;
    }
}
