package io.querygov.spring;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryEvent;
import io.querygov.core.QueryType;
import io.querygov.core.SqlFingerprint;
import io.querygov.metrics.MetricsSnapshot;
import io.querygov.metrics.QueryMetrics;
import io.querygov.metrics.QueryStats;
import io.querygov.metrics.Ranking;
import io.querygov.spring.internal.QueryEventCounts;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The Actuator endpoint {@code querygov}: what ran since the start, read from the {@link QueryMetrics} bean. Its
 * main reading lists the top queries by total time with their percentiles, slow and N+1 counts, and the catalog;
 * {@code /actuator/querygov/{name}} reads one query. Exposed and secured as Actuator's other endpoints are: over JMX
 * where that is on, over the web only once the application lists it in
 * {@code management.endpoints.web.exposure.include}.
 *
 * <p>Cumulative readings: reading this endpoint never starts a new interval of the metrics, so it takes nothing
 * from another consumer of interval snapshots.
 */
@Endpoint(id = "querygov")
public class QuerygovEndpoint {
    private final QueryMetrics metrics;
    private final QueryCatalog catalog;
    private final QueryEventCounts events;
    private final int top;

    // plain field assignments; the auto-configuration constructs the endpoint with its beans
    public QuerygovEndpoint(QueryMetrics metrics, QueryCatalog catalog, QueryEventCounts events, int top) {
        this.metrics = metrics;
        this.catalog = catalog;
        this.events = events;
        this.top = top;
    }

    @ReadOperation
    public Report report() {
        MetricsSnapshot snapshot = metrics.cumulativeSnapshot();
        List<Query> queries = snapshot.top(top, Ranking.TOTAL_TIME).stream().map(this::query).toList();
        List<CatalogEntry> entries = catalog.stream().map(CatalogEntry::of).toList();
        return new Report(snapshot.start().toString(), snapshot.end().toString(), snapshot.queries().size(),
                Ranking.TOTAL_TIME.name(), queries, entries);
    }

    /** One query by name; none (404) when it has not run. */
    @ReadOperation
    public Query query(@Selector String name) {
        return metrics.cumulativeSnapshot().query(name).map(this::query).orElse(null);
    }

    private Query query(QueryStats q) {
        return new Query(q.name(), q.type() == null ? null : q.type().name(), q.count(), q.errors(), q.slowCount(),
                events == null ? 0 : events.count(q.name(), QueryEvent.N_PLUS_ONE), q.rows(),
                millis(q.totalTime()), millis(q.mean()), millis(q.p50()), millis(q.p95()), millis(q.p99()),
                millis(q.p999()), millis(q.max()), q.fingerprintId().orElse(null));
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    /**
     * The endpoint's main reading.
     *
     * @param since the start of the metrics, ISO-8601
     * @param names the query names recorded, of which {@code queries} lists the top by {@code rankedBy}
     */
    public record Report(String since, String until, int names, String rankedBy, List<Query> queries,
                         List<CatalogEntry> catalog) {
    }

    /** One query's figures since the start; durations in milliseconds, {@code type} null for the overflow entry. */
    public record Query(String name, String type, long calls, long errors, long slow, long nPlusOne, long rows,
                        double totalMs, double meanMs, double p50Ms, double p95Ms, double p99Ms, double p999Ms,
                        double maxMs, String fingerprint) {
    }

    /** A query the catalog names, whether or not it ran. */
    public record CatalogEntry(String name, String type, String origin, String fingerprint, String statement) {
        static CatalogEntry of(QueryDescriptor d) {
            QueryType type = d.type();
            return new CatalogEntry(d.name(), type.name(), d.origin().orElse(null),
                    d.fingerprint().map(SqlFingerprint::id).orElse(null), d.statement().orElse(null));
        }
    }
}
