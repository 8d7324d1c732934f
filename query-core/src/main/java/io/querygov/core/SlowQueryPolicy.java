package io.querygov.core;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * When an execution counts as slow: a threshold per {@link QueryType}, which a descriptor can
 * override for its own query ({@link QueryDescriptor#slowThreshold()}), and which this policy can
 * override again by query name, so operators have the last word over what code declared.
 * Immutable: the {@code with...} methods return a changed copy.
 */
public final class SlowQueryPolicy {
    private static final Map<QueryType, Duration> DEFAULTS = Map.of(
            QueryType.ORM_SIMPLE, Duration.ofMillis(100),
            QueryType.ORM_COMPLEX, Duration.ofMillis(500),
            QueryType.RAW_SQL_ANALYTICS, Duration.ofSeconds(2),
            QueryType.RAW_SQL_BULK, Duration.ofSeconds(30));

    /** Indexed by {@link QueryType#ordinal()}: the hot path reads an array, not a map. */
    private final long[] typeThresholdNanos;
    private final Map<String, Long> queryThresholdNanos;

    private SlowQueryPolicy(long[] typeThresholdNanos, Map<String, Long> queryThresholdNanos) {
        this.typeThresholdNanos = typeThresholdNanos;
        this.queryThresholdNanos = queryThresholdNanos;
    }

    /**
     * ORM_SIMPLE 100 ms, ORM_COMPLEX 500 ms, RAW_SQL_ANALYTICS 2 s, RAW_SQL_BULK 30 s: a primary-key
     * lookup that takes 100 ms is already in trouble, a report or a bulk update is not.
     */
    public static SlowQueryPolicy defaults() {
        long[] nanos = new long[QueryType.values().length];
        for (QueryType type : QueryType.values()) {
            nanos[type.ordinal()] = DEFAULTS.get(type).toNanos();
        }
        return new SlowQueryPolicy(nanos, Map.of());
    }

    /** The same policy with another threshold for every query of this type. */
    public SlowQueryPolicy withThreshold(QueryType type, Duration threshold) {
        Objects.requireNonNull(type, "type");
        long[] nanos = typeThresholdNanos.clone();
        nanos[type.ordinal()] = positiveNanos(threshold, "slow-query threshold for " + type);
        return new SlowQueryPolicy(nanos, queryThresholdNanos);
    }

    /** The same policy with a threshold for one query, which wins over its type's and its descriptor's. */
    public SlowQueryPolicy withQueryThreshold(String queryName, Duration threshold) {
        Objects.requireNonNull(queryName, "queryName");
        Map<String, Long> byName = new HashMap<>(queryThresholdNanos);
        byName.put(queryName, positiveNanos(threshold, "slow-query threshold for query '" + queryName + "'"));
        return new SlowQueryPolicy(typeThresholdNanos, Map.copyOf(byName));
    }

    /** The threshold for this type, ignoring per-query overrides. */
    public Duration threshold(QueryType type) {
        return Duration.ofNanos(typeThresholdNanos[type.ordinal()]);
    }

    /** The threshold that applies to this query. */
    public Duration threshold(QueryDescriptor query) {
        return Duration.ofNanos(thresholdNanos(query));
    }

    /** The threshold that applies to this query, in nanoseconds: policy by name, descriptor, then type. */
    public long thresholdNanos(QueryDescriptor query) {
        if (!queryThresholdNanos.isEmpty()) {
            Long byName = queryThresholdNanos.get(query.name());
            if (byName != null) {
                return byName;
            }
        }
        Duration own = query.slowThresholdOrNull();
        return own != null ? own.toNanos() : typeThresholdNanos[query.type().ordinal()];
    }

    /** Whether an execution of this query that took {@code durationNanos} is slow. */
    public boolean isSlow(QueryDescriptor query, long durationNanos) {
        return durationNanos > thresholdNanos(query);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SlowQueryPolicy{");
        for (QueryType type : QueryType.values()) {
            sb.append(type).append('=').append(threshold(type)).append(", ");
        }
        return sb.append("perQuery=").append(queryThresholdNanos.keySet()).append('}').toString();
    }

    private static long positiveNanos(Duration threshold, String what) {
        if (threshold == null || threshold.isZero() || threshold.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, was " + threshold);
        }
        return threshold.toNanos();
    }
}
