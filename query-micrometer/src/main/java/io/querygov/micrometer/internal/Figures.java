package io.querygov.micrometer.internal;

import io.querygov.core.QueryClock;
import io.querygov.core.QueryEvent;
import io.querygov.metrics.CacheStats;
import io.querygov.metrics.MetricsSnapshot;
import io.querygov.metrics.QueryMetrics;
import io.querygov.metrics.QueryStats;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * What the meters read: the metrics' cumulative snapshot, taken at most once per refresh interval
 * however many meters a scrape or publication reads, and the events counted per query. Nothing here
 * is on the recording path: a snapshot is taken when a registry reads.
 */
public final class Figures {
    private final QueryMetrics metrics;
    private final QueryClock clock;
    private final long refreshNanos;
    private final double[] upperBoundsSeconds;
    private final long[] upperBoundsUnits;
    private final ConcurrentHashMap<String, EnumMap<QueryEvent, LongAdder>> events = new ConcurrentHashMap<>();
    private volatile Taken taken;
    /** Every name's stats as last read, so that a meter read between refreshes or after a failure has a value. */
    private final ConcurrentHashMap<String, QueryStats> lastKnown = new ConcurrentHashMap<>();
    /** Every name's result-cache counts as last read, for the same reason. */
    private final ConcurrentHashMap<String, CacheStats> lastKnownCache = new ConcurrentHashMap<>();
    /** Every unit of work's stats as last read. */
    private final ConcurrentHashMap<String, QueryStats> lastKnownUnits = new ConcurrentHashMap<>();

