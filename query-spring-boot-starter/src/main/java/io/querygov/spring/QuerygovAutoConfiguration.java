package io.querygov.spring;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryListener;
import io.querygov.core.QueryTracker;
import io.querygov.core.SlowQueryLogListener;
import io.querygov.core.SlowQueryPolicy;
import io.querygov.metrics.QueryMetrics;
import io.querygov.raw.SqlFileLoader;
import io.querygov.spring.internal.JdbiStatementClaims;
import io.querygov.spring.internal.QueryEventCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * The tracker and what it feeds: {@link QueryMetrics}, the slow-query log on the tracker's own policy, the event
 * counts the endpoint shows, and the catalog of {@code classpath:sql/}. The tracker takes every
 * {@link QueryListener} bean, the application's included. Each bean backs off when the application defines its own;
 * an application tracker should take the {@link QueryMetrics} bean as a listener, which the endpoint and the meters
 * read. {@code querygov.enabled=false} turns this and every other querygov auto-configuration off.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "querygov.enabled", matchIfMissing = true)
@EnableConfigurationProperties(QuerygovProperties.class)
public class QuerygovAutoConfiguration {
    private static final String DEFAULT_SQL_FOLDER = "sql";

    @Bean
    @ConditionalOnMissingBean
    public SlowQueryPolicy querygovSlowQueryPolicy(QuerygovProperties properties) {
        return properties.slowQueryPolicy();
    }

    @Bean
    @ConditionalOnMissingBean
    public QueryMetrics querygovMetrics(QuerygovProperties properties) {
        return QueryMetrics.builder()
                .maxQueries(properties.getMetrics().getMaxQueries())
                .highestTrackableValue(properties.getMetrics().getHighestTrackableValue())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public QueryEventCounts querygovEventCounts(QuerygovProperties properties) {
        return new QueryEventCounts(properties.getMetrics().getMaxQueries());
    }

    @Bean
    @ConditionalOnMissingBean
    public QueryTracker querygovTracker(SlowQueryPolicy policy, QuerygovProperties properties,
                                        ObjectProvider<QueryListener> listeners) {
        QueryTracker.Builder tracker = QueryTracker.builder().slowQueryPolicy(policy);
        List<QueryListener> all = listeners.orderedStream().toList();
        all.forEach(tracker::listener);
        if (properties.getSlow().isLog() && all.stream().noneMatch(SlowQueryLogListener.class::isInstance)) {
            tracker.listener(new SlowQueryLogListener(policy));
        }
        return tracker.build();
    }

    /**
     * The named SQL statements of {@code querygov.catalog.locations}; the default folder, {@code classpath:sql}, may
     * be absent, a folder the application names may not. A file with a problem fails the start with file and line.
     */
    @Bean
    @ConditionalOnMissingBean
    public QueryCatalog querygovCatalog(QuerygovProperties properties, ResourceLoader resources) {
        ClassLoader classLoader = resources.getClassLoader() != null
                ? resources.getClassLoader() : QuerygovAutoConfiguration.class.getClassLoader();
        List<String> locations = properties.getCatalog().getLocations();
        boolean defaults = locations.equals(List.of("classpath:" + DEFAULT_SQL_FOLDER));
        SqlFileLoader loader = SqlFileLoader.create();
        boolean any = false;
        for (String location : locations) {
            String folder = location.substring(location.indexOf(':') + 1);
            if (location.startsWith("classpath:")) {
                if (defaults && classLoader.getResource(DEFAULT_SQL_FOLDER) == null) {
                    continue;
                }
                loader = loader.classpath(folder, classLoader);
            } else {
                Path path = Path.of(folder);
                if (!Files.isDirectory(path)) {
                    throw new IllegalStateException("querygov.catalog.locations names " + location
                            + ", which is not a folder");
                }
                loader = loader.directory(path);
            }
            any = true;
        }
        return any ? loader.load() : QueryCatalog.empty();
    }

    @Bean
    @ConditionalOnMissingBean
    public JdbiStatementClaims querygovJdbiStatementClaims() {
        return new JdbiStatementClaims();
    }
}
