package io.querygov.metrics;

import io.querygov.core.QueryClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryExecution;
import io.querygov.core.QueryListener;
import io.querygov.metrics.internal.CacheCounters;
import io.querygov.metrics.internal.QueryRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-query latency histograms and counters, fed by a {@link io.querygov.core.QueryTracker}:
 *
 * <pre>{@code
 * QueryMetrics metrics = QueryMetrics.create();
 * QueryTracker tracker = QueryTracker.create(metrics);
 * ...
 * MetricsSnapshot last = metrics.intervalSnapshot();   // e.g. every minute
 * log.info(last.summary());
 * }</pre>
 *
 * <p>Per query name it keeps a histogram of durations in the configured unit (microseconds unless
 * told otherwise) and counts executions, errors, slow executions, rows and the exact total time.
 * The histogram's buckets are fixed: below 64 units each value has its own, above, each power of two
 * is split into 32. A percentile is reported as the highest value of the bucket that holds it: never
 * below the exact value, and at most 1/32 (3.1%) above it, two significant digits. Durations above
 * {@link #highestTrackableValue()} are recorded as that value (logged once); the total time keeps
 * the real duration.
 *
 * <p><b>Recording</b> never throws, never allocates and never blocks once a name is registered: a
 * record costs a map lookup, one compare-and-set and a few plain writes. Each name has two stripes
 * of cells; two threads running the same query settle on one each and never touch each other's;
 * more threads share them.
 *
 * <p><b>Cardinality</b> is bounded: after {@link #maxQueries()} distinct names, executions of new
 * names are recorded under one entry named {@value #OVERFLOW_NAME} (its {@link QueryStats#type()} is
 * null), and a warning is logged once. Name queries by stable names, never by SQL text or values.
 *
 * <p><b>Memory</b> per name is fixed when the name is first recorded, and depends on nothing but the
 * unit and the highest trackable value: not on the number of threads, processors or executions. A
 * name keeps three arrays of one {@code long} per bucket (two stripes and what snapshots have
 * taken): 22 KB with the defaults (microseconds up to 1 hour), 30 KB in nanoseconds up to 1 hour,
 * at most 32 KB for any range up to 2<sup>45</sup> units (9.7 hours in nanoseconds, any range in
 * microseconds), 35 KB at the widest (nanoseconds up to 7 days). With the default cap of 1,000
 * names that is 22 MB at most. A snapshot keeps each histogram encoded, typically a few hundred
 * bytes per query.
 *
 * <p><b>Units of work</b> ({@link #onUnitOfWork}: a transaction, a session, a request's scope, as
 * an integration such as query-orm reports them) are recorded per unit name, apart from the queries:
 * a histogram of database time per unit, in the same buckets as a query's, and one of statements per
 * unit (exact below 64, two significant digits above, clamped at 1,048,575; the total keeps the real
 * count), under one lock, so every snapshot's two distributions count the same units. They appear in
 * {@link MetricsSnapshot#units()}. Unit names are capped like query names, separately: past
 * {@link #maxQueries()} unit names, new ones are recorded under a unit named {@value #OVERFLOW_NAME}.
 * A unit name keeps 12 KB more than a query name: 34 KB with the defaults.
 *
 * <p><b>Snapshots</b> are taken by one thread at a time; every execution that finished before a
 * snapshot began is in it. Thread-safe.
 */
public final class QueryMetrics implements QueryListener {
    /** The name of the entry that holds every query beyond {@link #maxQueries()}. */
    public static final String OVERFLOW_NAME = "querygov.overflow";
    public static final TimeUnit DEFAULT_UNIT = TimeUnit.MICROSECONDS;
    public static final Duration DEFAULT_HIGHEST_TRACKABLE_VALUE = Duration.ofHours(1);
    public static final int DEFAULT_MAX_QUERIES = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(QueryMetrics.class);
    private static final Duration LOWEST_HIGHEST_TRACKABLE_VALUE = Duration.ofMillis(1);
    private static final Duration HIGHEST_HIGHEST_TRACKABLE_VALUE = Duration.ofDays(7);

    private final TimeUnit unit;
    /** The unit is micro- or nanoseconds: a constant divisor compiles to a multiplication. */
    private final boolean micros;
    private final Duration highestTrackableValue;
    private final long highestValue;
    private final int maxQueries;
    private final QueryClock clock;

    private final ConcurrentHashMap<String, QueryRecorder> recorders = new ConcurrentHashMap<>();
    private final Object registerLock = new Object();
    /** Set once the cap is reached, after {@link #overflow}: from then on new names skip the lock. */
    private volatile boolean full;
    private volatile QueryRecorder overflow;
    private final AtomicBoolean clampLogged = new AtomicBoolean();

    private final ConcurrentHashMap<String, QueryRecorder> unitRecorders = new ConcurrentHashMap<>();
    private volatile boolean unitsFull;
    private volatile QueryRecorder unitOverflow;

    /** Result-cache counts per name, capped like the recorders: past the cap, under {@link #OVERFLOW_NAME}. */
    private final ConcurrentHashMap<String, CacheCounters> cacheCounters = new ConcurrentHashMap<>();

    private final Object snapshotLock = new Object();
    private final long createdMillis;
    private long intervalStartMillis;

    private QueryMetrics(Builder b) {
        this.unit = b.unit;
        this.micros = unit == TimeUnit.MICROSECONDS;
        this.highestTrackableValue = b.highestTrackableValue;
        this.highestValue = unit.convert(highestTrackableValue);
        this.maxQueries = b.maxQueries;
        this.clock = b.clock;
        this.createdMillis = clock.wallTimeMillis();
        this.intervalStartMillis = createdMillis;
    }

    /** Metrics with the defaults: microseconds, up to 1 hour, at most 1000 query names, system clock. */
    public static QueryMetrics create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Records the execution; allocates nothing once the name is registered. */
    @Override
    public void onExecution(QueryDescriptor query, long startEpochMillis, long durationNanos, long rows,
                            Throwable failure, boolean slow) {
        record(query, durationNanos, rows, failure != null, slow);
    }

    /** Records the execution, for callers that have its record. */
    @Override
    public void afterExecution(QueryExecution execution) {
        record(execution.query(), execution.durationNanos(), execution.rows(), execution.isError(), execution.slow());
    }

    private void record(QueryDescriptor query, long nanos, long rows, boolean error, boolean slow) {
        QueryRecorder recorder = recorders.get(query.name());
        if (recorder == null) {
            recorder = register(query);
        }
        long value = micros ? nanos / 1000 : nanos;
        if (value > highestValue) {
            value = clamp("Query", query.name(), nanos);
        }
        recorder.record(value, nanos, rows, error, slow);
    }

    /** Records the unit of work under its name; allocates nothing once the name is registered. */
    @Override
    public void onUnitOfWork(String unitName, int statements, long databaseNanos, boolean failed) {
        QueryRecorder recorder = unitRecorders.get(unitName);
        if (recorder == null) {
            recorder = registerUnit(unitName);
        }
        long nanos = Math.max(0, databaseNanos);
        long value = micros ? nanos / 1000 : nanos;
        if (value > highestValue) {
            value = clamp("Unit of work", unitName, nanos);
        }
        recorder.recordUnitOfWork(value, nanos, Math.max(0, statements), failed);
    }

    private QueryRecorder registerUnit(String unitName) {
        if (unitsFull) {
            return unitOverflow;
        }
        synchronized (registerLock) {
            QueryRecorder recorder = unitRecorders.get(unitName);
            if (recorder != null) {
                return recorder;
            }
            if (unitRecorders.size() < maxQueries) {
                recorder = QueryRecorder.forUnitOfWork(unitName, highestValue);
                unitRecorders.put(unitName, recorder);
                return recorder;
            }
            if (unitOverflow == null) {
                unitOverflow = QueryRecorder.forUnitOfWork(OVERFLOW_NAME, highestValue);
                unitsFull = true;
                LOG.warn("Query metrics reached maxQueries = {} distinct unit of work names: '{}' and every new unit name"
                                + " after it are recorded under '{}'. Raise the limit with QueryMetrics.builder().maxQueries(int),"
                                + " and check that unit names are stable (a page, an endpoint) and never carry ids or values.",
                        maxQueries, unitName, OVERFLOW_NAME);
            }
            return unitOverflow;
        }
    }

    @Override
    public void cacheHit(QueryDescriptor query) {
        cacheCounters(query).hit();
    }

    @Override
    public void cacheMiss(QueryDescriptor query) {
        cacheCounters(query).miss();
    }

    @Override
    public void cacheEvicted(QueryDescriptor query, int entries) {
        cacheCounters(query).evicted(entries);
    }

    private CacheCounters cacheCounters(QueryDescriptor query) {
        CacheCounters c = cacheCounters.get(query.name());
        if (c != null) {
            return c;
        }
        String name = cacheCounters.size() < maxQueries ? query.name() : OVERFLOW_NAME;
        return cacheCounters.computeIfAbsent(name, CacheCounters::new);
    }

    private QueryRecorder register(QueryDescriptor query) {
        if (full) {
            return overflow;
        }
        synchronized (registerLock) {
            QueryRecorder recorder = recorders.get(query.name());
            if (recorder != null) {
                return recorder;
            }
            if (recorders.size() < maxQueries) {
                recorder = new QueryRecorder(query, highestValue);
                recorders.put(query.name(), recorder);
                return recorder;
            }
            if (overflow == null) {
                overflow = new QueryRecorder(OVERFLOW_NAME, null, highestValue);
                full = true;
                LOG.warn("Query metrics reached maxQueries = {} distinct query names: '{}' and every new name after it"
                                + " are recorded under '{}'. Raise the limit with QueryMetrics.builder().maxQueries(int),"
                                + " and check that query names are stable and never carry SQL text or parameter values.",
                        maxQueries, query.name(), OVERFLOW_NAME);
            }
            return overflow;
        }
    }

    private long clamp(String what, String name, long nanos) {
        if (clampLogged.compareAndSet(false, true)) {
            LOG.warn("{} '{}' took {}, more than highestTrackableValue {}: its histogram records {} instead (its total"
                            + " time keeps the real duration). Later durations above the limit are clamped without"
                            + " this warning; raise it with QueryMetrics.builder().highestTrackableValue(Duration).",
                    what, name, Duration.ofNanos(nanos), highestTrackableValue, highestTrackableValue);
        }
        return highestValue;
    }

    /**
     * What ran since the previous interval snapshot (or since creation, for the first). Interval
     * snapshots partition time: their counts add up to the cumulative snapshot's.
     */
    public MetricsSnapshot intervalSnapshot() {
        synchronized (snapshotLock) {
            List<QueryStats> stats = taken(withOverflow(recorders, overflow), r -> r.takeInterval(unit));
            List<CacheStats> cache = taken(cacheCounters.values(), CacheCounters::takeInterval);
            List<QueryStats> units = taken(withOverflow(unitRecorders, unitOverflow), r -> r.takeInterval(unit));
            long start = intervalStartMillis;
            long end = Math.max(start, clock.wallTimeMillis());
            intervalStartMillis = end;
            return MetricsSnapshot.of(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), unit, stats, cache, units);
        }
    }

    /** What ran since these metrics were created. Does not start a new interval. */
    public MetricsSnapshot cumulativeSnapshot() {
        synchronized (snapshotLock) {
            List<QueryStats> stats = taken(withOverflow(recorders, overflow), r -> r.cumulative(unit));
            List<CacheStats> cache = taken(cacheCounters.values(), CacheCounters::cumulative);
            List<QueryStats> units = taken(withOverflow(unitRecorders, unitOverflow), r -> r.cumulative(unit));
            long end = Math.max(createdMillis, clock.wallTimeMillis());
            return MetricsSnapshot.of(Instant.ofEpochMilli(createdMillis), Instant.ofEpochMilli(end), unit, stats, cache,
                    units);
        }
    }

    /** What {@code take} reads from each source, leaving out the sources with nothing to report (null). */
    private static <S, T> List<T> taken(Collection<S> sources, Function<S, T> take) {
        List<T> taken = new ArrayList<>();
        for (S source : sources) {
            T t = take.apply(source);
            if (t != null) {
                taken.add(t);
            }
        }
        return taken;
    }

    /** The named recorders now, and the overflow one after them once the cap was reached. */
    private static List<QueryRecorder> withOverflow(Map<String, QueryRecorder> recorders, QueryRecorder overflow) {
        List<QueryRecorder> all = new ArrayList<>(recorders.values());
        if (overflow != null) {
            all.add(overflow);
        }
        return all;
    }

    // Plain accessors of the configuration, shaped like other classes' on purpose.
    /** The unit of the histograms' values. */
    public TimeUnit unit() {
        return unit;
    }

    /** Durations above this are recorded as this in the histograms. */
    public Duration highestTrackableValue() {
        return highestTrackableValue;
    }

    /**
     * Distinct query names tracked on their own; any more share the {@value #OVERFLOW_NAME} entry. Unit
     * of work names have a cap of their own of the same size.
     */
    public int maxQueries() {
        return maxQueries;
    }

    @Override
    public String toString() {
        return "QueryMetrics[" + recorders.size() + " queries, unit=" + unit + ", highestTrackableValue="
                + highestTrackableValue + ", maxQueries=" + maxQueries + "]";
    }

    /** Configures {@link QueryMetrics}; each setter checks its value at once. */
    // Shaped like the other public builders (QueryCache's, QueryMeters') on purpose: one setter per option, checked at once.
    public static final class Builder {
        private TimeUnit unit = DEFAULT_UNIT;
        private Duration highestTrackableValue = DEFAULT_HIGHEST_TRACKABLE_VALUE;
        private int maxQueries = DEFAULT_MAX_QUERIES;
        private QueryClock clock = QueryClock.SYSTEM;

        private Builder() {
        }

        /**
         * The unit of the histograms: {@link TimeUnit#MICROSECONDS} (the default) or
         * {@link TimeUnit#NANOSECONDS}, which resolves sub-microsecond differences at about twice the
         * memory.
         */
        public Builder unit(TimeUnit unit) {
            if (unit != TimeUnit.MICROSECONDS && unit != TimeUnit.NANOSECONDS) {
                throw new IllegalArgumentException("unit must be MICROSECONDS or NANOSECONDS, was " + unit);
            }
            this.unit = unit;
            return this;
        }

        /**
         * The longest duration the histograms tell apart, between 1 ms and 7 days; 1 hour by
         * default. Longer executions are recorded as this value.
         */
        public Builder highestTrackableValue(Duration highestTrackableValue) {
            if (highestTrackableValue == null
                    || highestTrackableValue.compareTo(LOWEST_HIGHEST_TRACKABLE_VALUE) < 0
                    || highestTrackableValue.compareTo(HIGHEST_HIGHEST_TRACKABLE_VALUE) > 0) {
                throw new IllegalArgumentException("highestTrackableValue must be between 1 ms and 7 days, was "
                        + highestTrackableValue);
            }
            this.highestTrackableValue = highestTrackableValue;
            return this;
        }

        /** Distinct query names tracked on their own, at least 1; 1000 by default. */
        public Builder maxQueries(int maxQueries) {
            if (maxQueries < 1) {
                throw new IllegalArgumentException("maxQueries must be at least 1, was " + maxQueries);
            }
            this.maxQueries = maxQueries;
            return this;
        }

        /** Where snapshots read the time of their windows; {@link QueryClock#SYSTEM} by default. */
        public Builder clock(QueryClock clock) {
            if (clock == null) {
                throw new IllegalArgumentException("clock cannot be null; use QueryClock.SYSTEM for the system clock");
            }
            this.clock = clock;
            return this;
        }

        public QueryMetrics build() {
            return new QueryMetrics(this);
        }
    }
}
