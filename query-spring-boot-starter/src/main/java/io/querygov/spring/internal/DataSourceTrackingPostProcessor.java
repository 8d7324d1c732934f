package io.querygov.spring.internal;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryTracker;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Decorates every DataSource bean with a {@link TrackingDataSource}, the way datasource-micrometer and p6spy's
 * starters do: JdbcTemplate, JdbcClient, Spring Data JDBC and plain JDBC are tracked without a change.
 */
public final class DataSourceTrackingPostProcessor implements BeanPostProcessor {
    private final Supplier<QueryTracker> tracker;
    private final Supplier<QueryCatalog> catalog;
    private final Supplier<JdbiStatementClaims> claims;

    public DataSourceTrackingPostProcessor(Supplier<QueryTracker> tracker, Supplier<QueryCatalog> catalog,
                                           Supplier<JdbiStatementClaims> claims) {
        this.tracker = tracker;
        this.catalog = catalog;
        this.claims = claims;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof TrackingDataSource)) {
            return new TrackingDataSource(dataSource, tracker.get(), catalog.get(), claims.get());
        }
        return bean;
    }
}
