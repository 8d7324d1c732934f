package io.querygov.spring;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryTracker;
import io.querygov.raw.jdbi.QueryTrackingPlugin;
import io.querygov.spring.internal.JdbiStatementClaims;
import io.querygov.spring.internal.JdbiTrackingPostProcessor;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Installs query-raw's {@link QueryTrackingPlugin} on every {@link Jdbi} bean, with the catalog: statements are
 * named after the .sql entry, the SQL object method or {@code adhoc:<fingerprint>}. An application
 * {@link QueryTrackingPlugin} bean is installed instead of the starter's; do not install one on the Jdbi yourself as
 * well, or its statements are recorded twice. Off with {@code querygov.jdbi.enabled=false}.
 */
// conditions and a static post-processor as QuerygovDataSourceAutoConfiguration has them: Boot reads each class's own
@AutoConfiguration(after = QuerygovAutoConfiguration.class)
@ConditionalOnClass({Jdbi.class, QueryTrackingPlugin.class})
@ConditionalOnBooleanProperty(name = "querygov.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "querygov.jdbi.enabled", matchIfMissing = true)
public class QuerygovJdbiAutoConfiguration {

    /** Static, as a post-processor must be, so that it is created before the beans it decorates. */
    @Bean
    public static JdbiTrackingPostProcessor querygovJdbiPostProcessor(ObjectProvider<QueryTrackingPlugin> plugin,
            ObjectProvider<QueryTracker> tracker, ObjectProvider<QueryCatalog> catalog,
            ObjectProvider<JdbiStatementClaims> claims) {
        return new JdbiTrackingPostProcessor(
                () -> plugin.getIfAvailable(() -> QueryTrackingPlugin.create(tracker.getObject(),
                        catalog.getIfAvailable(QueryCatalog::empty))),
                () -> claims.getIfAvailable(JdbiStatementClaims::new));
    }
}
