package io.querygov.examples.reports;

/** Percentiles computed as PostgreSQL computes them, so that Java and SQL reports agree. */
final class Percentiles {

    private Percentiles() {
    }

    /**
     * {@code percentile_cont(fraction) WITHIN GROUP (ORDER BY value)}: the value at position
     * {@code fraction * (n - 1)} of the sorted values, interpolated linearly between its neighbours.
     *
     * @param sorted the values in ascending order, at least one
     * @param fraction between 0 and 1
     */
    static double continuous(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("a percentile needs at least one value");
        }
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be between 0 and 1, was " + fraction);
        }
        double position = fraction * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        double first = sorted[lower];
        if (lower == upper) {
            return first;
        }
        // PostgreSQL's float8 arithmetic, in the same order: first + (second - first) * (position - lower)
        return first + (sorted[upper] - first) * (position - lower);
    }
}
