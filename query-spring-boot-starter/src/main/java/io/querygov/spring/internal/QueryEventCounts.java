package io.querygov.spring.internal;

import io.querygov.core.QueryEvent;
import io.querygov.core.QueryListener;
import io.querygov.metrics.QueryMetrics;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the events integrations report (Hibernate's N+1) per query name, for the endpoint: QueryMetrics records
 * executions, not events. Bounded like the metrics: past {@code maxQueries} names, new names count under
 * {@value QueryMetrics#OVERFLOW_NAME}.
 */
public final class QueryEventCounts implements QueryListener {
    private final int maxQueries;
    private final ConcurrentHashMap<String, LongAdder[]> counts = new ConcurrentHashMap<>();

    public QueryEventCounts(int maxQueries) {
        if (maxQueries < 1) {
            throw new IllegalArgumentException("maxQueries must be at least 1, was " + maxQueries);
        }
        this.maxQueries = maxQueries;
    }

    @Override
    public void onEvent(String queryName, QueryEvent event) {
        LongAdder[] adders = counts.get(queryName);
        if (adders == null) {
            String name = counts.size() < maxQueries ? queryName : QueryMetrics.OVERFLOW_NAME;
            adders = counts.computeIfAbsent(name, n -> newAdders());
        }
        adders[event.ordinal()].increment();
    }

    /** Events of this kind counted for this name so far; 0 for a name never seen. */
    public long count(String queryName, QueryEvent event) {
        LongAdder[] adders = counts.get(queryName);
        return adders == null ? 0 : adders[event.ordinal()].sum();
    }

    /** Does nothing: executions are the metrics' business. */
    @Override
    public void onExecution(io.querygov.core.QueryDescriptor query, long startEpochMillis, long durationNanos,
                            long rows, Throwable failure, boolean slow) {
    }

    private static LongAdder[] newAdders() {
        LongAdder[] adders = new LongAdder[QueryEvent.values().length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    @Override
    public String toString() {
        return "QueryEventCounts[" + counts.size() + " names]";
    }
}
