package io.querygov.cache.jdbi;

import io.querygov.cache.QueryCache;
import io.querygov.core.QueryDescriptor;
import io.querygov.raw.jdbi.NamedQueries;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@link NamedQueries} through a {@link QueryCache}: a registered query with a cache TTL
 * ({@code -- cache: 30s}) is answered from the cache when it was run with the same values before;
 * every other query runs as {@link NamedQueries} runs it.
 *
 * <pre>{@code
 * CachedNamedQueries reports = CachedNamedQueries.create(NamedQueries.create(jdbi, catalog), cache);
 * List<ProjectStats> stats = reports.list("project_stats", Map.of("owner_id", ownerId), ProjectStats.class);
 * }</pre>
 *
 * <p>The lists it returns are unmodifiable, cached or not: a cached one is shared by every caller.
 * Thread-safe.
 */
public final class CachedNamedQueries {
    private final NamedQueries queries;
    private final QueryCache cache;

    private CachedNamedQueries(NamedQueries queries, QueryCache cache) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    public static CachedNamedQueries create(NamedQueries queries, QueryCache cache) {
        return new CachedNamedQueries(queries, cache);
    }

    /** As {@link NamedQueries#list(String, Map, Class)}, through the cache when the query has a cache TTL. */
    public <T> List<T> list(String name, Map<String, ?> parameters, Class<T> rowType) {
        QueryDescriptor query = queries.catalog().get(name);
        return cache.get(query, key(rowType.getName(), parameters),
                () -> Collections.unmodifiableList(queries.list(name, parameters, rowType)));
    }

    /** As {@link NamedQueries#listMaps(String, Map)}, through the cache; the row maps are unmodifiable too. */
    public List<Map<String, Object>> listMaps(String name, Map<String, ?> parameters) {
        QueryDescriptor query = queries.catalog().get(name);
        return cache.get(query, key(Map.class.getName(), parameters), () -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : queries.listMaps(name, parameters)) {
                rows.add(Collections.unmodifiableMap(row));
            }
            return Collections.unmodifiableList(rows);
        });
    }

    /** The queries this runs, for what it does not cache: updates, handles, streaming. */
    public NamedQueries uncached() {
        return queries;
    }

    /** The row type and the values by name: a query asked for records and for maps keeps two results. */
    private static List<Object> key(String rowType, Map<String, ?> parameters) {
        Objects.requireNonNull(parameters, "parameters: give Map.of() for a query without parameters");
        List<Object> key = new ArrayList<>(1 + 2 * parameters.size());
        key.add(rowType);
        for (Map.Entry<String, ?> e : new TreeMap<>(parameters).entrySet()) {
            key.add(e.getKey());
            key.add(e.getValue());
        }
        return key;
    }
}
