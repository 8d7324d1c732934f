package io.querygov.orm.internal;

import io.querygov.core.SqlFingerprint;
import io.querygov.orm.NPlusOneEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * One unit of work for N+1: a transaction's lease of a JDBC connection, or a session's reads outside
 * a transaction. Confined to the thread that runs it.
 */
final class UnitOfWork {
    private final long id;
    /**
     * The first shape is counted in a field and the map made only for a second one: most units of
     * work (a find in its own session) run a single statement, and this is on their path.
     */
    private SqlFingerprint firstShape;
    private Repeats firstRepeats;
    private Map<SqlFingerprint, Repeats> otherRepeats;
    private String lastName;

    UnitOfWork(long id) {
        this.id = id;
    }

    long id() {
        return id;
    }

    /** Counts one execution of a plain read; returns the event the first time it exceeds the threshold. */
    NPlusOneEvent count(SqlShape shape, String name, String enclosing, int threshold) {
        SqlFingerprint fp = shape.fingerprint();
        Repeats r = repeats(fp);
        if (r == null) {
            // what ran just before the first execution is the likeliest cause of the ones that follow
            r = new Repeats(lastName != null && !lastName.equals(name) ? lastName : name);
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
        r.count++;
        if (r.count > threshold && !r.reported) {
            r.reported = true;
            return new NPlusOneEvent(name, fp, r.count, threshold, enclosing != null ? enclosing : r.cause);
        }
        return null;
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

    void ran(String name) {
        lastName = name;
    }

    private static final class Repeats {
        final String cause;
        int count;
        boolean reported;

        Repeats(String cause) {
            this.cause = cause;
        }
    }
}
