package io.querygov.cache.internal;

import java.util.Arrays;

/**
 * A cached result's key: the query's name and the values it was called with, compared by value
 * (arrays by their contents). The hash is computed once.
 */
public final class CacheKey {
    private final String query;
    private final Object[] values;
    private final int hash;

    public CacheKey(String query, Object[] values) {
        this.query = query;
        this.values = values;
        this.hash = 31 * query.hashCode() + Arrays.deepHashCode(values);
    }

    public String query() {
        return query;
    }

    /** The estimated bytes of the key, for the weigher. */
    public long estimatedBytes() {
        return 32 + SizeEstimator.estimate(values);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof CacheKey that
                && hash == that.hash && query.equals(that.query) && Arrays.deepEquals(values, that.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        // parameter values stay out of anything that may be logged
        return query + "[" + values.length + " values]";
    }
}
