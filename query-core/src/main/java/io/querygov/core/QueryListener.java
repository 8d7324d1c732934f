package io.querygov.core;

import io.querygov.core.internal.CompositeQueryListener;
import java.util.List;

/**
 * What happens to an execution: metrics, a slow-query log, an export. Every method has a default,
 * so a listener implements only what it needs.
 *
 * <p>An execution reaches a listener through {@link #onExecution}, whose arguments are the figures
 * as primitives: a listener that overrides it (as {@code QueryMetrics} does) costs the tracker no
 * allocation. Its default builds the immutable {@link QueryExecution} and calls
 * {@link #afterExecution(QueryExecution)}, which is what most listeners override. A tracker with
 * several listeners builds that record once per execution, and only when one of them asks for it.
 *
 * <p>Listeners run on the thread that ran the query, right after it, so they must be quick. What a
 * listener throws is logged (rate-limited) and never breaks the query it observed: every
 * {@link Exception} and every {@link Error} except the {@link VirtualMachineError}s the JVM cannot
 * recover from. A {@link StackOverflowError} is caught (the stack has unwound by then), and so is a
 * {@link LinkageError} such as {@link NoClassDefFoundError}. An {@link OutOfMemoryError},
 * {@link InternalError} or {@link UnknownError} is rethrown, and then replaces the operation's own
 * result or exception (which it carries as a suppressed exception).
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

    /** Called once a tracked query has returned or thrown, by the default {@link #onExecution}. */
    default void afterExecution(QueryExecution execution) {
    }

    /**
     * Called once a tracked query has returned or thrown, with the execution's figures; the
     * arguments are those of {@link QueryExecution}'s. The default builds the record and calls
     * {@link #afterExecution(QueryExecution)}: override this instead when the figures are all a
     * listener needs, and the tracker allocates nothing for it.
     *
     * @param failure what the operation threw, or {@code null} when it returned
     */
    default void onExecution(QueryDescriptor query, long startEpochMillis, long durationNanos, long rows,
                             Throwable failure, boolean slow) {
        afterExecution(QueryExecution.of(query, startEpochMillis, durationNanos, rows, failure, slow));
    }

    /**
     * Called when an integration reports an event of a query, such as an N+1 (see
     * {@link QueryTracker#event(String, QueryEvent)}), on the thread that saw it.
     */
    default void onEvent(String queryName, QueryEvent event) {
    }

    /**
     * A unit of work ended: a transaction, a session, or a scope the application opened per request
     * (see {@link QueryTracker#unitOfWorkEnded}). The figures are a distribution's one value each, as
     * primitives, so that a listener records them without allocating: ranked per unit, an N+1 path
     * (many cheap statements) stands above its JOIN FETCH fix (one dearer statement), which per query
     * it does not.
     *
     * @param unitName the unit's name: its own namespace, never a query's even when it reads like one
     *     (an unnamed unit is named after its first statement's call)
     * @param statements the statements the unit ran, zero or more
     * @param databaseNanos the sum of those statements' durations
     * @param failed whether a statement of the unit failed, or the unit's own block threw
     */
    default void onUnitOfWork(String unitName, int statements, long databaseNanos, boolean failed) {
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
