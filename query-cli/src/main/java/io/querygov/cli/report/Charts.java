package io.querygov.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;

/**
 * The charts of a page, described as data for querygov.js: each is drawn into the element whose
 * {@code data-chart} attribute names its key. Not thread-safe.
 */
public final class Charts {
    private final Map<String, Object> charts = new LinkedHashMap<>();

    /**
     * A latency percentile spectrum (see {@link Spectrum}) with one curve per distribution.
     *
     * @param labels one per histogram: "this run", "baseline"
     * @param histograms nanosecond values; null for a distribution that is not there
     * @return whether there was anything to draw
     */
    public boolean spectrum(String key, List<String> labels, List<? extends AbstractHistogram> histograms) {
        Spectrum spectrum = Spectrum.of(histograms);
        if (spectrum.x().isEmpty()) {
            return false;
        }
        List<Map<String, Object>> series = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (histograms.get(i) == null || histograms.get(i).getTotalCount() == 0) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("label", labels.get(i));
            s.put("values", spectrum.millis().get(i).stream().map(v -> v == null ? null : Figures.chartMillis(v))
                    .toList());
            series.add(s);
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("kind", "spectrum");
        chart.put("x", spectrum.x());
        chart.put("series", series);
        charts.put(key, chart);
        return true;
    }

    /**
     * Bars side by side: one group of bars per label, one bar per series in each.
     *
     * @param values per series, one value in milliseconds per label (null where there is none)
     */
    public void bars(String key, List<String> labels, List<String> seriesLabels, List<List<Double>> values) {
        List<Map<String, Object>> series = new ArrayList<>();
        for (int i = 0; i < seriesLabels.size(); i++) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("label", seriesLabels.get(i));
            s.put("values", values.get(i).stream().map(v -> v == null ? null : Figures.chartMillis(v)).toList());
            series.add(s);
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("kind", "bars");
        chart.put("labels", labels);
        chart.put("series", series);
        charts.put(key, chart);
    }

    /** A small line without axes: x and y of equal length. */
    public void sparkline(String key, List<? extends Number> x, List<? extends Number> values) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("kind", "sparkline");
        chart.put("x", x);
        chart.put("values", values);
        charts.put(key, chart);
    }

    public boolean isEmpty() {
        return charts.isEmpty();
    }

    /** The page data holding these charts, for {@link Page#data(Object)}. */
    public Map<String, Object> data() {
        return Map.of("charts", charts);
    }
}
