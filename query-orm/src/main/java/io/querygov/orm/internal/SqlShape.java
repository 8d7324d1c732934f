package io.querygov.orm.internal;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import io.querygov.core.SqlFingerprint;
import io.querygov.core.sql.SqlClassification;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What querygov needs to know about one SQL text Hibernate executed: its fingerprint, joins, type,
 * whether it reads, and whether it fetches many keys at once. Built once per distinct text and cached
 * by {@link ShapeCache}; the descriptors built for it are cached here, one per name it ran under.
 */
public final class SqlShape {
    /** Descriptors per name; a statement almost always runs under one name, so this stays tiny. */
    private final ConcurrentMap<String, QueryDescriptor> descriptors = new ConcurrentHashMap<>(2);
    private final String sql;
    private final SqlFingerprint fingerprint;
    private final int joins;
    private final QueryType type;
    private final boolean read;
    private final boolean multiKey;

    SqlShape(String sql, int complexJoinThreshold) {
        this.sql = sql;
        this.fingerprint = SqlFingerprint.of(sql);
        String normalized = fingerprint.normalized();
        this.joins = JoinCounter.count(sql);
        this.type = QueryType.forOrmJoins(joins, complexJoinThreshold);
        this.read = SqlClassification.of(sql).reads();
        this.multiKey = isMultiKey(normalized);
    }

    // plain accessors, not a record: a shape is cached and holds the descriptor cache, so it is compared by identity
    public String sql() {
        return sql;
    }

    public SqlFingerprint fingerprint() {
        return fingerprint;
    }

    public int joins() {
        return joins;
    }

    public QueryType type() {
        return type;
    }

    /**
     * Whether the statement only reads, as core's one classifier says: a SELECT (or a WITH that only reads) that
     * does not lock rows, create a table or have a side effect such as {@code nextval}.
     */
    public boolean isRead() {
        return read;
    }

    /**
     * Whether the statement fetches many keys in one go: an {@code IN} list or an {@code = ANY(?)}
     * array, as batch fetching and subselect-free multi-loads write. Such statements are the cure for
     * N+1, so they never count towards it.
     */
    public boolean isMultiKey() {
        return multiKey;
    }

    /** The descriptor for this SQL run under {@code name}. */
    public QueryDescriptor descriptor(String name, String origin) {
        QueryDescriptor d = descriptors.get(name);
        if (d == null) {
            QueryDescriptor.Builder b = QueryDescriptor.builder(name, type).sql(sql);
            if (origin != null) {
                b.origin(origin);
            }
            d = descriptors.computeIfAbsent(name, k -> b.build());
        }
        return d;
    }

    static boolean isMultiKey(String normalized) {
        return normalized.contains("in (...)") || normalized.contains("any(?)") || normalized.contains("any (?)")
                || normalized.contains("array[...]");
    }
}
