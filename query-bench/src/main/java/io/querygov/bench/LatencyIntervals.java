package io.querygov.bench;

import java.util.List;

/**
 * A query's latency interval by interval: the measured window cut into 20 equal intervals of time (of a run measured
 * by duration) or of each thread's calls (by iterations), each summarised. What the gate's confidence interval of a time change is computed from: calls close in
 * time share the machine's mood (a build on the other core slows a whole second of them), so intervals, not calls,
 * are the independent units a bootstrap may resample.
 *
 * @param lengthNanos each interval's length; 0 when there are none, or they were cut by calls
 * @param summaries the intervals that had successful calls, in time order
 */
public record LatencyIntervals(long lengthNanos, List<LatencySummary> summaries) {
    /** No per-interval figures: a run saved before they were kept, or one that measured nothing. */
    public static final LatencyIntervals NONE = new LatencyIntervals(0, List.of());

    public LatencyIntervals {
        if (lengthNanos < 0) {
            throw new IllegalArgumentException("lengthNanos cannot be negative, was " + lengthNanos);
        }
        summaries = List.copyOf(summaries);
    }

    /** The statistic of each interval, in time order, in microseconds. */
    public double[] values(LatencyStatistic statistic) {
        return summaries.stream().mapToDouble(s -> s.get(statistic)).toArray();
    }

    public int size() {
        return summaries.size();
    }
}
