package io.querygov.core;

import io.querygov.core.internal.CompositeQueryListener;
import java.util.List;

/**
 * What happens to an execution: metrics, a slow-query log, an export. Every method has a no-op
 * default, so a listener implements only what it needs.
 *
 * <p>Listeners run on the thread that ran the query, right after it, so they must be quick. A
 * listener that throws is logged (rate-limited) and never breaks the query it observed.
 */
public interface QueryListener {

    /** A listener that does nothing. */
    QueryListener NOP = new QueryListener() {
        @Override
        public String toString() {
            return "QueryListener.NOP";
        }
    };

    /** Called just before a tracked query runs. */
    default void beforeExecution(QueryDescriptor query) {
    }

    /** Called once a tracked query has returned or thrown. */
    default void afterExecution(QueryExecution execution) {
    }

    /**
     * A result cache answered a call of {@code query} with a result it kept: the query did not run.
     * Called by a result cache through {@link QueryTracker#cacheHit}, never by the tracker on its own.
     */
    default void cacheHit(QueryDescriptor query) {
    }

    /** A result cache had no result for a call of {@code query}, which ran and was tracked as usual. */
    default void cacheMiss(QueryDescriptor query) {
    }

    /**
     * A result cache dropped {@code entries} results of {@code query}: expired, evicted to make room,
     * or invalidated by a write to a table the query reads.
     */
    default void cacheEvicted(QueryDescriptor query, int entries) {
    }

    /**
     * Several listeners as one, called in order. A listener that throws does not stop the ones after
     * it; its failure is logged, at most once a minute per listener.
     */
    static QueryListener composite(QueryListener... listeners) {
        return composite(List.of(listeners));
    }

    /** Several listeners as one: see {@link #composite(QueryListener...)}. */
    static QueryListener composite(List<? extends QueryListener> listeners) {
        if (listeners.isEmpty()) {
            return NOP;
        }
        if (listeners.size() == 1) {
            return listeners.get(0);
        }
        return new CompositeQueryListener(listeners, QueryClock.SYSTEM);
    }
}
