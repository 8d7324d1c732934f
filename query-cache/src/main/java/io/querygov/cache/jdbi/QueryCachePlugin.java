package io.querygov.cache.jdbi;

import io.querygov.cache.QueryCache;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import io.querygov.core.StatementLanguage;
import io.querygov.raw.NamedSql;
import io.querygov.raw.jdbi.TrackAs;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.BaseStream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.AttachedExtensionHandler;
import org.jdbi.v3.core.extension.ExtensionHandler;
import org.jdbi.v3.core.extension.ExtensionHandlerCustomizer;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.sqlobject.SqlObjects;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Caches the results of Jdbi SQL object query methods through a {@link QueryCache}:
 *
 * <pre>{@code
 * jdbi.installPlugin(new SqlObjectPlugin())
 *     .installPlugin(QueryTrackingPlugin.create(tracker, catalog))
 *     .installPlugin(QueryCachePlugin.create(cache, catalog));
 * }</pre>
 *
 * <p>A {@link SqlQuery} method is cached when it carries {@link Cached}, or when its SQL (as the
 * SQL object's locator finds it, so {@code @UseClasspathSqlLocator} and the like apply) is that of a
 * query in {@code catalog} with a cache TTL. It is cached under the catalog query's name when its
 * SQL is one of them, else under {@code Interface.method}, the names the tracking plugin gives the
 * same statements, and keyed by its arguments. A hit opens no handle and runs nothing.
 *
 * <p>Install it before the first SQL object is made: Jdbi decides the handlers of a SQL object type
 * once.
 */
public final class QueryCachePlugin implements JdbiPlugin {
    private final QueryCache cache;
    private final Map<String, QueryDescriptor> catalogBySql;
    private final ConcurrentHashMap<Method, Optional<QueryDescriptor>> descriptors = new ConcurrentHashMap<>();

    private QueryCachePlugin(QueryCache cache, QueryCatalog catalog) {
        this.cache = Objects.requireNonNull(cache, "cache");
        Map<String, QueryDescriptor> bySql = new HashMap<>();
        for (QueryDescriptor d : catalog) {
            if (d.language() == StatementLanguage.SQL) {
                d.statement().ifPresent(sql -> bySql.putIfAbsent(sql, d));
            }
        }
        this.catalogBySql = Map.copyOf(bySql);
    }

    /** Caches methods that carry {@link Cached}. */
    public static QueryCachePlugin create(QueryCache cache) {
        return new QueryCachePlugin(cache, QueryCatalog.empty());
    }

    /** Also caches methods whose SQL is that of a query in {@code catalog} with a cache TTL. */
    public static QueryCachePlugin create(QueryCache cache, QueryCatalog catalog) {
        return new QueryCachePlugin(cache, Objects.requireNonNull(catalog, "catalog"));
    }

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.getConfig(Extensions.class).registerHandlerCustomizer(new Customizer());
    }

    private final class Customizer implements ExtensionHandlerCustomizer {
        @Override
        public ExtensionHandler customize(ExtensionHandler handler, Class<?> extensionType, Method method) {
            if (!method.isAnnotationPresent(SqlQuery.class)) {
                return handler;
            }
            return (config, target) -> {
                AttachedExtensionHandler attached = handler.attachTo(config, target);
                Optional<QueryDescriptor> cached = descriptors.computeIfAbsent(method,
                        m -> describe(extensionType, m, config));
                if (cached.isEmpty()) {
                    return attached;
                }
                QueryDescriptor query = cached.get();
                return (handleSupplier, args) -> cache.get(query, args == null ? List.of() : Arrays.asList(args),
                        () -> unmodifiable(attached.invoke(handleSupplier, args)));
            };
        }
    }

    /** The descriptor a method is cached under, or empty when it is not cached. */
    private Optional<QueryDescriptor> describe(Class<?> type, Method method, ConfigRegistry config) {
        String sql = config.get(SqlObjects.class).getSqlLocator().locate(type, method, config);
        Cached annotation = method.getAnnotation(Cached.class);
        QueryDescriptor registered = sql == null ? null : catalogBySql.get(sql);
        Duration ttl = annotation != null ? ttl(annotation, type, method)
                : registered != null ? registered.cacheTtl().orElse(null) : null;
        if (ttl == null) {
            return Optional.empty();
        }
        refuseUncacheableReturns(type, method);
        if (registered != null) {
            return Optional.of(registered.cacheTtl().equals(Optional.of(ttl)) ? registered
                    : registered.toBuilder().cacheTtl(ttl).build());
        }
        TrackAs trackAs = method.getAnnotation(TrackAs.class) != null ? method.getAnnotation(TrackAs.class)
                : type.getAnnotation(TrackAs.class);
        QueryType queryType = trackAs != null ? trackAs.value()
                : NamedSql.parse(sql).inferredType().orElse(QueryType.RAW_SQL_ANALYTICS);
        return Optional.of(QueryDescriptor.builder(type.getSimpleName() + "." + method.getName(), queryType)
                .origin(type.getName() + "#" + method.getName())
                .sql(sql)
                .cacheTtl(ttl)
                .build());
    }

    private static Duration ttl(Cached annotation, Class<?> type, Method method) {
        if (annotation.value() < 1) {
            throw new IllegalArgumentException("@Cached(" + annotation.value() + ") on " + type.getName() + "#"
                    + method.getName() + ": the TTL must be at least 1 " + annotation.unit());
        }
        return Duration.of(annotation.value(), annotation.unit());
    }

    private static void refuseUncacheableReturns(Class<?> type, Method method) {
        Class<?> returns = method.getReturnType();
        if (BaseStream.class.isAssignableFrom(returns) || Iterator.class.isAssignableFrom(returns)
                || ResultIterable.class.isAssignableFrom(returns)
                || Iterable.class.isAssignableFrom(returns) && !Collection.class.isAssignableFrom(returns)) {
            throw new IllegalArgumentException(type.getName() + "#" + method.getName() + " is cached but returns "
                    + returns.getSimpleName() + ", which cannot be handed out twice: return a List, a Set, an Optional"
                    + " or a single value");
        }
    }

    @SuppressWarnings("unchecked")
    private static Object unmodifiable(Object result) {
        if (result instanceof List<?> list) {
            return Collections.unmodifiableList(list);
        }
        if (result instanceof Set<?> set) {
            return Collections.unmodifiableSet(set);
        }
        return result;
    }

    @Override
    public String toString() {
        return "QueryCachePlugin[" + catalogBySql.size() + " registered queries]";
    }
}
