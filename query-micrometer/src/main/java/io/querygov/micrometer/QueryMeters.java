package io.querygov.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.querygov.core.QueryClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryEvent;
import io.querygov.core.QueryListener;
import io.querygov.metrics.CacheStats;
import io.querygov.metrics.QueryMetrics;
import io.querygov.metrics.QueryStats;
import io.querygov.micrometer.internal.Figures;
import io.querygov.micrometer.internal.MeterNames;
import io.querygov.micrometer.internal.PrometheusFamilies;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link QueryMetrics}' figures as meters of a Micrometer {@link MeterRegistry}, without recording
 * anything twice: the meters read querygov's own histograms and counters when the registry is
 * scraped or publishes, so the recording path stays what it is.
 *
 * <pre>{@code
 * QueryMetrics metrics = QueryMetrics.create();
 * QueryMeters meters = QueryMeters.create(metrics);
 * QueryTracker tracker = QueryTracker.builder().listener(metrics).listener(meters).build();
 * meters.bindTo(registry);   // a MeterBinder: Spring Boot binds a MeterBinder bean itself
 * }</pre>
 *
 * <p>Per query name, tagged {@code query} (the name) and {@code type} (its {@code QueryType}, or
 * {@code none} for the overflow entry):
 * <ul>
 *   <li>{@code querygov.query}: durations. On a Prometheus registry a classic histogram
 *       {@code querygov_query_seconds} whose buckets (four per power of two, 64 us to 67 s) come from
 *       querygov's histogram, so {@code histogram_quantile} over a fleet gives the fleet's
 *       percentiles within 20%; on other registries a {@link FunctionTimer} (count and total).</li>
 *   <li>{@code querygov.query.calls}, also tagged {@code outcome} ({@code SUCCESS} or {@code ERROR}).</li>
 *   <li>{@code querygov.query.slow}: executions the slow-query policy called slow.</li>
 *   <li>{@code querygov.query.rows}: rows returned or changed, where counted.</li>
 *   <li>{@code querygov.query.events}, tagged {@code query} and {@code event} ({@code n_plus_one}, and the
 *       kinds of {@link QueryEvent} to come): counted from {@link #onEvent}, which the tracker calls when
 *       an integration reports an event.</li>
 *   <li>{@code querygov.query.cache.gets}, tagged {@code query} and {@code result} ({@code hit} or
 *       {@code miss}), and {@code querygov.query.cache.evictions}, tagged {@code query}: what a result cache
 *       (query-cache) did for each query, read from the metrics' cache counts; only for queries a cache
 *       has looked up or evicted.</li>
 *   <li>{@code querygov.query.info}, value 1, also tagged {@code fingerprint}: what a name stands for.</li>
 * </ul>
 *
 * <p>Per unit of work's name ({@code QueryMetrics}' units: a transaction, a session, a request's scope),
 * tagged {@code unit}: on Prometheus, the classic histograms {@code querygov_unit_database_seconds}
 * (database time per unit, the same buckets as the queries') and {@code querygov_unit_statements}
 * (statements per unit, buckets 1, 2, 5, 10 ... 10,000), and the counter {@code querygov_unit_failed_total};
 * on other registries, {@code querygov.unit.database} (a {@link FunctionTimer}: units and their database
 * time), {@code querygov.unit.statements} (statements in all, a {@link FunctionCounter}: Micrometer has
 * no distribution summary that reads its figures from outside) and {@code querygov.unit.failed}.
 *
 * <p>On a registry other than Prometheus' the meters of a name are registered when a reading of the
 * registry first sees it: the gauge {@code querygov.query.names} (the number of names) does that reading
 * on every publication, so a new name's meters are published from the next one on.
 *
 * <p>Cardinality is that of the metrics: at most {@link QueryMetrics#maxQueries()} names, the rest
 * under {@value QueryMetrics#OVERFLOW_NAME}. Reading never throws into the registry: a failure is
 * logged and the meters report what they last read. As a listener this class takes no part in
 * executions ({@link #onExecution} does nothing, and builds no record).
 */
public final class QueryMeters implements MeterBinder, QueryListener {
    private static final Logger LOG = LoggerFactory.getLogger(QueryMeters.class);

    private final Figures figures;
    private final List<MeterRegistry> genericRegistries = new CopyOnWriteArrayList<>();
    /** Per generic registry, the names whose meters it has: meters are registered as names appear. */
    private final ConcurrentHashMap<MeterRegistry, Set<String>> registered = new ConcurrentHashMap<>();

    private QueryMeters(Builder b) {
        this.figures = new Figures(b.metrics, b.clock, b.refreshInterval.toNanos());
    }

    /** Meters of {@code metrics}' figures, read at most once a second. */
    // create() and builder() as every configurable entry point has them (OrmQueryRunner, QueryMetrics).
    public static QueryMeters create(QueryMetrics metrics) {
        return builder(metrics).build();
    }

    public static Builder builder(QueryMetrics metrics) {
        return new Builder(metrics);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (PrometheusFamilies.bindIfPrometheus(registry, figures)) {
            return;
        }
        genericRegistries.add(registry);
        registered.put(registry, ConcurrentHashMap.newKeySet());
        // read on every publication: its reading registers the meters of names that appeared since
        Gauge.builder(MeterNames.NAMES, this, m -> m.names())
                .description("Query names tracked on their own, the overflow entry included").register(registry);
        registerNewNames(registry, figures.now());
    }

    /** Counts the event; a name beyond the metrics' cap counts under the overflow name. Never throws. */
    @Override
    public void onEvent(String queryName, QueryEvent event) {
        try {
            figures.count(queryName, event);
        } catch (RuntimeException e) {
            LOG.warn("querygov meters could not count {} of {}", event, queryName, e);
        }
    }

    /** Does nothing: the durations come from the metrics' own histograms when a registry reads them. */
    @Override
    public void onExecution(QueryDescriptor query, long startEpochMillis, long durationNanos, long rows,
                            Throwable failure, boolean slow) {
    }

    /** The finite upper bounds, in seconds, of the duration buckets exported to Prometheus. */
    public double[] bucketUpperBoundsSeconds() {
        return figures.upperBoundsSeconds();
    }

    /**
     * The snapshot the meters read, taken now if the last is older than the refresh interval; for a
     * generic registry, registers the meters of names that appeared since.
     */
    private Figures.Taken read() {
        Figures.Taken taken = figures.now();
        for (MeterRegistry r : genericRegistries) {
            registerNewNames(r, taken);
        }
        return taken;
    }

    private void registerNewNames(MeterRegistry registry, Figures.Taken taken) {
        Set<String> known = registered.get(registry);
        for (QueryStats q : taken.stats().values()) {
            if (known.add(q.name())) {
                register(registry, q);
            }
        }
        for (QueryStats u : taken.units().values()) {
            if (known.add("unit " + u.name())) {
                registerUnit(registry, u.name());
            }
        }
        for (CacheStats c : taken.cache().values()) {
            if (known.add("cache " + c.name())) {
                registerCache(registry, c.name());
            }
        }
        for (String name : figures.namesWithEvents()) {
            if (known.add("event " + name)) {
                for (QueryEvent event : QueryEvent.values()) {
                    FunctionCounter.builder(MeterNames.EVENTS, this, m -> m.figures.events(name, event))
                            .tags(MeterNames.QUERY_TAG, name, MeterNames.EVENT_TAG, event.tagValue())
                            .description("Events of tracked queries, such as N+1 selects, by kind")
                            .register(registry);
                }
            }
        }
    }

    private void register(MeterRegistry registry, QueryStats q) {
        String name = q.name();
        Tags tags = Tags.of(MeterNames.QUERY_TAG, name, MeterNames.TYPE_TAG, MeterNames.type(q));
        FunctionTimer.builder(MeterNames.QUERY, this, m -> m.stats(name).count(),
                        m -> m.stats(name).totalTime().toNanos(), TimeUnit.NANOSECONDS)
                .tags(tags).description("Duration of tracked queries, from querygov's own histograms").register(registry);
        FunctionCounter.builder(MeterNames.CALLS, this, m -> m.stats(name).count() - m.stats(name).errors())
                .tags(tags.and(MeterNames.OUTCOME_TAG, "SUCCESS")).description("Executions of tracked queries by outcome")
                .register(registry);
        FunctionCounter.builder(MeterNames.CALLS, this, m -> m.stats(name).errors())
                .tags(tags.and(MeterNames.OUTCOME_TAG, "ERROR")).description("Executions of tracked queries by outcome")
                .register(registry);
        FunctionCounter.builder(MeterNames.SLOW, this, m -> m.stats(name).slowCount())
                .tags(tags).description("Executions that the slow-query policy called slow").register(registry);
        FunctionCounter.builder(MeterNames.ROWS, this, m -> m.stats(name).rows())
                .tags(tags).description("Rows returned or changed by tracked queries, where counted").register(registry);
        Gauge.builder(MeterNames.INFO, () -> 1)
                .tags(tags.and(MeterNames.FINGERPRINT_TAG, q.fingerprintId().orElse(MeterNames.NONE)))
                .description("What each query name stands for: its type and statement fingerprint id").register(registry);
    }

    private void registerUnit(MeterRegistry registry, String name) {
        FunctionTimer.builder(MeterNames.UNIT_DATABASE, this, m -> m.unit(name).count(),
                        m -> m.unit(name).totalTime().toNanos(), TimeUnit.NANOSECONDS)
                .tags(MeterNames.UNIT_TAG, name)
                .description("Database time per unit of work (transaction, session or request scope): the sum of its"
                        + " statements' durations").register(registry);
        FunctionCounter.builder(MeterNames.UNIT_STATEMENTS, this, m -> m.unit(name).statements())
                .tags(MeterNames.UNIT_TAG, name)
                .description("Statements of units of work, in all: divided by the units (querygov.unit.database's count),"
                        + " statements per unit").register(registry);
        FunctionCounter.builder(MeterNames.UNIT_FAILED, this, m -> m.unit(name).errors())
                .tags(MeterNames.UNIT_TAG, name)
                .description("Units of work in which a statement failed, or whose block threw").register(registry);
    }

    /** The stats of a unit of work's name as last read. */
    private QueryStats unit(String name) {
        return readOr(taken -> taken.units().get(name), () -> figures.lastKnownUnit(name));
    }

    private void registerCache(MeterRegistry registry, String name) {
        String gets = "Result-cache lookups of tracked queries: hits answered from the cache, misses that ran the query";
        FunctionCounter.builder(MeterNames.CACHE_GETS, this, m -> m.cache(name).hits())
                .tags(MeterNames.QUERY_TAG, name, MeterNames.RESULT_TAG, "hit").description(gets).register(registry);
        FunctionCounter.builder(MeterNames.CACHE_GETS, this, m -> m.cache(name).misses())
                .tags(MeterNames.QUERY_TAG, name, MeterNames.RESULT_TAG, "miss").description(gets).register(registry);
        FunctionCounter.builder(MeterNames.CACHE_EVICTIONS, this, m -> m.cache(name).evictions())
                .tags(MeterNames.QUERY_TAG, name)
                .description("Cached results of tracked queries dropped: expired, evicted for room, or invalidated by a write")
                .register(registry);
    }

    /** The result-cache counts of a name as last read. */
    private CacheStats cache(String name) {
        return readOr(taken -> taken.cache().get(name), () -> figures.lastKnownCache(name));
    }

    private double names() {
        try {
            return read().stats().size();
        } catch (RuntimeException e) {
            LOG.warn("querygov meters could not read the metrics; they report what they last read", e);
            return Double.NaN;
        }
    }

    /** The stats of a name as last read; a name that was read once stays in every later snapshot. */
    private QueryStats stats(String name) {
        return readOr(taken -> taken.stats().get(name), () -> figures.lastKnown(name));
    }

    /**
     * What {@code find} finds in the metrics read now; when it finds nothing or the metrics cannot be read,
     * what the meters last read ({@code lastKnown}).
     */
    private <T> T readOr(Function<Figures.Taken, T> find, Supplier<T> lastKnown) {
        try {
            T found = find.apply(read());
            if (found != null) {
                return found;
            }
        } catch (RuntimeException e) {
            LOG.warn("querygov meters could not read the metrics; they report what they last read", e);
        }
        return lastKnown.get();
    }

    @Override
    public String toString() {
        return "QueryMeters[" + figures.metrics() + "]";
    }

    /** Configures {@link QueryMeters}; each setter checks its value at once. */
    // Shaped like the other public builders (QueryMetrics', QueryCache's) on purpose: one setter per option, checked at once.
    public static final class Builder {
        private final QueryMetrics metrics;
        private Duration refreshInterval = Duration.ofSeconds(1);
        private QueryClock clock = QueryClock.SYSTEM;

        private Builder(QueryMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
        }

        /**
         * How long one snapshot of the metrics serves the meters a registry reads; 1 second by default,
         * so one scrape or publication takes one snapshot. At most a minute.
         */
        public Builder refreshInterval(Duration refreshInterval) {
            if (refreshInterval == null || refreshInterval.isNegative() || refreshInterval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("refreshInterval must be between 0 and 1 minute, was " + refreshInterval);
            }
            this.refreshInterval = refreshInterval;
            return this;
        }

        /** The monotonic clock the refresh interval is measured on; {@link QueryClock#SYSTEM} by default. */
        public Builder clock(QueryClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public QueryMeters build() {
            return new QueryMeters(this);
        }
    }
}
