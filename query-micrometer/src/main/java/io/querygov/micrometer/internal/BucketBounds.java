package io.querygov.micrometer.internal;

import java.util.concurrent.TimeUnit;

/**
 * The buckets exported for fleet-wide percentiles: four per power of two over 20 powers of two, from
 * 2^6 to 2^26 microseconds (64 us to 67 s) for metrics in microseconds, from 2^16 to 2^36 nanoseconds
 * (66 us to 69 s) for metrics in nanoseconds. Each bound is the lowest value of one of the metrics'
 * own buckets (32, 38, 45 or 54 thirty-seconds of a power of two of the unit), so the exported counts
 * are exact. Instances whose histograms should merge use the same unit. A bucket is at most 20% wider
 * than its lower bound (54/45), which bounds what {@code histogram_quantile}'s interpolation within
 * it can be off by: an estimate and the exact value lie in the same bucket.
 */
public final class BucketBounds {
    private static final int[] THIRTY_SECONDS = {32, 38, 45, 54};
    private static final int POWERS = 20;
    /** The widest bucket relative to its lower bound. */
    public static final double RELATIVE_WIDTH = 54.0 / 45 - 1;

    private BucketBounds() {
    }

    /** The finite upper bounds in the metrics' unit (micro- or nanoseconds), lowest first. */
    public static long[] upperBounds(TimeUnit unit) {
        int lowest = unit == TimeUnit.NANOSECONDS ? 16 : 6;
        long[] bounds = new long[POWERS * THIRTY_SECONDS.length + 1];
        int i = 0;
        for (int p = lowest; p < lowest + POWERS; p++) {
            for (int m : THIRTY_SECONDS) {
                bounds[i++] = (long) m << (p - 5);
            }
        }
        bounds[i] = 1L << (lowest + POWERS);
        return bounds;
    }
}
