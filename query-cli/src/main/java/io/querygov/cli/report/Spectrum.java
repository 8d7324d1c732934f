package io.querygov.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.HdrHistogram.AbstractHistogram;

/**
 * A latency percentile spectrum as HdrHistogram's plotter draws it: the x axis is {@code 1/(1-p)} on a log scale,
 * so 90% is at 10, 99% at 100, 99.9% at 1,000, and the tail gets as much room as the median. Several
 * distributions (a run and its baseline) share one grid of x values, so their curves can be drawn over each
 * other; each curve ends at its own last call (x = the number of values, where the maximum stands).
 *
 * @param x the grid: {@code 1/(1-p)}, from 1 (p = 0) up
 * @param millis one curve per distribution: the latency at each x, in milliseconds, null past the curve's end
 */
public record Spectrum(List<Double> x, List<List<Double>> millis) {
    /** Points per decade of x: enough for a smooth curve, few enough to keep a report small. */
    static final int POINTS_PER_DECADE = 20;

    public Spectrum {
        x = List.copyOf(x);
        millis = List.copyOf(millis);
    }

    /**
     * The spectrum of histograms of nanosecond values.
     *
     * @param histograms nulls and empty histograms give curves of nulls
     */
    public static Spectrum of(List<? extends AbstractHistogram> histograms) {
        long most = 0;
        TreeSet<Double> grid = new TreeSet<>();
        for (AbstractHistogram h : histograms) {
            if (h != null && h.getTotalCount() > 0) {
                most = Math.max(most, h.getTotalCount());
                grid.add((double) h.getTotalCount());
            }
        }
        if (most == 0) {
            return new Spectrum(List.of(), histograms.stream().map(h -> List.<Double>of()).toList());
        }
        for (int k = 0; ; k++) {
            double x = Math.pow(10, (double) k / POINTS_PER_DECADE);
            if (x > most) {
                break;
            }
            grid.add(round(x));
        }
        List<Double> xs = new ArrayList<>(grid);
        List<List<Double>> curves = new ArrayList<>();
        for (AbstractHistogram h : histograms) {
            List<Double> curve = new ArrayList<>(xs.size());
            long count = h == null ? 0 : h.getTotalCount();
            for (double x : xs) {
                if (x > count) {
                    curve.add(null);
                } else if (x == count) {
                    curve.add(h.getMaxValue() / 1e6);
                } else {
                    double percentile = 100 * (1 - 1 / x);
                    curve.add(h.getValueAtPercentile(percentile) / 1e6);
                }
            }
            curves.add(curve);
        }
        return new Spectrum(xs, curves);
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
