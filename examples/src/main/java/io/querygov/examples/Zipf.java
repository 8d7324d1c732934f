package io.querygov.examples;

import java.util.Arrays;

/** Samples 0..n-1 with probability proportional to 1 / (k + 1)^exponent: a few values far more often than the rest. */
final class Zipf {
    private final double[] cumulative;

    Zipf(int n, double exponent) {
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / StrictMath.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
    }

    /** The value a uniform draw from [0, 1) stands for. */
    int sample(double uniform) {
        double target = uniform * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, target);
        int index = i >= 0 ? i + 1 : -i - 1;
        return Math.min(index, cumulative.length - 1);
    }
}
