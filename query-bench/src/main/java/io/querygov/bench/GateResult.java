package io.querygov.bench;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gate made of a run: whether it passed, every reason it did not, and its comparison with the baseline
 * when there was one.
 *
 * @param outcome passed, failed, or the baseline could not be used
 * @param problems every reason the run did not pass, in the order of the run's queries; empty when it passed
 * @param comparison the run compared with its baseline, query by query, when a baseline was given
 * @param maxErrorRate the error rate above which a query failed the gate
 */
public record GateResult(Outcome outcome, List<GateProblem> problems, Optional<BaselineComparison> comparison,
                         MaxErrorRate maxErrorRate) {

    /** How a run came through its gate. */
    public enum Outcome {
        /** Nothing failed, no error rate was above its limit, nothing regressed. */
        PASSED,
        /** A query failed, failed too often, regressed, or (when asked) went missing. */
        FAILED,
        /**
         * The baseline does not fit the run, so nothing can be said about regressions: no query in common, or most
         * of the baseline missing from the run. A usage problem rather than a verdict, unless missing queries were
         * asked to fail the gate.
         */
        BASELINE_UNUSABLE
    }

    public GateResult {
        Objects.requireNonNull(outcome, "outcome");
        problems = List.copyOf(problems);
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(maxErrorRate, "maxErrorRate");
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    /** The problems of one kind. */
    public List<GateProblem> problems(GateProblem.Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).toList();
    }
}
