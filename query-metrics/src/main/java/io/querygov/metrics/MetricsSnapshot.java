package io.querygov.metrics;

import io.querygov.metrics.internal.SummaryFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What every query did over one window of time: since the previous interval snapshot, or since the
 * metrics were created. Immutable.
 *
 * <p>{@link #queries()} holds one {@link QueryStats} per query that ran at least once in the window,
 * ordered by name, with the overflow entry (if any) last: the same order in every snapshot.
 * {@link #cache()} holds, per query a result cache looked up in the window, its hits, misses and
 * evictions, ordered by name. {@link #units()} holds, per unit of work's name, its database time and
 * statements per unit ({@link QueryStats#isUnitOfWork()}), in the same order as the queries: unit
 * names are a namespace of their own, so a unit and a query may share a name and never mix.
 *
 * @param start when the window began
 * @param end when the snapshot was taken: every execution in it had finished by then
 * @param histogramUnit the unit of the values in each {@link QueryStats#histogram()}
 * @param queries every query that ran in the window, in the stable order
 * @param cache per query that a result cache looked up or evicted in the window, its counts, ordered by name
 * @param units per name of a unit of work that ended in the window (a transaction, a session, a request's
 *     scope), its units' database time and statements, in the stable order
 */
public record MetricsSnapshot(Instant start, Instant end, TimeUnit histogramUnit, List<QueryStats> queries,
                              List<CacheStats> cache, List<QueryStats> units) {
    private static final Comparator<QueryStats> ORDER = Comparator.comparing(QueryStats::isOverflow)
            .thenComparing(QueryStats::name);

    /**
     * A snapshot of these stats, result-cache counts and units of work: the lists are copied in the stable
     * order. The same as {@link #of(Instant, Instant, TimeUnit, Collection, Collection, Collection)}.
     *
     * @throws IllegalArgumentException when the window ends before it starts, when two stats, two cache counts
     *     or two units share a name, when a stats' histogram unit is not {@code histogramUnit}, or when a
     *     query's stats are a unit's or a unit's a query's
     */
    public MetricsSnapshot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(histogramUnit, "histogramUnit");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a snapshot cannot end (" + end + ") before it starts (" + start + ")");
        }
        queries = sorted(queries, histogramUnit, false);
        units = sorted(units, histogramUnit, true);
        List<CacheStats> cacheSorted = new ArrayList<>(cache);
        cacheSorted.sort(Comparator.comparing(CacheStats::name));
        for (int i = 1; i < cacheSorted.size(); i++) {
            if (cacheSorted.get(i - 1).name().equals(cacheSorted.get(i).name())) {
                throw new IllegalArgumentException("cache counts of '" + cacheSorted.get(i).name() + "' appear twice in one snapshot");
            }
        }
        cache = List.copyOf(cacheSorted);
    }

    /**
     * A snapshot of these stats, in the stable order; for readers of exported snapshots and tests.
     *
     * @throws IllegalArgumentException when the window ends before it starts, when two stats share a
     *     name, or when a stats' histogram unit is not {@code histogramUnit}
     */
    public static MetricsSnapshot of(Instant start, Instant end, TimeUnit histogramUnit, Collection<QueryStats> queries) {
        return of(start, end, histogramUnit, queries, List.of());
    }

    /**
     * A snapshot of these stats and result-cache counts, in the stable order.
     *
     * @throws IllegalArgumentException as {@link #of(Instant, Instant, TimeUnit, Collection)}, and when
     *     two cache counts share a name
     */
    public static MetricsSnapshot of(Instant start, Instant end, TimeUnit histogramUnit, Collection<QueryStats> queries,
                                     Collection<CacheStats> cache) {
        return of(start, end, histogramUnit, queries, cache, List.of());
    }

    /**
     * A snapshot of these stats, result-cache counts and units of work, in the stable order.
     *
     * @throws IllegalArgumentException as {@link #of(Instant, Instant, TimeUnit, Collection, Collection)}, when
     *     two units share a name, when a query's stats are a unit's or a unit's a query's
     */
    public static MetricsSnapshot of(Instant start, Instant end, TimeUnit histogramUnit, Collection<QueryStats> queries,
                                     Collection<CacheStats> cache, Collection<QueryStats> units) {
        return new MetricsSnapshot(start, end, histogramUnit, new ArrayList<>(queries), new ArrayList<>(cache),
                new ArrayList<>(units));
    }

    /** {@code stats} copied in the stable order, checked to be all queries' or all units'. */
    private static List<QueryStats> sorted(Collection<QueryStats> stats, TimeUnit histogramUnit, boolean unitsOfWork) {
        String what = unitsOfWork ? "unit of work" : "query";
        List<QueryStats> sorted = new ArrayList<>(stats);
        sorted.sort(ORDER);
        for (int i = 0; i < sorted.size(); i++) {
            QueryStats q = sorted.get(i);
            if (q.isUnitOfWork() != unitsOfWork) {
                throw new IllegalArgumentException(what + " '" + q.name() + "' has the stats of a "
                        + (unitsOfWork ? "query" : "unit of work"));
            }
            if (q.histogramUnit() != histogramUnit) {
                throw new IllegalArgumentException(what + " '" + q.name() + "' has its histogram in " + q.histogramUnit()
                        + ", the snapshot in " + histogramUnit);
            }
            if (i > 0 && sorted.get(i - 1).name().equals(q.name())) {
                throw new IllegalArgumentException(what + " '" + q.name() + "' appears twice in one snapshot");
            }
        }
        return List.copyOf(sorted);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    /** The stats of one query, if it ran in the window. */
    public Optional<QueryStats> query(String name) {
        return queries.stream().filter(q -> q.name().equals(name)).findFirst();
    }

    /** One query's result-cache counts, if a cache looked it up or evicted it in the window. */
    public Optional<CacheStats> cache(String name) {
        return cache.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The stats of one unit of work's name, if a unit of that name ended in the window. */
    public Optional<QueryStats> unit(String name) {
        return units.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /**
     * The {@code n} units of work that rank highest, highest first; ties go by name.
     * {@link Ranking#STATEMENTS} ranks them by statements per unit, {@link Ranking#P95} by database time
     * per unit.
     *
     * @param n zero or more
     */
    public List<QueryStats> topUnits(int n, Ranking ranking) {
        return top(units, n, ranking);
    }

    /** Whether no query ran in the window. */
    public boolean isEmpty() {
        return queries.isEmpty();
    }

    /**
     * The {@code n} queries that rank highest, highest first; ties go by name. Fewer when fewer ran.
     *
     * @param n zero or more
     */
    public List<QueryStats> top(int n, Ranking ranking) {
        return top(queries, n, ranking);
    }

    private static List<QueryStats> top(List<QueryStats> stats, int n, Ranking ranking) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be zero or more, was " + n);
        }
        Objects.requireNonNull(ranking, "ranking");
        return stats.stream()
                .sorted(Comparator.comparingLong((QueryStats q) -> ranking.value(q)).reversed()
                        .thenComparing(QueryStats::name))
                .limit(n)
                .toList();
    }

    /** This snapshot as JSON: see {@link MetricsJson}. */
    public String toJson() {
        return MetricsJson.toJson(this);
    }

    /**
     * A few aligned lines for a log: the window, then one line per query with calls, errors, slow
     * executions, rows and times in milliseconds.
     */
    public String summary() {
        return SummaryFormat.format(this);
    }

    @Override
    public String toString() {
        return "MetricsSnapshot[" + start + " .. " + end + ", " + queries.size() + " queries"
                + (units.isEmpty() ? "" : ", " + units.size() + " units of work") + "]";
    }
}
