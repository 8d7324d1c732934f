package io.querygov.micrometer.internal;

import io.querygov.metrics.QueryStats;

/** The names and tags of the meters, in Micrometer's form and as Prometheus writes them. */
public final class MeterNames {
    public static final String QUERY = "querygov.query";
    public static final String CALLS = "querygov.query.calls";
    public static final String SLOW = "querygov.query.slow";
    public static final String ROWS = "querygov.query.rows";
    public static final String EVENTS = "querygov.query.events";
    public static final String INFO = "querygov.query.info";
    /** Result-cache lookups, tagged {@code result} hit or miss, as Micrometer's own cache binders name them. */
    public static final String CACHE_GETS = "querygov.query.cache.gets";
    public static final String CACHE_EVICTIONS = "querygov.query.cache.evictions";
    public static final String NAMES = "querygov.query.names";
    /** Per unit of work's name: database time per unit, statements per unit, failed units. */
    public static final String UNIT_DATABASE = "querygov.unit.database";
    public static final String UNIT_STATEMENTS = "querygov.unit.statements";
    public static final String UNIT_FAILED = "querygov.unit.failed";
    static final String PROMETHEUS_UNIT_DATABASE = "querygov_unit_database_seconds";
    static final String PROMETHEUS_UNIT_STATEMENTS = "querygov_unit_statements";
    static final String PROMETHEUS_UNIT_FAILED = "querygov_unit_failed";
    public static final String UNIT_TAG = "unit";

    // One constant per meter and tag name, a list like every catalog of names (OrmQueryCatalog's): they are the contract.
    /** Prometheus adds {@code _bucket}, {@code _count} and {@code _sum}. */
    static final String PROMETHEUS_QUERY = "querygov_query_seconds";
    /** Prometheus adds {@code _total} to counters and {@code _info} to info metrics. */
    static final String PROMETHEUS_CALLS = "querygov_query_calls";
    static final String PROMETHEUS_SLOW = "querygov_query_slow";
    static final String PROMETHEUS_ROWS = "querygov_query_rows";
    static final String PROMETHEUS_EVENTS = "querygov_query_events";
    static final String PROMETHEUS_INFO = "querygov_query";
    static final String PROMETHEUS_CACHE_GETS = "querygov_query_cache_gets";
    static final String PROMETHEUS_CACHE_EVICTIONS = "querygov_query_cache_evictions";

    public static final String QUERY_TAG = "query";
    public static final String TYPE_TAG = "type";
    public static final String OUTCOME_TAG = "outcome";
    public static final String EVENT_TAG = "event";
    public static final String FINGERPRINT_TAG = "fingerprint";
    public static final String RESULT_TAG = "result";
    /** The type tag of the overflow entry, and the fingerprint tag of a query without statement. */
    public static final String NONE = "none";

    private MeterNames() {
    }

    public static String type(QueryStats q) {
        return q.type() == null ? NONE : q.type().name();
    }
}
