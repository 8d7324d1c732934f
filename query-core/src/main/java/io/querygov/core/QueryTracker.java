package io.querygov.core;

import io.querygov.core.internal.CompositeQueryListener;
import io.querygov.core.internal.ListenerFailureLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one entry point a service calls: it runs an operation, measures it with a monotonic clock,
 * counts its rows and hands the execution to the listeners ({@link QueryListener#onExecution}; an
 * immutable {@link QueryExecution} for those that ask for one).
 *
 * <pre>{@code
 * QueryMetrics metrics = QueryMetrics.create();
 * QueryTracker tracker = QueryTracker.builder()
 *         .listener(metrics)
 *         .listener(new SlowQueryLogListener())
 *         .build();
 * List<Project> projects = tracker.track(FIND_PROJECTS, () -> dao.findProjects(owner));
 * }</pre>
 *
 * <p>Guarantees: the operation's result, or its exception, reaches the caller unchanged; a listener
 * that throws is logged (at most once a minute per listener) and never reaches the caller, unless
 * what it throws is an {@link OutOfMemoryError}, {@link InternalError} or {@link UnknownError} (see
 * {@link QueryListener}). With listeners that take the figures as primitives (such as
 * {@code QueryMetrics}), {@link #track} allocates nothing per call. A tracker holds no global state:
 * build as many as you need. Thread-safe.
 */
public final class QueryTracker {
    private final QueryClock clock;
    private final QueryListener listener;
    private final SlowQueryPolicy slowQueryPolicy;
    private final ListenerFailureLog listenerFailures;
    /** The listener method an execution's failure is logged under: the one the listener implements. */
    private final String listenerMethod;
    /** Wall time at {@link #monotonicAnchorNanos}: start times are derived, not read per call. */
    private final long wallAnchorMillis;
    private final long monotonicAnchorNanos;

    private QueryTracker(Builder b) {
        this.clock = b.clock;
        this.slowQueryPolicy = b.slowQueryPolicy;
        this.listenerFailures = new ListenerFailureLog(clock);
        // a slow-query log quotes the thresholds this tracker judges by, not the defaults
        List<QueryListener> listeners = b.listeners.stream()
                .map(l -> l instanceof SlowQueryLogListener slowLog ? slowLog.boundTo(slowQueryPolicy) : l).toList();
        this.listener = listeners.size() == 1 ? listeners.get(0) : new CompositeQueryListener(listeners, clock);
        this.listenerMethod = CompositeQueryListener.overridesOnExecution(listener) ? "onExecution" : "afterExecution";
        this.monotonicAnchorNanos = clock.monotonicNanos();
        this.wallAnchorMillis = clock.wallTimeMillis();
    }

    /** A tracker on the system clock with the default slow-query policy and these listeners. */
    public static QueryTracker create(QueryListener... listeners) {
        Builder b = builder();
        for (QueryListener l : listeners) {
            b.listener(l);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs {@code operation} as an execution of {@code query} and returns its result; rows are
     * counted by {@link RowCounter#INFERRED}.
     */
    public <R, X extends Exception> R track(QueryDescriptor query, TrackedOperation<R, X> operation) throws X {
        return track(query, operation, RowCounter.INFERRED);
    }

    /**
     * Runs {@code operation} as an execution of {@code query}, counting rows with {@code rowCounter},
     * and returns its result. Whatever the operation throws is recorded as an error and rethrown
     * unchanged.
     */
    public <R, X extends Exception> R track(QueryDescriptor query, TrackedOperation<R, X> operation,
                                           RowCounter<? super R> rowCounter) throws X {
        beforeExecution(query);
        long start = clock.monotonicNanos();
        R result;
        try {
            result = operation.call();
        } catch (Throwable failure) {
            long end = clock.monotonicNanos();
            finish(query, start, end, QueryExecution.UNKNOWN_ROWS, failure);
            throw failure;
        }
        long end = clock.monotonicNanos();
        finish(query, start, end, countRows(rowCounter, result), null);
        return result;
    }

    /**
     * Starts an execution whose end another callback will report, for instrumentation that sees a
     * statement start and end in different places (Jdbi's {@code SqlLogger}, Hibernate's events).
     * Complete it exactly once with {@link ActiveExecution#succeeded(long)} or
     * {@link ActiveExecution#failed(Throwable)}.
     */
    public ActiveExecution start(QueryDescriptor query) {
        beforeExecution(query);
        return new ActiveExecution(this, query, clock.monotonicNanos());
    }

    /**
     * Reports an event of the query named {@code queryName} to the listeners, which may count it; an
     * integration that detects it calls this (for Hibernate's N+1:
     * {@code nPlusOneListener(e -> tracker.event(e.queryName(), QueryEvent.N_PLUS_ONE))}). Like every
     * listener call, a listener's failure never reaches the caller.
     */
    public void event(String queryName, QueryEvent event) {
        Objects.requireNonNull(queryName, "queryName");
        Objects.requireNonNull(event, "event");
        try {
            listener.onEvent(queryName, event);
        } catch (Throwable t) {
            listenerFailures.failed(listener, "onEvent", t, null);
        }
    }

    /**
     * Reports the end of a unit of work to the listeners ({@link QueryListener#onUnitOfWork}): its
     * statements and their summed durations, for integrations that know where a transaction, a
     * session or a request's scope begins and ends (query-orm's {@code HibernateTracking}). Unit names
     * are a namespace of their own, apart from query names. Allocates nothing; like every listener
     * call, a listener's failure never reaches the caller.
     *
     * @param statements zero or more
     * @param databaseNanos zero or more: the sum of the unit's statements' durations
     * @throws IllegalArgumentException when a count or the time is negative
     */
    public void unitOfWorkEnded(String unitName, int statements, long databaseNanos, boolean failed) {
        Objects.requireNonNull(unitName, "unitName");
        if (statements < 0) {
            throw new IllegalArgumentException("unit of work '" + unitName + "': statements cannot be negative, was "
                    + statements);
        }
        if (databaseNanos < 0) {
            throw new IllegalArgumentException("unit of work '" + unitName + "': databaseNanos cannot be negative, was "
                    + databaseNanos);
        }
        try {
            listener.onUnitOfWork(unitName, statements, databaseNanos, failed);
        } catch (Throwable t) {
            listenerFailures.failed(listener, "onUnitOfWork", t, null);
        }
    }

    /**
     * Tells the listeners that a result cache answered a call of {@code query} without running it.
     * For result caches (query-cache); like every listener call, it never throws.
     */
    public void cacheHit(QueryDescriptor query) {
        try {
            listener.cacheHit(query);
        } catch (Throwable t) {
            listenerFailures.failed(listener, "cacheHit", t);
        }
    }

    /** Tells the listeners that a result cache had no result for a call of {@code query}, which runs. */
    public void cacheMiss(QueryDescriptor query) {
        try {
            listener.cacheMiss(query);
        } catch (Throwable t) {
            listenerFailures.failed(listener, "cacheMiss", t);
        }
    }

    /** Tells the listeners that a result cache dropped {@code entries} results of {@code query}. */
    public void cacheEvicted(QueryDescriptor query, int entries) {
        try {
            listener.cacheEvicted(query, entries);
        } catch (Throwable t) {
            listenerFailures.failed(listener, "cacheEvicted", t);
        }
    }

    // Plain accessors of what the tracker was built with, shaped like any other class's on purpose.
    public QueryClock clock() {
        return clock;
    }

    public SlowQueryPolicy slowQueryPolicy() {
        return slowQueryPolicy;
    }

    /** All of this tracker's listeners as one. */
    public QueryListener listener() {
        return listener;
    }

    /** Hands the execution to the listeners; builds no record. */
    void finish(QueryDescriptor query, long startNanos, long endNanos, long rows, Throwable failure) {
        long duration = Math.max(0, endNanos - startNanos);
        long startEpochMillis = wallAnchorMillis + Math.floorDiv(startNanos - monotonicAnchorNanos, 1_000_000L);
        boolean slow = slowQueryPolicy.isSlow(query, duration);
        try {
            listener.onExecution(query, startEpochMillis, duration, rows, failure, slow);
        } catch (Throwable t) {
            listenerFailures.failed(listener, listenerMethod, t, failure);
        }
    }

    /** {@link #finish}, and the record of the execution for {@link ActiveExecution}'s callers. */
    QueryExecution finishAndDescribe(QueryDescriptor query, long startNanos, long endNanos, long rows, Throwable failure) {
        finish(query, startNanos, endNanos, rows, failure);
        long duration = Math.max(0, endNanos - startNanos);
        return QueryExecution.of(query, wallAnchorMillis + Math.floorDiv(startNanos - monotonicAnchorNanos, 1_000_000L),
                duration, rows, failure, slowQueryPolicy.isSlow(query, duration));
    }

    private void beforeExecution(QueryDescriptor query) {
        Objects.requireNonNull(query, "query");
        try {
            listener.beforeExecution(query);
        } catch (Throwable t) {
            listenerFailures.failed(listener, "beforeExecution", t, null);
        }
    }

    private <R> long countRows(RowCounter<? super R> rowCounter, R result) {
        try {
            return Math.max(rowCounter.rows(result), QueryExecution.UNKNOWN_ROWS);
        } catch (RuntimeException e) {
            listenerFailures.failed(rowCounter, "rows", e, null);
            return QueryExecution.UNKNOWN_ROWS;
        }
    }

    /** Configures a {@link QueryTracker}. */
    // Shaped like the other public builders (QueryMetrics', QueryCache's) on purpose: one setter per option, checked at once.
    public static final class Builder {
        private QueryClock clock = QueryClock.SYSTEM;
        private SlowQueryPolicy slowQueryPolicy = SlowQueryPolicy.defaults();
        private final List<QueryListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The clock durations are read from; {@link QueryClock#SYSTEM} unless a test says otherwise. */
        public Builder clock(QueryClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder slowQueryPolicy(SlowQueryPolicy policy) {
            this.slowQueryPolicy = Objects.requireNonNull(policy, "slowQueryPolicy");
            return this;
        }

        /** Adds a listener; listeners are called in the order they were added. */
        public Builder listener(QueryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public QueryTracker build() {
            if (listeners.isEmpty()) {
                listeners.add(QueryListener.NOP);
            }
            return new QueryTracker(this);
        }
    }
}
