package io.querygov.orm.internal;

import io.querygov.core.SqlFingerprint;
import io.querygov.orm.NPlusOneEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * One lease of a JDBC connection by a session: with Hibernate's default connection handling that
 * is one transaction, or the whole session when it reads outside a transaction. N+1 is counted per
 * unit. Confined to the thread that holds the connection.
 */
final class UnitOfWork {
    private final long id;
    private final Map<SqlFingerprint, Repeats> repeats = new HashMap<>();
    private String lastName;

    UnitOfWork(long id) {
        this.id = id;
    }

    long id() {
        return id;
    }

    /** Counts one execution of a plain read; returns the event the first time it exceeds the threshold. */
    NPlusOneEvent count(SqlShape shape, String name, String enclosing, int threshold) {
        Repeats r = repeats.get(shape.fingerprint());
        if (r == null) {
            // what ran just before the first execution is the likeliest cause of the ones that follow
            r = new Repeats(lastName != null && !lastName.equals(name) ? lastName : name);
            repeats.put(shape.fingerprint(), r);
        }
        r.count++;
        if (r.count > threshold && !r.reported) {
            r.reported = true;
            return new NPlusOneEvent(name, shape.fingerprint(), r.count, threshold, enclosing != null ? enclosing : r.cause);
        }
        return null;
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
