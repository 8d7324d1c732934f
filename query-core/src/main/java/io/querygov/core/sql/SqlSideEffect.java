package io.querygov.core.sql;

import java.util.Objects;

/**
 * Something a statement does that rolling its transaction back cannot undo, or that a read-only transaction does not
 * stop: a sequence advanced, a file written on the server, another session terminated. Found by
 * {@link SqlClassification}, which lists every kind it knows.
 *
 * @param what what the statement does, e.g. {@code "calls nextval()"} or {@code "runs COPY ... TO PROGRAM"}
 * @param why why a rollback does not help, e.g. {@code "a sequence never rolls back"}
 */
public record SqlSideEffect(String what, String why) {

    public SqlSideEffect {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(why, "why");
    }

    /** {@code calls nextval(), which a rollback cannot undo: a sequence never rolls back}. */
    @Override
    public String toString() {
        return what + ", which a rollback cannot undo: " + why;
    }
}
