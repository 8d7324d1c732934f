package io.querygov.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** One statistic of a {@link LatencySummary}: what a baseline comparison judges by. */
public enum LatencyStatistic {
    MEAN("mean"),
    P50("p50"),
    P95("p95"),
    P99("p99"),
    P999("p99.9"),
    MAX("max");

    // A label per constant, as QueryType has its flag: enums with one property look alike, and share nothing else
    private final String label;

    LatencyStatistic(String label) {
        this.label = label;
    }

    /** The name people write: {@code p95}, {@code p99.9}, {@code mean}. */
    public String label() {
        return label;
    }

    /**
     * Reads a statistic as written on a command line: {@code p95}, {@code P99.9}, {@code p999}, {@code mean}.
     *
     * @throws IllegalArgumentException naming the valid values when the text is none of them
     */
    public static LatencyStatistic parse(String text) {
        if (text != null) {
            String key = text.trim().toLowerCase(Locale.ROOT);
            for (LatencyStatistic s : values()) {
                if (s.label.equals(key) || s.name().toLowerCase(Locale.ROOT).equals(key)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("unknown latency statistic '" + text + "', expected one of "
                + Arrays.stream(values()).map(LatencyStatistic::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
