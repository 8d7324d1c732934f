package io.querygov.examples;

import java.util.UUID;

/**
 * SplitMix64 (Steele, Lea and Flood, 2014), written out here so that the example data is the same on every JVM:
 * the algorithm is fixed by this file, not by a library version, and the floating point goes through
 * {@link StrictMath}, whose results are specified to the bit. Not thread-safe; one instance per generated table.
 */
final class SeededRandom {

    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;

    SeededRandom(long seed) {
        this.state = seed;
    }

    /** An independent stream for {@code purpose}, so that changing how one table is generated leaves the others. */
    static SeededRandom stream(long seed, String purpose) {
        long h = seed;
        for (int i = 0; i < purpose.length(); i++) {
            h = mix(h ^ purpose.charAt(i));
        }
        return new SeededRandom(h);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    /** Uniform in [0, bound), without modulo bias worth mentioning for the bounds used here (far below 2^32). */
    long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        return Math.floorMod(nextLong(), bound);
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    <T> T pick(T[] values) {
        return values[nextInt(values.length)];
    }

    /** A standard normal value, by the Box-Muller transform. */
    double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log(0) is not a number
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** A log-normal value with the given median and shape: half the values lie below the median, a long tail above. */
    double nextLogNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * nextGaussian());
    }

    /** A random (version 4, IETF variant) UUID drawn from this stream. */
    UUID nextUuid() {
        long msb = (nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
