package io.querygov.bench;

import java.util.Locale;

/**
 * How much a query's time changed, with a confidence interval: the ratio of the median over intervals of the judged
 * statistic (per-interval p95 by default), this run's over the baseline's, and a 95% bootstrap interval of that
 * ratio from resampling each run's intervals.
 *
 * @param ratio the point estimate: 1.25 is 25% slower
 * @param low the interval's lower end
 * @param high the interval's upper end
 * @param baselineIntervals intervals of the baseline resampled
 * @param currentIntervals intervals of this run resampled
 */
public record TimeChange(double ratio, double low, double high, int baselineIntervals, int currentIntervals) {

    /** {@code +22.0% (95% CI +15.1% .. +30.2%)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%+.1f%% (95%% CI %+.1f%% .. %+.1f%%)", (ratio - 1) * 100, (low - 1) * 100,
                (high - 1) * 100);
    }
}
