package io.querygov.micrometer.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.querygov.core.QueryEvent;
import io.querygov.metrics.CacheStats;
import io.querygov.metrics.QueryStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters as Prometheus metric families, collected from the figures when Prometheus scrapes: a
 * classic histogram per query (what {@code histogram_quantile} merges across a fleet), which
 * Micrometer's own meter types cannot be fed from outside without recording every call twice.
 * Loaded only when a {@link PrometheusMeterRegistry} is bound, so services without
 * micrometer-registry-prometheus never load it.
 */
public final class PrometheusFamilies implements MultiCollector {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusFamilies.class);
    private static final double NANOS_PER_SECOND = 1e9;

    private final Figures figures;
    private final double[] upperBounds;
    private final double[] statementBounds;

    private PrometheusFamilies(Figures figures) {
        this.figures = figures;
        double[] finite = figures.upperBoundsSeconds();
        this.upperBounds = Arrays.copyOf(finite, finite.length + 1);
        this.upperBounds[finite.length] = Double.POSITIVE_INFINITY;
        double[] statements = Figures.statementBounds();
        this.statementBounds = Arrays.copyOf(statements, statements.length + 1);
        this.statementBounds[statements.length] = Double.POSITIVE_INFINITY;
    }

    /** The Prometheus registries in {@code registry} (itself, or a composite's members), for binding. */
    public static boolean bindIfPrometheus(MeterRegistry registry, Figures figures) {
        if (!prometheusOnClasspath()) {
            return false;
        }
        return bind(registry, figures);
    }

    private static boolean bind(MeterRegistry registry, Figures figures) {
        if (registry instanceof PrometheusMeterRegistry) {
            ((PrometheusMeterRegistry) registry).getPrometheusRegistry().register(new PrometheusFamilies(figures));
            return true;
        }
        if (registry instanceof CompositeMeterRegistry) {
            boolean any = false;
            for (MeterRegistry member : ((CompositeMeterRegistry) registry).getRegistries()) {
                any |= bind(member, figures);
            }
            return any;
        }
        return false;
    }

    private static boolean prometheusOnClasspath() {
        try {
            Class.forName("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", false,
                    PrometheusFamilies.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public MetricSnapshots collect() {
        try {
            return collect(figures.now());
        } catch (RuntimeException e) {
            LOG.warn("querygov meters could not be collected for this scrape; they will be at the next", e);
            return MetricSnapshots.of();
        }
    }

    private MetricSnapshots collect(Figures.Taken taken) {
        HistogramSnapshot.Builder durations = HistogramSnapshot.builder().name(MeterNames.PROMETHEUS_QUERY)
                .help("Duration of tracked queries, from querygov's own histograms").unit(Unit.SECONDS);
        CounterSnapshot.Builder calls = counter(MeterNames.PROMETHEUS_CALLS, "Executions of tracked queries by outcome");
        CounterSnapshot.Builder slow = counter(MeterNames.PROMETHEUS_SLOW, "Executions that the slow-query policy called slow");
        CounterSnapshot.Builder rows = counter(MeterNames.PROMETHEUS_ROWS,
                "Rows returned or changed by tracked queries, where counted");
        InfoSnapshot.Builder info = InfoSnapshot.builder().name(MeterNames.PROMETHEUS_INFO)
                .help("What each query name stands for: its type and statement fingerprint id");
        for (Map.Entry<String, QueryStats> e : taken.stats().entrySet()) {
            QueryStats q = e.getValue();
            Labels labels = Labels.of(MeterNames.QUERY_TAG, q.name(), MeterNames.TYPE_TAG, MeterNames.type(q));
            durations.dataPoint(histogram(labels, upperBounds, taken.bucketCounts().get(q.name()),
                    q.totalTime().toNanos() / NANOS_PER_SECOND));
            calls.dataPoint(count(labels.add(MeterNames.OUTCOME_TAG, "SUCCESS"), q.count() - q.errors()));
            calls.dataPoint(count(labels.add(MeterNames.OUTCOME_TAG, "ERROR"), q.errors()));
            slow.dataPoint(count(labels, q.slowCount()));
            rows.dataPoint(count(labels, q.rows()));
            info.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                    .labels(labels.add(MeterNames.FINGERPRINT_TAG, q.fingerprintId().orElse(MeterNames.NONE))).build());
        }
        CounterSnapshot.Builder events = counter(MeterNames.PROMETHEUS_EVENTS,
                "Events of tracked queries, such as N+1 selects, by kind");
        List<String> names = new ArrayList<>(figures.namesWithEvents());
        for (String name : names) {
            for (QueryEvent event : QueryEvent.values()) {
                events.dataPoint(count(Labels.of(MeterNames.QUERY_TAG, name, MeterNames.EVENT_TAG, event.tagValue()),
                        figures.events(name, event)));
            }
        }
        CounterSnapshot.Builder cacheGets = counter(MeterNames.PROMETHEUS_CACHE_GETS,
                "Result-cache lookups of tracked queries: hits answered from the cache, misses that ran the query");
        CounterSnapshot.Builder cacheEvictions = counter(MeterNames.PROMETHEUS_CACHE_EVICTIONS,
                "Cached results of tracked queries dropped: expired, evicted for room, or invalidated by a write");
        for (CacheStats c : taken.cache().values()) {
            Labels labels = Labels.of(MeterNames.QUERY_TAG, c.name());
            cacheGets.dataPoint(count(labels.add(MeterNames.RESULT_TAG, "hit"), c.hits()));
            cacheGets.dataPoint(count(labels.add(MeterNames.RESULT_TAG, "miss"), c.misses()));
            cacheEvictions.dataPoint(count(labels, c.evictions()));
        }
        HistogramSnapshot.Builder unitTime = HistogramSnapshot.builder().name(MeterNames.PROMETHEUS_UNIT_DATABASE)
                .help("Database time per unit of work (transaction, session or request scope): the sum of its statements'"
                        + " durations").unit(Unit.SECONDS);
        HistogramSnapshot.Builder unitStatements = HistogramSnapshot.builder().name(MeterNames.PROMETHEUS_UNIT_STATEMENTS)
                .help("Statements per unit of work (transaction, session or request scope)");
        CounterSnapshot.Builder unitFailed = counter(MeterNames.PROMETHEUS_UNIT_FAILED,
                "Units of work in which a statement failed, or whose block threw");
        for (QueryStats u : taken.units().values()) {
            Labels labels = Labels.of(MeterNames.UNIT_TAG, u.name());
            unitTime.dataPoint(histogram(labels, upperBounds, taken.unitBucketCounts().get(u.name()),
                    u.totalTime().toNanos() / NANOS_PER_SECOND));
            unitStatements.dataPoint(histogram(labels, statementBounds, taken.unitStatementCounts().get(u.name()),
                    u.statements()));
            unitFailed.dataPoint(count(labels, u.errors()));
        }
        return MetricSnapshots.of(durations.build(), calls.build(), slow.build(), rows.build(), info.build(), events.build(),
                cacheGets.build(), cacheEvictions.build(), unitTime.build(), unitStatements.build(), unitFailed.build());
    }

    private static CounterSnapshot.Builder counter(String name, String help) {
        return CounterSnapshot.builder().name(name).help(help);
    }

    private static CounterSnapshot.CounterDataPointSnapshot count(Labels labels, double value) {
        return CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static HistogramSnapshot.HistogramDataPointSnapshot histogram(Labels labels, double[] upperBounds,
                                                                          long[] counts, double sum) {
        return HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .labels(labels)
                .classicHistogramBuckets(ClassicHistogramBuckets.of(upperBounds, counts))
                .sum(sum)
                .build();
    }
}
