package io.querygov.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * What a baseline comparison judges by and how strictly. Start from {@link #defaults()}:
 * {@code ComparisonCriteria.defaults().withTolerance(Tolerance.parse("10%"))}.
 *
 * @param tolerance how much worse a query may get, in time and in buffers per call, before it is a regression
 * @param statistic the latency statistic time is judged by
 * @param bufferFloor buffers per call that must be added, beyond the tolerance, for a regression: a query of 3
 *        buffers reading 4 is +33% and no regression
 * @param timeFloor the smallest change of the statistic that is a regression, whatever the tolerance: a 0.07 ms
 *        query 26% slower is 18 microseconds, which nobody should be paged for
 * @param seed the seed of the bootstrap that gives the interval of the time change, so that a verdict reads the
 *        same every time the same two runs are compared
 */
public record ComparisonCriteria(Tolerance tolerance, LatencyStatistic statistic, long bufferFloor,
                                 Duration timeFloor, long seed) {
    /** Buffers per call added, at least, for a regression. */
    public static final long DEFAULT_BUFFER_FLOOR = 8;
    /** Time added to the statistic, at least, for a regression. */
    public static final Duration DEFAULT_TIME_FLOOR = Duration.ofNanos(50_000);

    private static final ComparisonCriteria DEFAULTS = new ComparisonCriteria(Tolerance.of(0.2),
            BaselineComparison.DEFAULT_STATISTIC, DEFAULT_BUFFER_FLOOR, DEFAULT_TIME_FLOOR, 42);

    public ComparisonCriteria {
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(timeFloor, "timeFloor");
        if (bufferFloor < 0) {
            throw new IllegalArgumentException("bufferFloor cannot be negative, was " + bufferFloor);
        }
        if (timeFloor.isNegative()) {
            throw new IllegalArgumentException("timeFloor cannot be negative, was " + timeFloor);
        }
    }

    /** 20% of p95, at least 8 buffers and 0.05 ms more, bootstrap seed 42. */
    public static ComparisonCriteria defaults() {
        return DEFAULTS;
    }

    public ComparisonCriteria withTolerance(Tolerance t) {
        return new ComparisonCriteria(t, statistic, bufferFloor, timeFloor, seed);
    }

    public ComparisonCriteria withStatistic(LatencyStatistic s) {
        return new ComparisonCriteria(tolerance, s, bufferFloor, timeFloor, seed);
    }

    public ComparisonCriteria withBufferFloor(long buffers) {
        return new ComparisonCriteria(tolerance, statistic, buffers, timeFloor, seed);
    }

    public ComparisonCriteria withTimeFloor(Duration floor) {
        return new ComparisonCriteria(tolerance, statistic, bufferFloor, floor, seed);
    }

    public ComparisonCriteria withSeed(long s) {
        return new ComparisonCriteria(tolerance, statistic, bufferFloor, timeFloor, s);
    }
}
