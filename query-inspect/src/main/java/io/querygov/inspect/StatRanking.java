package io.querygov.inspect;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;

/** What makes a statement "top" in pg_stat_statements. */
public enum StatRanking {
    /** Total execution time: what costs the server most. */
    TOTAL_TIME(Comparator.comparingDouble(StatementStats::totalExecTimeMillis)),
    /** Mean execution time: what a caller waits for longest. */
    MEAN_TIME(Comparator.comparingDouble(StatementStats::meanExecTimeMillis)),
    /** Calls: what runs most often. */
    CALLS(Comparator.comparingLong(StatementStats::calls)),
    /** Rows returned or changed. */
    ROWS(Comparator.comparingLong(StatementStats::rows));

    private final Comparator<StatementStats> descending;

    StatRanking(Comparator<StatementStats> ascending) {
        // ties broken by query id so that a ranking is stable from one reading to the next
        this.descending = ascending.reversed().thenComparingLong(StatementStats::queryId);
    }

    /** Largest first. */
    public Comparator<StatementStats> comparator() {
        return descending;
    }

    /**
     * Reads a ranking as written on a command line: {@code total}, {@code mean}, {@code calls}, {@code rows}, or the
     * constant's name, ignoring case.
     *
     * @throws IllegalArgumentException naming the valid values
     */
    public static StatRanking parse(String text) {
        String key = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (StatRanking r : values()) {
            if (r.name().equals(key) || r.name().startsWith(key + "_")) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown ranking '" + text + "', expected one of "
                + Arrays.stream(values()).map(r -> r.name().split("_")[0].toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
    }
}
