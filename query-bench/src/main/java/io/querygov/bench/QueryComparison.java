package io.querygov.bench;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One query in a baseline comparison: its result in each run, where it has one, and the verdict.
 *
 * @param name the query's name
 * @param verdict how this run compares with the baseline, work and time together: a regression of either is a
 *        {@link Verdict#REGRESSION}
 * @param statistic the latency statistic the verdict was judged by
 * @param baseline the query's result in the baseline, if the baseline has it
 * @param current the query's result in this run, if this run has it
 * @param change relative change of the judged statistic, {@code (current - baseline) / baseline}: 0.25 is
 *        25% slower, -0.1 is 10% faster; {@code NaN} unless both runs measured the query
 * @param timeVerdict what the latency alone says
 * @param work what the work per call says (plan, buffers, statements)
 * @param timeChange the change with its confidence interval, when both runs kept enough per-interval figures
 * @param timeReason the time verdict in words
 */
public record QueryComparison(String name, Verdict verdict, LatencyStatistic statistic,
                              Optional<QueryBenchResult> baseline, Optional<QueryBenchResult> current, double change,
                              Verdict timeVerdict, WorkComparison work, Optional<TimeChange> timeChange,
                              String timeReason) {

    public QueryComparison {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(timeVerdict, "timeVerdict");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(timeChange, "timeChange");
        Objects.requireNonNull(timeReason, "timeReason");
    }

    /** The judged statistic in the baseline, in microseconds, if the baseline measured the query. */
    public Optional<Double> baselineMicros() {
        return baseline.filter(QueryBenchResult::isMeasured).map(r -> r.latency().get(statistic));
    }

    /** The judged statistic in this run, in microseconds, if this run measured the query. */
    public Optional<Double> currentMicros() {
        return current.filter(QueryBenchResult::isMeasured).map(r -> r.latency().get(statistic));
    }

    /** {@link #change()} as a percentage. */
    public double changePercent() {
        return change * 100;
    }

    @Override
    public String toString() {
        String delta = Double.isNaN(change) ? "" : String.format(Locale.ROOT, " %s %.1fus -> %.1fus (%+.1f%%)",
                statistic.label(), baselineMicros().orElse(Double.NaN), currentMicros().orElse(Double.NaN),
                changePercent());
        return name + ": " + verdict + delta + (work.verdict() == WorkVerdict.NOT_COMPARED ? ""
                : " (work " + work.verdict() + ": " + work.reason() + ")");
    }
}
