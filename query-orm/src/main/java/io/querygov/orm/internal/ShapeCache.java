package io.querygov.orm.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * SQL text to {@link SqlShape}, so a statement is lexed once however often it runs. Hibernate reuses
 * the same String instance for a loader's or a cached query plan's SQL, so a lookup costs a cached
 * hash code and an identity comparison.
 *
 * <p>Bounded: an application that builds SQL with literals inlined would otherwise grow it forever.
 * Past the bound, new texts are analysed on every execution and not kept.
 */
public final class ShapeCache {
    static final int MAX_ENTRIES = 4096;

    private final ConcurrentMap<String, SqlShape> shapes = new ConcurrentHashMap<>();
    private final int complexJoinThreshold;

    public ShapeCache(int complexJoinThreshold) {
        this.complexJoinThreshold = complexJoinThreshold;
    }

    public SqlShape shape(String sql) {
        SqlShape shape = shapes.get(sql);
        if (shape != null) {
            return shape;
        }
        shape = new SqlShape(sql, complexJoinThreshold);
        if (shapes.size() < MAX_ENTRIES) {
            SqlShape raced = shapes.putIfAbsent(sql, shape);
            if (raced != null) {
                return raced;
            }
        }
        return shape;
    }

    int size() {
        return shapes.size();
    }
}
