package io.querygov.metrics.internal;

/**
 * The fixed log-linear buckets every query name records into: values below 64 (in the metrics'
 * unit) each have a bucket of their own; above, every power of two is split into 32 buckets of equal
 * width. A bucket is therefore at most 1/32 of its lowest value wide, and the highest value of the
 * bucket that holds a value is never below it and at most 1/32 (3.1%) above it: two significant
 * digits. It is HdrHistogram's geometry with 32 sub-buckets, so each bucket is a whole number of
 * the buckets of an HdrHistogram with two significant digits (which has 128), and its highest value
 * is one of theirs.
 *
 * <p>Up to {@code 2^k} units the layout has {@code 64 + (k - 6) * 32} buckets: 886 for one hour in
 * microseconds, 1,204 for one hour in nanoseconds, 1,443 for seven days in nanoseconds.
 */
public final class BucketLayout {
    /** Buckets per power of two, as a power of two. */
    static final int SUB_BUCKET_BITS = 5;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    /** Values below this have a bucket each. */
    private static final int LINEAR_LIMIT = 2 * SUB_BUCKETS;

    private BucketLayout() {
    }

    /** The bucket of a value of zero or more. */
    public static int index(long value) {
        if (value < LINEAR_LIMIT) {
            return (int) value;
        }
        int octave = 63 - Long.numberOfLeadingZeros(value);
        int sub = (int) (value >>> (octave - SUB_BUCKET_BITS)) - SUB_BUCKETS;
        return LINEAR_LIMIT + ((octave - SUB_BUCKET_BITS - 1) << SUB_BUCKET_BITS) + sub;
    }

    /** The lowest value bucket {@code index} holds. */
    public static long lowestValue(int index) {
        if (index < LINEAR_LIMIT) {
            return index;
        }
        int above = index - LINEAR_LIMIT;
        int octave = (above >>> SUB_BUCKET_BITS) + SUB_BUCKET_BITS + 1;
        long sub = SUB_BUCKETS + (above & (SUB_BUCKETS - 1));
        return sub << (octave - SUB_BUCKET_BITS);
    }

    /** The highest value bucket {@code index} holds: what a percentile that falls in it reports. */
    public static long highestValue(int index) {
        return lowestValue(index + 1) - 1;
    }

    /** Buckets needed for values from 0 to {@code highestValue}. */
    public static int bucketsUpTo(long highestValue) {
        return index(highestValue) + 1;
    }
}
