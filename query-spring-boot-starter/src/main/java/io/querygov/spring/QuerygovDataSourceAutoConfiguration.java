package io.querygov.spring;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryTracker;
import io.querygov.spring.internal.DataSourceTrackingPostProcessor;
import io.querygov.spring.internal.JdbiStatementClaims;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Decorates every DataSource bean so that JdbcTemplate, JdbcClient and plain JDBC statements are tracked, named
 * from the catalog or {@code adhoc:<fingerprint>}. Hibernate's and Jdbi's statements on the same DataSource are
 * recorded once, by their own tracking. Off with {@code querygov.datasource.enabled=false}.
 */
@AutoConfiguration(after = QuerygovAutoConfiguration.class)
@ConditionalOnClass({DataSource.class, DelegatingDataSource.class})
@ConditionalOnBooleanProperty(name = "querygov.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "querygov.datasource.enabled", matchIfMissing = true)
public class QuerygovDataSourceAutoConfiguration {

    /** Static, as a post-processor must be, so that it is created before the beans it decorates. */
    @Bean
    public static DataSourceTrackingPostProcessor querygovDataSourcePostProcessor(
            ObjectProvider<QueryTracker> tracker, ObjectProvider<QueryCatalog> catalog,
            ObjectProvider<JdbiStatementClaims> claims) {
        return new DataSourceTrackingPostProcessor(tracker::getObject, catalog::getObject,
                () -> claims.getIfAvailable(JdbiStatementClaims::new));
    }
}
