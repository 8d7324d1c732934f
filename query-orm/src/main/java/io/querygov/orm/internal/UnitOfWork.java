package io.querygov.orm.internal;

import io.querygov.core.QueryTracker;
import io.querygov.core.SqlFingerprint;
import io.querygov.orm.NPlusOneEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One unit of work, for N+1 and for the tracker's units: a scope the application opened
 * ({@code HibernateTracking.unitOfWork}), else a transaction's lease of a JDBC connection, or a session's
 * statements outside a transaction. Counts its statements and sums their durations. Confined to the
 * thread that runs it.
 */
final class UnitOfWork {
    private final long id;
    /** The name the application gave, or the first statement's call's name; null until then. */
    private String name;
    private int statements;
    private long databaseNanos;
    private boolean failed;
    /** Whether its end will be reported (a lease, a session end, or a scope's close is waiting for it). */
    private boolean endAwaited;
    private boolean ended;
    /**
     * The first shape is counted in a field and the map made only for a second one: most units of
     * work (a find in its own session) run a single statement, and this is on their path.
     */
    private SqlFingerprint firstShape;
    private Repeats firstRepeats;
    private Map<SqlFingerprint, Repeats> otherRepeats;
    private String lastName;
    private List<Repeats> reported;

    UnitOfWork(long id) {
        this.id = id;
    }

    UnitOfWork(long id, String name) {
        this.id = id;
        this.name = name;
    }

    /** A statement of this unit begins, run by the call named {@code callName}; returns whether it is the first. */
    boolean statementBegins(String callName) {
        if (name == null) {
            name = callName;
        }
        return statements++ == 0;
    }

    /** A statement of this unit ended after {@code nanos}. */
    void statementEnded(long nanos, boolean statementFailed) {
        databaseNanos += nanos;
        failed |= statementFailed;
    }

    void markFailed() {
        failed = true;
    }

    /** Tells the tracker this unit ended, with its totals; a unit that no statement ran in has no name and is not told. */
    void reportEnd(QueryTracker tracker) {
        if (name != null) {
            tracker.unitOfWorkEnded(name, statements, databaseNanos, failed);
        }
    }

    /** Marks the end as awaited; returns whether it was not already. */
    boolean awaitEnd() {
        if (endAwaited) {
            return false;
        }
        endAwaited = true;
        return true;
    }

    /** Marks the unit ended; returns whether it had not ended before (so that its end is reported once). */
    boolean markEnded() {
        if (ended) {
            return false;
        }
        ended = true;
        return true;
    }

    long id() {
        return id;
    }

    /**
     * Counts one execution of a plain read with parameter values hashing to {@code values}; returns the event the
     * first time the reads of one shape with different values exceed the threshold. The same values again are
     * counted as an execution but not towards the threshold: that is a repeated query, not an N+1.
     *
     * @param hql the HQL of the call that ran just before, if it was an HQL query, for the event
     */
    NPlusOneEvent count(SqlShape shape, String name, String enclosing, long values, int threshold,
                        String causeHql) {
        SqlFingerprint fp = shape.fingerprint();
        Repeats r = repeats(fp);
        if (r == null) {
            // what ran just before the first execution is the likeliest cause of the ones that follow
            boolean other = lastName != null && !lastName.equals(name);
            r = new Repeats(other ? lastName : name, other ? causeHql : null, threshold);
            if (firstShape == null) {
                firstShape = fp;
                firstRepeats = r;
            } else {
                if (otherRepeats == null) {
                    otherRepeats = new HashMap<>();
                }
                otherRepeats.put(fp, r);
            }
        }
        r.executions++;
        if (r.event == null && r.distinct(values) > threshold) {
            String cause = enclosing != null ? enclosing : r.cause;
            r.event = new NPlusOneEvent(name, fp, r.executions, threshold, cause,
                    enclosing != null ? null : r.causeHql, ApplicationFrame.first());
            if (reported == null) {
                reported = new ArrayList<>(2);
            }
            reported.add(r);
            return r.event;
        }
        return null;
    }

    /** Whether an N+1 was reported in this unit, so that its end must be reported too. */
    boolean hasNPlusOne() {
        return reported != null;
    }

    /** The unit ended: each N+1 it reported, with its final count. Empty the second time. */
    List<NPlusOneEvent> end() {
        if (reported == null) {
            return List.of();
        }
        List<NPlusOneEvent> events = new ArrayList<>(reported.size());
        for (Repeats r : reported) {
            events.add(r.event.withExecutions(r.executions));
        }
        reported = null;
        return events;
    }

    private Repeats repeats(SqlFingerprint fp) {
        if (firstShape == null) {
            return null;
        }
        if (firstShape == fp || firstShape.equals(fp)) {
            return firstRepeats;
        }
        return otherRepeats == null ? null : otherRepeats.get(fp);
    }

    String lastName() {
        return lastName;
    }

    void ran(String name) {
        lastName = name;
    }

    private static final class Repeats {
        final String cause;
        final String causeHql;
        /** The parameter values seen, by hash, until the threshold is crossed; then no longer needed. */
        final long[] seen;
        int seenCount;
        int executions;
        NPlusOneEvent event;

        Repeats(String cause, String causeHql, int threshold) {
            this.cause = cause;
            this.causeHql = causeHql;
            this.seen = new long[Math.min(threshold + 1, 64)];
        }

        /** Values of unknown identity (hash 0): each counts as new. */
        int unknown;

        /** Distinct values seen, counting {@code values}; past 64, and for unknown values, every execution counts. */
        int distinct(long values) {
            if (values == 0) {
                return seenCount + ++unknown;
            }
            for (int i = 0; i < seenCount; i++) {
                if (seen[i] == values) {
                    return seenCount + unknown;
                }
            }
            if (seenCount < seen.length) {
                seen[seenCount++] = values;
                return seenCount + unknown;
            }
            return executions;
        }
    }
}
