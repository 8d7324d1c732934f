package io.querygov.bench;

import java.util.Locale;
import org.HdrHistogram.AbstractHistogram;

/**
 * The usual statistics of a distribution of durations, in microseconds. Percentiles are HdrHistogram's:
 * exact to three significant digits, so {@code p95Micros = 1234.5} may stand for any value from 1234.0 to
 * 1234.9.
 *
 * @param count values in the distribution; when 0, every other field is 0
 */
public record LatencySummary(long count, double meanMicros, double p50Micros, double p95Micros, double p99Micros,
                             double p999Micros, double maxMicros) {

    /** No values. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

    public LatencySummary {
        if (count < 0) {
            throw new IllegalArgumentException("count cannot be negative, was " + count);
        }
    }

    /** The summary of a histogram of nanosecond values. */
    public static LatencySummary ofNanos(AbstractHistogram nanos) {
        long count = nanos.getTotalCount();
        if (count == 0) {
            return EMPTY;
        }
        return new LatencySummary(count, nanos.getMean() / 1e3, micros(nanos, 50), micros(nanos, 95),
                micros(nanos, 99), micros(nanos, 99.9), nanos.getMaxValue() / 1e3);
    }

    private static double micros(AbstractHistogram nanos, double percentile) {
        return nanos.getValueAtPercentile(percentile) / 1e3;
    }

    /** The value of one statistic. */
    public double get(LatencyStatistic statistic) {
        return switch (statistic) {
            case MEAN -> meanMicros;
            case P50 -> p50Micros;
            case P95 -> p95Micros;
            case P99 -> p99Micros;
            case P999 -> p999Micros;
            case MAX -> maxMicros;
        };
    }

    @Override
    public String toString() {
        return count == 0 ? "no values" : String.format(Locale.ROOT,
                "n=%d mean=%.1fus p50=%.1fus p95=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus",
                count, meanMicros, p50Micros, p95Micros, p99Micros, p999Micros, maxMicros);
    }
}
