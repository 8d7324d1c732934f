package io.querygov.bench;

import io.querygov.core.QueryType;
import java.util.Locale;

/**
 * A look at a running query, for a progress line. Values are read from the workers without stopping them,
 * so they may trail the truth by a call or two; the last event of each phase is exact.
 *
 * <p>Latency here is a mean over the interval, not a percentile: percentiles live in each worker's plain
 * histogram, which cannot be read while its worker writes it, and a histogram that can (HdrHistogram's
 * {@code Recorder}) would add two atomic operations to every call. The final percentiles are in the result.
 *
 * @param query the query's name
 * @param type the query's type
 * @param queryIndex 0-based position of the query in the run
 * @param queryCount queries in the run
 * @param phase warmup or measurement
 * @param elapsedNanos time since the phase started
 * @param calls successful calls so far in this phase, all threads
 * @param errors failed calls so far in this phase, all threads
 * @param intervalThroughput successful calls per second since the previous event of this phase
 * @param intervalMeanLatencyMicros mean latency of the successful calls since the previous event, in
 *        microseconds (from the intended start when rate-limited); {@code NaN} when there were none
 * @param last whether this is the phase's final event
 */
public record BenchProgress(String query, QueryType type, int queryIndex, int queryCount, BenchPhase phase,
                            long elapsedNanos, long calls, long errors, double intervalThroughput,
                            double intervalMeanLatencyMicros, boolean last) {

    @Override
    public String toString() {
        String mean = Double.isNaN(intervalMeanLatencyMicros) ? ""
                : String.format(Locale.ROOT, ", mean %.1f us", intervalMeanLatencyMicros);
        return String.format(Locale.ROOT, "[%d/%d] %s %s %.1fs: %d calls, %d errors, %.1f/s%s%s", queryIndex + 1,
                queryCount, query, phase.name().toLowerCase(Locale.ROOT), elapsedNanos / 1e9, calls, errors,
                intervalThroughput, mean, last ? " (done)" : "");
    }
}
