package io.querygov.core.internal;

import io.querygov.core.QueryClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryExecution;
import io.querygov.core.QueryListener;
import java.util.List;
import java.util.Objects;

/** Calls several listeners in order; one that throws is logged and the next still runs. */
public final class CompositeQueryListener implements QueryListener {
    private final QueryListener[] listeners;
    private final ListenerFailureLog failures;

    public CompositeQueryListener(List<? extends QueryListener> listeners, QueryClock clock) {
        this.listeners = listeners.toArray(new QueryListener[0]);
        for (QueryListener l : this.listeners) {
            Objects.requireNonNull(l, "listeners cannot contain null");
        }
        this.failures = new ListenerFailureLog(clock);
    }

    @Override
    public void beforeExecution(QueryDescriptor query) {
        for (QueryListener l : listeners) {
            try {
                l.beforeExecution(query);
            } catch (Throwable t) {
                failures.failed(l, "beforeExecution", t);
            }
        }
    }

    @Override
    public void afterExecution(QueryExecution execution) {
        for (QueryListener l : listeners) {
            try {
                l.afterExecution(execution);
            } catch (Throwable t) {
                failures.failed(l, "afterExecution", t);
            }
        }
    }

    @Override
    public void cacheHit(QueryDescriptor query) {
        for (QueryListener l : listeners) {
            try {
                l.cacheHit(query);
            } catch (Throwable t) {
                failures.failed(l, "cacheHit", t);
            }
        }
    }

    @Override
    public void cacheMiss(QueryDescriptor query) {
        for (QueryListener l : listeners) {
            try {
                l.cacheMiss(query);
            } catch (Throwable t) {
                failures.failed(l, "cacheMiss", t);
            }
        }
    }

    @Override
    public void cacheEvicted(QueryDescriptor query, int entries) {
        for (QueryListener l : listeners) {
            try {
                l.cacheEvicted(query, entries);
            } catch (Throwable t) {
                failures.failed(l, "cacheEvicted", t);
            }
        }
    }

    @Override
    public String toString() {
        return "CompositeQueryListener" + List.of(listeners);
    }
}
