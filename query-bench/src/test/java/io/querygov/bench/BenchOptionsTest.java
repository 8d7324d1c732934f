package io.querygov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BenchOptionsTest {

    private static String rejected(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void defaultsWarmUpPastTheGenericPlanAndMeasureForTenSeconds() {
        BenchOptions o = BenchOptions.defaults();

        assertEquals(20, o.warmupIterations());
        assertEquals(Duration.ofSeconds(2), o.warmup());
        assertEquals(BenchOptions.Length.duration(Duration.ofSeconds(10)), o.length());
        assertEquals(1, o.concurrency());
        assertFalse(o.isRateLimited());
    }

    @Test
    void settersRejectBadValuesAtOnceNamingTheOptionAndTheLimit() {
        BenchOptions.Builder b = BenchOptions.builder();
        assertEquals("concurrency must be at least 1, was 0", rejected(() -> b.concurrency(0)));
        assertEquals("concurrency must be at most 1024, was 5000: each thread holds a database connection",
                rejected(() -> b.concurrency(5000)));
        assertEquals("iterations must be at least 1, was 0", rejected(() -> b.iterations(0)));
        assertEquals("duration must be positive, was PT0S", rejected(() -> b.duration(Duration.ZERO)));
        assertEquals("warmup cannot be negative, was PT-1S; use Duration.ZERO to warm up by calls only",
                rejected(() -> b.warmup(Duration.ofSeconds(-1))));
        assertEquals("warmupIterations cannot be negative, was -1; use 0 to warm up by time only",
                rejected(() -> b.warmupIterations(-1)));
        assertEquals("rate must be a positive, finite number of calls per second, was 0.0; leave it unset to run as"
                + " fast as the database answers", rejected(() -> b.rate(0)));
        assertTrue(rejected(() -> b.rate(Double.NaN)).startsWith("rate must be a positive"));
        assertEquals("progressInterval must be at least 10 ms, was PT0.001S",
                rejected(() -> b.progressInterval(Duration.ofMillis(1))));
    }

    @Test
    void durationAndIterationsExcludeEachOther() {
        BenchOptions.Builder b = BenchOptions.builder().duration(Duration.ofSeconds(30));

        assertEquals("set either a duration or iterations, not both: asked to measure 1000 calls per thread after"
                + " for PT30S", rejected(() -> b.iterations(1000)));
        assertEquals(BenchOptions.Length.duration(Duration.ofSeconds(5)),
                b.duration(Duration.ofSeconds(5)).build().length());
    }

    @Test
    void aDerivedBuilderMaySwitchBetweenDurationAndIterations() {
        BenchOptions byTime = BenchOptions.builder().duration(Duration.ofSeconds(30)).concurrency(3).rate(200).build();

        BenchOptions byCalls = byTime.toBuilder().iterations(500).build();

        assertEquals(BenchOptions.Length.iterations(500), byCalls.length());
        assertEquals(3, byCalls.concurrency());
        assertEquals(OptionalDouble.of(200), byCalls.rate());
        assertFalse(byCalls.toBuilder().unlimitedRate().build().isRateLimited());
    }
}
