package io.querygov.orm;

import io.querygov.orm.internal.TrackingCore;

/**
 * A unit of work the application opened with {@link HibernateTracking#unitOfWork(String)}: close it
 * (try-with-resources) on the thread that opened it, and its statements and database time are reported
 * to the tracker as one unit. Closing it again does nothing. A unit opened inside another one joins the
 * outer one, and closing it does nothing either.
 */
public final class UnitOfWork implements AutoCloseable {
    private final TrackingCore core;
    /** The scope this opened, or null when it joined one already open. */
    private final Object scope;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    UnitOfWork(TrackingCore core, Object scope) {
        this.core = core;
        this.scope = scope;
    }

    /** Whether this opened the unit, rather than joining one already open on the thread. */
    public boolean isOutermost() {
        return scope != null;
    }

    /**
     * Ends the unit (when this opened it) and reports it.
     *
     * @throws IllegalStateException on another thread than the one that opened it: a unit of work is
     *     confined to its thread
     */
    @Override
    public void close() {
        close(false);
    }

    void close(boolean failed) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a unit of work is closed on the thread that opened it (" + owner.getName()
                    + "), not on " + Thread.currentThread().getName());
        }
        if (closed) {
            return;
        }
        closed = true;
        if (scope != null) {
            core.closeScope(scope, failed);
        }
    }
}
