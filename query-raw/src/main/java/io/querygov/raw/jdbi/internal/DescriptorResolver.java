package io.querygov.raw.jdbi.internal;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import io.querygov.core.StatementLanguage;
import io.querygov.raw.NamedSql;
import io.querygov.raw.jdbi.TrackAs;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which descriptor a statement is tracked under, computing each one once: registry
 * statements by their name, SQL object methods as {@code Interface.method}, anything else as
 * {@code adhoc:<fingerprint>}. The hot path is a map lookup or two; fingerprints are computed on a
 * cache miss only.
 */
public final class DescriptorResolver {
    /** The statement attribute by which {@code NamedQueries} says which registered query a statement is. */
    public static final String QUERY_ATTRIBUTE = "io.querygov.query";

    /**
     * Distinct ad-hoc SQL texts cached at most. SQL built by concatenating values makes a new text per
     * call; past this bound such texts are fingerprinted per call rather than grow memory without end.
     */
    static final int MAX_ADHOC_ENTRIES = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(DescriptorResolver.class);

    private final Map<String, QueryDescriptor> registryBySql;
    private final ConcurrentHashMap<Method, QueryDescriptor> byMethod = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, QueryDescriptor> adhoc = new ConcurrentHashMap<>();
    private final AtomicBoolean adhocFullWarned = new AtomicBoolean();

    public DescriptorResolver(QueryCatalog registry) {
        Map<String, QueryDescriptor> bySql = new HashMap<>();
        for (QueryDescriptor d : registry) {
            if (d.language() == StatementLanguage.SQL) {
                // the first name registered for a text wins: two names for one text cannot be told apart
                d.statement().ifPresent(sql -> bySql.putIfAbsent(sql, d));
            }
        }
        this.registryBySql = Map.copyOf(bySql);
    }

    public QueryDescriptor resolve(StatementContext ctx) {
        Object named = ctx.getAttribute(QUERY_ATTRIBUTE);
        if (named instanceof QueryDescriptor) {
            return (QueryDescriptor) named;
        }
        String sql = ctx.getRawSql();
        QueryDescriptor registered = registryBySql.get(sql);
        if (registered != null) {
            return registered;
        }
        ExtensionMethod method = ctx.getExtensionMethod();
        if (method != null) {
            QueryDescriptor d = byMethod.get(method.getMethod());
            return d != null ? d : byMethod.computeIfAbsent(method.getMethod(), m -> forMethod(method, sql));
        }
        return adhoc(sql);
    }

    /** The descriptor of SQL that nothing names. */
    public QueryDescriptor adhoc(String sql) {
        QueryDescriptor d = adhoc.get(sql);
        if (d != null) {
            return d;
        }
        d = QueryDescriptor.adhocSql(sql, inferType(sql));
        if (adhoc.size() < MAX_ADHOC_ENTRIES) {
            QueryDescriptor raced = adhoc.putIfAbsent(sql, d);
            return raced != null ? raced : d;
        }
        if (adhocFullWarned.compareAndSet(false, true)) {
            LOG.warn("More than {} distinct ad-hoc SQL texts ran through this Jdbi: SQL is probably built by "
                    + "concatenating values. Bind them as parameters instead; tracking still names them by "
                    + "fingerprint, at the cost of fingerprinting each call. Latest: {}",
                    MAX_ADHOC_ENTRIES, d.fingerprint().map(f -> f.abbreviated(120)).orElse(""));
        }
        return d;
    }

    private static QueryDescriptor forMethod(ExtensionMethod extensionMethod, String sql) {
        Class<?> type = extensionMethod.getType();
        Method method = extensionMethod.getMethod();
        TrackAs annotation = method.getAnnotation(TrackAs.class);
        if (annotation == null) {
            annotation = type.getAnnotation(TrackAs.class);
        }
        QueryType queryType = annotation != null ? annotation.value() : inferType(sql);
        QueryDescriptor.Builder b = QueryDescriptor.builder(type.getSimpleName() + "." + method.getName(), queryType)
                .origin(type.getName() + "#" + method.getName());
        if (sql != null) {
            b.sql(sql);
        }
        return b.build();
    }

    /** What the SQL says it is; statements of unknown kinds (CALL, DDL) count as bulk work. */
    static QueryType inferType(String sql) {
        return sql == null ? QueryType.RAW_SQL_BULK : NamedSql.parse(sql).inferredType().orElse(QueryType.RAW_SQL_BULK);
    }
}
