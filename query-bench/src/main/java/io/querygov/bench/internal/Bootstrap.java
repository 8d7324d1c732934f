package io.querygov.bench.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A percentile bootstrap of the ratio of two medians, each run's sample resampled on its own, with a seeded RNG so
 * that comparing the same two runs gives the same interval every time.
 */
public final class Bootstrap {
    /** Resamples: the 2.5th and 97.5th percentiles of 4,000 ratios move by well under a percent between seeds. */
    public static final int RESAMPLES = 4000;

    private Bootstrap() {
    }

    /**
     * The ratio of medians {@code median(after) / median(before)} and its 95% interval, as {@code {ratio, low, high}}.
     *
     * @throws IllegalArgumentException when a sample is empty or its median is not positive
     */
    public static double[] ratioOfMedians(double[] before, double[] after, long seed) {
        if (before.length == 0 || after.length == 0) {
            throw new IllegalArgumentException("both samples need values, had " + before.length + " and "
                    + after.length);
        }
        double base = median(before.clone());
        if (!(base > 0)) {
            throw new IllegalArgumentException("the baseline's median must be positive, was " + base);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] ratios = new double[RESAMPLES];
        double[] b = new double[before.length];
        double[] a = new double[after.length];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < b.length; i++) {
                b[i] = before[random.nextInt(before.length)];
            }
            for (int i = 0; i < a.length; i++) {
                a[i] = after[random.nextInt(after.length)];
            }
            double mb = median(b);
            ratios[r] = mb > 0 ? median(a) / mb : Double.POSITIVE_INFINITY;
        }
        Arrays.sort(ratios);
        return new double[] {median(after.clone()) / base, ratios[(int) (RESAMPLES * 0.025)],
                ratios[(int) (RESAMPLES * 0.975) - 1]};
    }

    /** The median; sorts the array. */
    static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
