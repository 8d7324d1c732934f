package io.querygov.bench;

import io.querygov.bench.internal.Histograms;
import io.querygov.core.QueryType;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * One query's benchmark: its measured calls, errors, rows and latencies. Immutable; the full latency
 * distribution is kept in HdrHistogram's compressed form so that a saved run can be re-read at any
 * percentile.
 *
 * <p>{@code calls} counts successful measured calls only, and latencies describe only those: a call that fails
 * fast would otherwise make a broken query look quick. Failed calls are in {@code errors}; with
 * {@link BenchOptions.Length.ForIterations iterations}, {@code calls + errors} is exactly iterations times
 * concurrency.
 *
 * @param name the query's name
 * @param type the query's type
 * @param status measured, unsupported by the runner, or failed
 * @param warmup what the warmup did; never part of the figures below
 * @param calls successful measured calls, all threads
 * @param errors failed measured calls, all threads
 * @param firstError the first error the query raised, in warmup or measurement, if any
 * @param rows rows returned or changed by the successful measured calls, in total
 * @param measuredNanos the measured window: from the common start of the measurement until its last call ended
 * @param latency durations of the successful measured calls; from the intended start when rate-limited
 * @param latencyHistogram the same durations in nanoseconds, as HdrHistogram's compressed, base64 form
 * @param rate service times and schedule lag, when the run was rate-limited
 * @param work what the database did per call on the run's sampled values (plan, buffers, rows, statements), when a
 *        {@link WorkProbe} captured it
 * @param intervals the latency interval by interval, for the confidence interval of a change; {@link
 *        LatencyIntervals#NONE} in a run saved before they were kept
 */
public record QueryBenchResult(String name, QueryType type, BenchStatus status, WarmupResult warmup, long calls,
                               long errors, Optional<ErrorSample> firstError, long rows, long measuredNanos,
                               LatencySummary latency, String latencyHistogram, Optional<RateResult> rate,
                               Optional<QueryWork> work, LatencyIntervals intervals) {

    public QueryBenchResult {
        // One null check per component, as every record of the saved-run model has: a caller's null fails here, by name
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(firstError, "firstError");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(latencyHistogram, "latencyHistogram");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(intervals, "intervals");
        if (calls < 0 || errors < 0 || rows < 0 || measuredNanos < 0) {
            throw new IllegalArgumentException("query '" + name + "': calls, errors, rows and measuredNanos cannot be"
                    + " negative, were " + calls + ", " + errors + ", " + rows + ", " + measuredNanos);
        }
    }

    /** A result without work figures. */
    public QueryBenchResult(String name, QueryType type, BenchStatus status, WarmupResult warmup, long calls,
                            long errors, Optional<ErrorSample> firstError, long rows, long measuredNanos,
                            LatencySummary latency, String latencyHistogram, Optional<RateResult> rate) {
        this(name, type, status, warmup, calls, errors, firstError, rows, measuredNanos, latency, latencyHistogram,
                rate, Optional.empty(), LatencyIntervals.NONE);
    }

    /** A result without per-interval figures. */
    public QueryBenchResult(String name, QueryType type, BenchStatus status, WarmupResult warmup, long calls,
                            long errors, Optional<ErrorSample> firstError, long rows, long measuredNanos,
                            LatencySummary latency, String latencyHistogram, Optional<RateResult> rate,
                            Optional<QueryWork> work) {
        this(name, type, status, warmup, calls, errors, firstError, rows, measuredNanos, latency, latencyHistogram,
                rate, work, LatencyIntervals.NONE);
    }

    /** This result with these work figures. */
    public QueryBenchResult withWork(QueryWork captured) {
        return new QueryBenchResult(name, type, status, warmup, calls, errors, firstError, rows, measuredNanos,
                latency, latencyHistogram, rate, Optional.of(captured), intervals);
    }

    /** Successful calls per second over the measured window; 0 when nothing was measured. */
    public double throughputPerSecond() {
        return measuredNanos == 0 ? 0 : calls * 1e9 / measuredNanos;
    }

    /** Mean rows returned or changed per successful call; 0 when there was none. */
    public double rowsPerCall() {
        return calls == 0 ? 0 : (double) rows / calls;
    }

    /** Failed calls as a fraction of all measured calls, 0 to 1. */
    public double errorRate() {
        long all = calls + errors;
        return all == 0 ? 0 : (double) errors / all;
    }

    public boolean isMeasured() {
        return status == BenchStatus.MEASURED;
    }

    /** A fresh copy of the latency distribution, in nanoseconds. */
    public Histogram decodeLatencyHistogram() {
        return Histograms.decode(latencyHistogram);
    }

    @Override
    public String toString() {
        if (status != BenchStatus.MEASURED) {
            return name + " (" + type + "): " + status + firstError.map(e -> ": " + e).orElse("");
        }
        return String.format(Locale.ROOT, "%s (%s): %d calls, %d errors, %.1f/s, %.2f rows/call, %s%s",
                name, type, calls, errors, throughputPerSecond(), rowsPerCall(), latency,
                rate.map(r -> String.format(Locale.ROOT, ", lag mean=%.1fus max=%.1fus",
                        r.scheduleLag().meanMicros(), r.scheduleLag().maxMicros())).orElse(""));
    }
}
