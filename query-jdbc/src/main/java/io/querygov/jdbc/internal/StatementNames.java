package io.querygov.jdbc.internal;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import io.querygov.core.SqlFingerprint;
import io.querygov.core.StatementLanguage;
import io.querygov.core.sql.SqlClassification;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The descriptor a statement run through the tracked DataSource is recorded under: the catalog's query whose SQL is
 * the statement's text, or whose fingerprint is the statement's (so {@code :name} in a .sql file matches the
 * {@code ?} JdbcTemplate sends); else {@code adhoc:<fingerprint>}, typed by what the SQL does. Each text is resolved
 * once and cached, up to a bound: SQL built by concatenating values makes a new text per call.
 */
public final class StatementNames {
    static final int MAX_CACHED_TEXTS = 4096;
    /** A batch of plain statements carries no text of its own. */
    static final QueryDescriptor PLAIN_BATCH = QueryDescriptor.builder("jdbc:batch", QueryType.RAW_SQL_BULK).build();

    private final Map<String, QueryDescriptor> bySql;
    private final Map<String, QueryDescriptor> byFingerprint;
    private final ConcurrentHashMap<String, QueryDescriptor> cache = new ConcurrentHashMap<>();

    public StatementNames(QueryCatalog catalog) {
        Map<String, QueryDescriptor> sql = new HashMap<>();
        Map<String, QueryDescriptor> fingerprints = new HashMap<>();
        for (QueryDescriptor d : catalog) {
            if (d.language() == StatementLanguage.SQL && d.statement().isPresent()) {
                // the first name registered for a text wins: two names for one text cannot be told apart
                sql.putIfAbsent(d.statement().get(), d);
                d.fingerprint().ifPresent(fp -> fingerprints.putIfAbsent(fp.id(), d));
            }
        }
        this.bySql = Map.copyOf(sql);
        this.byFingerprint = Map.copyOf(fingerprints);
    }

    public QueryDescriptor descriptor(String sql) {
        if (sql.isEmpty()) {
            return PLAIN_BATCH;
        }
        QueryDescriptor d = cache.get(sql);
        if (d != null) {
            return d;
        }
        d = resolve(sql);
        if (cache.size() < MAX_CACHED_TEXTS) {
            cache.putIfAbsent(sql, d);
        }
        return d;
    }

    private QueryDescriptor resolve(String sql) {
        QueryDescriptor named = bySql.get(sql);
        if (named != null) {
            return named;
        }
        QueryDescriptor adhoc = QueryDescriptor.adhocSql(sql, inferType(sql));
        if (!byFingerprint.isEmpty()) {
            named = adhoc.fingerprint().map(SqlFingerprint::id).map(byFingerprint::get).orElse(null);
            if (named != null) {
                return named;
            }
        }
        return adhoc;
    }

    /** What the SQL does: reads are analytics, everything else (writes, DDL, CALL) bulk work, as query-raw says. */
    static QueryType inferType(String sql) {
        return SqlClassification.of(sql).inferredType().orElse(QueryType.RAW_SQL_BULK);
    }
}