    /**
     * The finite upper bounds of the exported buckets of statements per unit of work: 1-2-5 steps. Exact
     * up to 63 statements; above, a unit counts in the bucket of its statements rounded up by at most 1/32,
     * as the metrics hold it.
     */
    static final long[] STATEMENT_BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};

    /** One snapshot with what is derived from it, per query name and per unit of work's name. */
    public record Taken(long atNanos, Map<String, QueryStats> stats, Map<String, long[]> bucketCounts,
                        Map<String, CacheStats> cache, Map<String, QueryStats> units, Map<String, long[]> unitBucketCounts,
                        Map<String, long[]> unitStatementCounts) {
    }

    public Figures(QueryMetrics metrics, QueryClock clock, long refreshNanos) {
        this.metrics = metrics;
        this.clock = clock;
        this.refreshNanos = refreshNanos;
        this.upperBoundsUnits = BucketBounds.upperBounds(metrics.unit());
        this.upperBoundsSeconds = new double[upperBoundsUnits.length];
        for (int i = 0; i < upperBoundsUnits.length; i++) {
            upperBoundsSeconds[i] = upperBoundsUnits[i] / (double) metrics.unit().convert(1, TimeUnit.SECONDS);
        }
    }

    public QueryMetrics metrics() {
        return metrics;
    }

    /** The finite upper bounds of the exported buckets, in seconds, lowest first. */
    public double[] upperBoundsSeconds() {
        return upperBoundsSeconds.clone();
    }

    /** The latest snapshot, taken now if the last one is older than the refresh interval. */
    public Taken now() {
        Taken t = taken;
        long now = clock.monotonicNanos();
        if (t == null || now - t.atNanos >= refreshNanos) {
            synchronized (this) {
                t = taken;
                if (t == null || now - t.atNanos >= refreshNanos) {
                    t = take(clock.monotonicNanos());
                    taken = t;
                }
            }
        }
        return t;
    }

    private Taken take(long atNanos) {
        MetricsSnapshot s = metrics.cumulativeSnapshot();
        Map<String, QueryStats> stats = new LinkedHashMap<>();
        Map<String, long[]> buckets = new LinkedHashMap<>();
        for (QueryStats q : s.queries()) {
            stats.put(q.name(), q);
            lastKnown.put(q.name(), q);
            buckets.put(q.name(), bucketCounts(q));
        }
        Map<String, CacheStats> cache = new LinkedHashMap<>();
        for (CacheStats c : s.cache()) {
            cache.put(c.name(), c);
            lastKnownCache.put(c.name(), c);
        }
        Map<String, QueryStats> units = new LinkedHashMap<>();
        Map<String, long[]> unitBuckets = new LinkedHashMap<>();
        Map<String, long[]> unitStatements = new LinkedHashMap<>();
        for (QueryStats u : s.units()) {
            units.put(u.name(), u);
            lastKnownUnits.put(u.name(), u);
            unitBuckets.put(u.name(), bucketCounts(u));
            unitStatements.put(u.name(), statementCounts(u));
        }
        return new Taken(atNanos, Map.copyOf(stats), Map.copyOf(buckets), Map.copyOf(cache), Map.copyOf(units),
                Map.copyOf(unitBuckets), Map.copyOf(unitStatements));
    }

    /** Units per exported bucket of statements (not cumulative), the last for those above the highest bound. */
    private static long[] statementCounts(QueryStats u) {
        Histogram h = u.statementsHistogram();
        long[] counts = new long[STATEMENT_BOUNDS.length + 1];
        long below = 0;
        for (int i = 0; i < STATEMENT_BOUNDS.length; i++) {
            long upTo = h.getCountBetweenValues(0, STATEMENT_BOUNDS[i]);
            counts[i] = upTo - below;
            below = upTo;
        }
        counts[STATEMENT_BOUNDS.length] = u.count() - below;
        return counts;
    }

    /** The finite upper bounds of the exported buckets of statements per unit. */
    public static double[] statementBounds() {
        double[] bounds = new double[STATEMENT_BOUNDS.length];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = STATEMENT_BOUNDS[i];
        }
        return bounds;
    }

    /** The stats of a unit of work's name as last read. */
    public QueryStats lastKnownUnit(String name) {
        return lastKnownUnits.get(name);
    }

    /**
     * Executions per exported bucket (not cumulative), the last for those above the highest bound.
     * Exact: each bound is the lowest value of one of the metrics' buckets, and the stats' histogram
     * holds each execution at its bucket's highest value, so the values below a bound are exactly
     * those of the buckets below it.
     */
    private long[] bucketCounts(QueryStats q) {
        Histogram h = q.histogram();
        long[] counts = new long[upperBoundsUnits.length + 1];
        long below = 0;
        for (int i = 0; i < upperBoundsUnits.length; i++) {
            long upTo = h.getCountBetweenValues(0, upperBoundsUnits[i] - 1);
            counts[i] = upTo - below;
            below = upTo;
        }
        counts[upperBoundsUnits.length] = q.count() - below;
        return counts;
    }

    /** The stats of a name as last read. */
    public QueryStats lastKnown(String name) {
        return lastKnown.get(name);
    }

    /** The result-cache counts of a name as last read; zeros for a name no cache has looked up. */
    public CacheStats lastKnownCache(String name) {
        return lastKnownCache.getOrDefault(name, new CacheStats(name, 0, 0, 0));
    }

    /** Counts an event of a query; names beyond the metrics' cap count under the overflow name. */
    public void count(String queryName, QueryEvent event) {
        String name = queryName;
        if (!events.containsKey(name) && events.size() >= metrics.maxQueries()) {
            name = QueryMetrics.OVERFLOW_NAME;
        }
        EnumMap<QueryEvent, LongAdder> perEvent = events.computeIfAbsent(name, n -> {
            EnumMap<QueryEvent, LongAdder> m = new EnumMap<>(QueryEvent.class);
            for (QueryEvent e : QueryEvent.values()) {
                m.put(e, new LongAdder());
            }
            return m;
        });
        perEvent.get(event).increment();
    }

    /** The names that have had an event. */
    public Collection<String> namesWithEvents() {
        return events.keySet();
    }

    public long events(String queryName, QueryEvent event) {
        EnumMap<QueryEvent, LongAdder> perEvent = events.get(queryName);
        return perEvent == null ? 0 : perEvent.get(event).sum();
    }
}
