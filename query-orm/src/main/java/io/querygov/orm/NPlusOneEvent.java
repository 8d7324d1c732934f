package io.querygov.orm;

import io.querygov.core.SqlFingerprint;
import java.util.Objects;

/**
 * The same read ran more often than allowed within one unit of work: the signature of an N+1.
 *
 * @param queryName the tracked name the repeated statement ran under, for example {@code load:Project.tasks}
 * @param shape the repeated statement's shape, without parameter values
 * @param executions how often it had run in the unit of work when the event was raised
 * @param threshold the most executions allowed
 * @param triggeredBy the tracked call that caused the repetition: the call whose result processing ran
 *        the statement (an eager association loaded by a secondary select), else the call that ran just
 *        before the repetition began (the query whose results the application then walked); the
 *        statement's own name when nothing ran before it
 */
public record NPlusOneEvent(String queryName, SqlFingerprint shape, int executions, int threshold, String triggeredBy) {

    public NPlusOneEvent {
        Objects.requireNonNull(queryName, "queryName");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(triggeredBy, "triggeredBy");
        if (executions <= threshold) {
            throw new IllegalArgumentException("an N+1 needs more executions (" + executions
                    + ") than the threshold (" + threshold + ")");
        }
    }

    /** One line for a log or an exception: what repeated, how often, after what, and what to do. */
    public String message() {
        return "N+1: " + queryName + " ran " + executions + " times in one unit of work (more than " + threshold
                + ")" + (triggeredBy.equals(queryName) ? "" : ", triggered by " + triggeredBy)
                + ": " + shape.abbreviated(200)
                + " -- fetch the association with the query that loads its owners (join fetch, an entity graph)"
                + " or enable batch fetching (@BatchSize, hibernate.default_batch_fetch_size)";
    }
}
