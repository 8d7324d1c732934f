package io.querygov.bench;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What the database did per call of one query, on a fixed set of sampled parameter values: the same seed draws the
 * same values in every run, so sample {@code i} of a run and sample {@code i} of its baseline ran the same call.
 * Captured by a {@link WorkProbe} after the query's measurement, and judged by {@link WorkComparison}.
 *
 * @param samples one per set of values, in the order drawn; may be empty when nothing could be captured
 * @param note why some figures are missing, when they are: {@code writes: plain EXPLAIN, no buffers}, or the error
 *        that stopped the capture
 * @param captureNanos how long the capture took, wall time: what the work part costs a benchmark
 */
public record QueryWork(List<WorkSample> samples, Optional<String> note, long captureNanos) {

    public QueryWork {
        samples = List.copyOf(samples);
        Objects.requireNonNull(note, "note");
        if (captureNanos < 0) {
            throw new IllegalArgumentException("captureNanos cannot be negative, was " + captureNanos);
        }
    }

    /** Nothing captured, for this reason. */
    public static QueryWork none(String reason, long captureNanos) {
        return new QueryWork(List.of(), Optional.of(reason), captureNanos);
    }

    /** Mean shared buffers hit plus read per call over the samples that measured them. */
    public OptionalDouble buffersPerCall() {
        return mean(WorkSample::buffers);
    }

    /** Mean rows per call over the samples that measured them. */
    public OptionalDouble rowsPerCall() {
        return mean(WorkSample::rows);
    }

    /** Mean statements per call over the samples that recorded them. */
    public OptionalDouble statementsPerCall() {
        return mean(WorkSample::statements);
    }

    /** Whether any sample has a plan. */
    public boolean hasPlans() {
        return samples.stream().anyMatch(s -> !s.plan().isEmpty());
    }

    private OptionalDouble mean(Function<WorkSample, OptionalLong> figure) {
        return samples.stream().map(figure).filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong)
                .average();
    }
}
