package io.querygov.orm;

import io.querygov.core.SqlFingerprint;
import java.util.Objects;

/**
 * The same read ran more often than allowed within one unit of work, each time with other parameter values:
 * the signature of an N+1. A read repeated with the same values is a repeated query (a cache's business), not
 * an N+1, and does not count.
 *
 * @param queryName the tracked name the repeated statement ran under, for example {@code load:Project.tasks}
 * @param shape the repeated statement's shape, without parameter values
 * @param executions how often it ran in the unit of work: {@code threshold + 1} when the threshold is crossed
 *        ({@link NPlusOneListener#onNPlusOne}), the final count when the unit of work ends
 *        ({@link NPlusOneListener#onUnitOfWorkEnd})
 * @param threshold the most executions allowed
 * @param triggeredBy the tracked call that caused the repetition: the call whose result processing ran
 *        the statement (an eager association loaded by a secondary select), else the call that ran just
 *        before the repetition began (the query whose results the application then walked); the
 *        statement's own name when nothing ran before it
 * @param triggerStatement the HQL of {@code triggeredBy} when it was an HQL or named query, else null
 * @param applicationFrame the first stack frame of the application (not Hibernate's, querygov's, the JDK's, a
 *        pool's or a driver's) when the threshold was crossed, {@code com.acme.OwnerController.list(OwnerController.java:42)},
 *        or null when there was none
 */
public record NPlusOneEvent(String queryName, SqlFingerprint shape, int executions, int threshold, String triggeredBy,
                            String triggerStatement, String applicationFrame) {

    public NPlusOneEvent {
        Objects.requireNonNull(queryName, "queryName");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(triggeredBy, "triggeredBy");
        if (executions <= threshold) {
            throw new IllegalArgumentException("an N+1 needs more executions (" + executions
                    + ") than the threshold (" + threshold + ")");
        }
    }

    /** An event without the trigger's statement or the application's frame. */
    public NPlusOneEvent(String queryName, SqlFingerprint shape, int executions, int threshold, String triggeredBy) {
        this(queryName, shape, executions, threshold, triggeredBy, null, null);
    }

    /** This event with the final count of executions. */
    public NPlusOneEvent withExecutions(int finalExecutions) {
        return new NPlusOneEvent(queryName, shape, finalExecutions, threshold, triggeredBy, triggerStatement,
                applicationFrame);
    }

    /** One line for a log or an exception: what repeated, how often, after what, where, and what to do. */
    public String message() {
        return "N+1: " + queryName + " ran " + executions + " times in one unit of work (more than " + threshold
                + ")" + (triggeredBy.equals(queryName) ? "" : ", triggered by " + triggeredBy
                + (triggerStatement == null ? "" : " (" + abbreviate(triggerStatement, 200) + ")"))
                + (applicationFrame == null ? "" : ", at " + applicationFrame)
                + ": " + shape.abbreviated(200) + " -- " + advice();
    }

    /** What usually cures this kind of repetition. */
    public String advice() {
        if (queryName.startsWith("find:")) {
            return "load the entities with one call (session.findMultiple(" + queryName.substring(5)
                    + ".class, ids), or a query with 'where e.id in :ids') instead of find() in a loop";
        }
        if (queryName.startsWith("load:")) {
            return queryName.indexOf('.') > 0
                    ? "fetch the association with the query that loads its owners (join fetch, an entity graph)"
                            + " or enable batch fetching (@BatchSize, hibernate.default_batch_fetch_size)"
                    : "fetch the association with the query that loads its owners (join fetch, an entity graph)"
                            + " or enable batch fetching (@BatchSize on the entity, hibernate.default_batch_fetch_size)";
        }
        return "run the query once for all the keys (an IN list, a join) instead of once per row";
    }

    private static String abbreviate(String text, int max) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
    }
}
