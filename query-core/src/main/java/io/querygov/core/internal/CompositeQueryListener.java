package io.querygov.core.internal;

import io.querygov.core.QueryClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryEvent;
import io.querygov.core.QueryExecution;
import io.querygov.core.QueryListener;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Calls several listeners in order; one that throws is logged and the next still runs. The record of
 * an execution is built at most once per call, and only when a listener does not take the figures
 * as primitives.
 */
public final class CompositeQueryListener implements QueryListener {
    private final QueryListener[] listeners;
    /** Per listener: whether it overrides {@link QueryListener#onExecution} and so needs no record. */
    private final boolean[] takesPrimitives;
    private final ListenerFailureLog failures;

    public CompositeQueryListener(List<? extends QueryListener> listeners, QueryClock clock) {
        this.listeners = listeners.toArray(new QueryListener[0]);
        this.takesPrimitives = new boolean[this.listeners.length];
        for (int i = 0; i < this.listeners.length; i++) {
            QueryListener l = Objects.requireNonNull(this.listeners[i], "listeners cannot contain null");
            takesPrimitives[i] = overridesOnExecution(l);
        }
        this.failures = new ListenerFailureLog(clock);
    }

    /** Whether {@code listener} takes executions as primitives, so that calling it needs no record. */
    public static boolean overridesOnExecution(QueryListener listener) {
        try {
            return listener.getClass().getMethod("onExecution", QueryDescriptor.class, long.class, long.class, long.class,
                    Throwable.class, boolean.class).getDeclaringClass() != QueryListener.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("QueryListener declares onExecution", e);
        }
    }

    @Override
    public void onExecution(QueryDescriptor query, long startEpochMillis, long durationNanos, long rows,
                            Throwable failure, boolean slow) {
        QueryExecution record = null;
        for (int i = 0; i < listeners.length; i++) {
            QueryListener l = listeners[i];
            try {
                if (takesPrimitives[i]) {
                    l.onExecution(query, startEpochMillis, durationNanos, rows, failure, slow);
                } else {
                    if (record == null) {
                        record = QueryExecution.of(query, startEpochMillis, durationNanos, rows, failure, slow);
                    }
                    l.afterExecution(record);
                }
            } catch (Throwable t) {
                failures.failed(l, takesPrimitives[i] ? "onExecution" : "afterExecution", t, failure);
            }
        }
    }

    /** A plain loop, not {@link #each}: events are raised on the statement path, where a capturing lambda allocates. */
    @Override
    public void onEvent(String queryName, QueryEvent event) {
        for (QueryListener l : listeners) {
            try {
                l.onEvent(queryName, event);
            } catch (Throwable t) {
                failures.failed(l, "onEvent", t);
            }
        }
    }

    /** A plain loop, not {@link #each}: it runs once per unit of work (a request), and a capturing lambda allocates. */
    @Override
    public void onUnitOfWork(String unitName, int statements, long databaseNanos, boolean failed) {
        for (QueryListener l : listeners) {
            try {
                l.onUnitOfWork(unitName, statements, databaseNanos, failed);
            } catch (Throwable t) {
                failures.failed(l, "onUnitOfWork", t);
            }
        }
    }

    /** A plain loop, as {@link #onExecution}: it runs before every tracked call, and stays as cheap as it was. */
    @Override
    public void beforeExecution(QueryDescriptor query) {
        for (QueryListener l : listeners) {
            try {
                l.beforeExecution(query);
            } catch (Throwable t) {
                failures.failed(l, "beforeExecution", t, null);
            }
        }
    }

    @Override
    public void afterExecution(QueryExecution execution) {
        each("afterExecution", execution, QueryListener::afterExecution);
    }

    @Override
    public void cacheHit(QueryDescriptor query) {
        each("cacheHit", query, QueryListener::cacheHit);
    }

    @Override
    public void cacheMiss(QueryDescriptor query) {
        each("cacheMiss", query, QueryListener::cacheMiss);
    }

    @Override
    public void cacheEvicted(QueryDescriptor query, int entries) {
        each("cacheEvicted", query, (l, q) -> l.cacheEvicted(q, entries));
    }

    /**
     * Calls {@code method} on every listener, logging the ones that throw: for the callbacks that are not on a
     * statement's path. A cache lookup's pass their argument through a non-capturing method reference, so they
     * allocate nothing here.
     */
    private <A> void each(String method, A argument, BiConsumer<QueryListener, A> call) {
        for (QueryListener l : listeners) {
            try {
                call.accept(l, argument);
            } catch (Throwable t) {
                failures.failed(l, method, t);
            }
        }
    }

    @Override
    public String toString() {
        return "CompositeQueryListener" + List.of(listeners);
    }
}
