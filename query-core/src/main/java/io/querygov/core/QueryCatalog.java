package io.querygov.core;

import io.querygov.core.internal.NameSuggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An ordered set of query descriptors with unique names. Immutable: build one with
 * {@link #builder()}, or combine several with {@link #merge(Collection)}; both reject duplicate
 * names and name every place a duplicate was defined.
 */
public final class QueryCatalog implements Iterable<QueryDescriptor> {
    private static final QueryCatalog EMPTY = new QueryCatalog(Map.of());

    private final Map<String, QueryDescriptor> byName;

    private QueryCatalog(Map<String, QueryDescriptor> byName) {
        this.byName = byName;
    }

    public static QueryCatalog empty() {
        return EMPTY;
    }

    public static QueryCatalog of(QueryDescriptor... queries) {
        return builder().addAll(List.of(queries)).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One catalog holding every query of the given ones, in order; duplicate names are rejected. */
    public static QueryCatalog merge(Collection<QueryCatalog> catalogs) {
        Builder b = builder();
        catalogs.forEach(c -> b.addAll(c.queries()));
        return b.build();
    }

    /**
     * Merges the catalogs of every {@link QueryCatalogProvider} the class loader can see, in the
     * order {@link ServiceLoader} finds them.
     *
     * @throws QueryGovException naming the provider when one cannot be loaded or its catalog fails
     * @throws DuplicateQueryException when two providers register the same name
     */
    public static QueryCatalog load(ClassLoader classLoader) {
        List<QueryCatalog> catalogs = new ArrayList<>();
        Iterator<QueryCatalogProvider> providers = ServiceLoader.load(QueryCatalogProvider.class, classLoader).iterator();
        while (true) {
            QueryCatalogProvider provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                throw new QueryGovException("Cannot load a query catalog provider: " + e.getMessage(), e);
            }
            try {
                catalogs.add(provider.catalog());
            } catch (RuntimeException e) {
                throw new QueryGovException("Query catalog provider " + provider.getClass().getName()
                        + " failed: " + e.getMessage(), e);
            }
        }
        return merge(catalogs);
    }

    /** The query with this exact name. */
    public Optional<QueryDescriptor> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The query with this exact name.
     *
     * @throws UnknownQueryException with close names as suggestions when there is none
     */
    public QueryDescriptor get(String name) {
        QueryDescriptor d = byName.get(name);
        if (d == null) {
            throw new UnknownQueryException(name, suggestions(name), byName.size());
        }
        return d;
    }

    /** Up to five registered names close to {@code name}, closest first. */
    public List<String> suggestions(String name) {
        return NameSuggestions.closeTo(name, byName.keySet());
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** Every query, in registration order. */
    public List<QueryDescriptor> queries() {
        return List.copyOf(byName.values());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The queries that match, as a catalog of their own. */
    public QueryCatalog filter(Predicate<? super QueryDescriptor> predicate) {
        Map<String, QueryDescriptor> kept = new LinkedHashMap<>();
        byName.forEach((name, d) -> {
            if (predicate.test(d)) {
                kept.put(name, d);
            }
        });
        return new QueryCatalog(Collections.unmodifiableMap(kept));
    }

    public Stream<QueryDescriptor> stream() {
        return byName.values().stream();
    }

    public int size() {
        return byName.size();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    @Override
    public Iterator<QueryDescriptor> iterator() {
        return byName.values().iterator();
    }

    @Override
    public String toString() {
        return "QueryCatalog" + byName.keySet();
    }

    /** Collects descriptors; {@link #build()} reports every duplicate name at once. */
    public static final class Builder {
        private final Map<String, QueryDescriptor> byName = new LinkedHashMap<>();
        private final List<DuplicateQueryException.Duplicate> duplicates = new ArrayList<>();

        private Builder() {
        }

        public Builder add(QueryDescriptor query) {
            if (query == null) {
                throw new IllegalArgumentException("a catalog cannot hold null");
            }
            QueryDescriptor first = byName.putIfAbsent(query.name(), query);
            if (first != null) {
                duplicates.add(new DuplicateQueryException.Duplicate(query.name(),
                        first.originOrUnknown(), query.originOrUnknown()));
            }
            return this;
        }

        public Builder addAll(Iterable<QueryDescriptor> queries) {
            queries.forEach(this::add);
            return this;
        }

        /**
         * @throws DuplicateQueryException listing every name given twice, with both origins
         */
        public QueryCatalog build() {
            if (!duplicates.isEmpty()) {
                throw new DuplicateQueryException(duplicates);
            }
            return byName.isEmpty() ? EMPTY : new QueryCatalog(Collections.unmodifiableMap(new LinkedHashMap<>(byName)));
        }
    }
}
