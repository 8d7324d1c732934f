package io.querygov.bench;

import java.util.Objects;
import java.util.Optional;

/**
 * One reason a run does not pass its gate, for people and for CI logs.
 *
 * @param kind what is wrong
 * @param query the query it is about, or empty for the run as a whole (a baseline that does not fit it)
 * @param reason what was found, with its figures: {@code error rate 25% (10 of 40 calls) is above 1%}
 */
public record GateProblem(Kind kind, Optional<String> query, String reason) {

    /** What a problem is about. */
    public enum Kind {
        /** The query could not be measured: its calls failed, or its parameters could not be set up. */
        FAILED,
        /** More of the query's measured calls failed than the limit allows. */
        ERROR_RATE,
        /** The query's work per call regressed, or it got slower than the baseline beyond the tolerance. */
        REGRESSION,
        /** The time change's interval straddles the tolerance, and the gate is strict. */
        UNSURE,
        /** The baseline measured the query and this run did not, and missing queries fail the gate. */
        MISSING,
        /** The baseline cannot be compared with this run: nothing in common, or most of it missing. */
        BASELINE
    }

    public GateProblem {
        // A nested enum and the null checks of a record: shaped like other records with a kind, not the same logic
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return query.map(q -> q + ": ").orElse("") + reason;
    }
}
