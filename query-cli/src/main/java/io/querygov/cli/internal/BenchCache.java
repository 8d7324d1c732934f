package io.querygov.cli.internal;

import io.querygov.cache.QueryCache;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import io.querygov.core.QueryTracker;
import io.querygov.metrics.CacheStats;
import io.querygov.metrics.QueryMetrics;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@code bench --cache}: query-cache in front of the runners, as a service that uses it has it. A query with a cache
 * TTL ({@code -- cache: 30s}) is answered from the cache when the same parameter values came before within its TTL;
 * every other query runs as without. Writes made through {@link #invalidating} connections evict what they make
 * stale when they commit (with {@code --allow-writes}; rolled-back writes evict nothing). Hits, misses and evictions
 * are counted per query, over its warmup and measured calls both: the cache is empty when a run starts.
 */
public final class BenchCache implements AutoCloseable {
    private final QueryMetrics metrics = QueryMetrics.create();
    private final QueryCache cache = QueryCache.builder(QueryTracker.create(metrics)).build();

    /** Connections that tell the cache what they write. */
    public DataSource invalidating(DataSource dataSource) {
        return cache.invalidatingDataSource(dataSource);
    }

    /** {@code runner}, with the cache in front of it for the queries that have a TTL. */
    public QueryRunner inFrontOf(QueryRunner runner) {
        return new ForwardingRunner(runner) {
            @Override
            public long execute(QueryDescriptor query, Map<String, Object> parameters) throws Exception {
                if (query.cacheTtl().isEmpty()) {
                    return runner.execute(query, parameters);
                }
                // what a cached call returns is what the call's result was: here the rows it counted
                return cache.get(query, parameters, () -> runner.execute(query, parameters));
            }
        };
    }

    /** How many of {@code catalog}'s queries have a TTL, and so go through the cache. */
    public static long cached(QueryCatalog catalog) {
        return catalog.stream().filter(q -> q.cacheTtl().isPresent()).count();
    }

    /** What the cache did for {@code query} over the run, if it looked it up. */
    public Optional<CacheStats> stats(String query) {
        return metrics.cumulativeSnapshot().cache(query);
    }

    @Override
    public void close() {
        cache.close();
    }
}
