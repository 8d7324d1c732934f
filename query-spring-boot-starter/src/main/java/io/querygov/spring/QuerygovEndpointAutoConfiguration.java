package io.querygov.spring;

import io.querygov.core.QueryCatalog;
import io.querygov.metrics.QueryMetrics;
import io.querygov.spring.internal.QueryEventCounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@link QuerygovEndpoint}, when Actuator is there and the endpoint is available (not web-exposed by default). */
@AutoConfiguration(after = QuerygovAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(QueryMetrics.class)
@ConditionalOnBooleanProperty(name = "querygov.enabled", matchIfMissing = true)
public class QuerygovEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    public QuerygovEndpoint querygovEndpoint(QueryMetrics metrics, ObjectProvider<QueryCatalog> catalog,
                                             ObjectProvider<QueryEventCounts> events, QuerygovProperties properties) {
        return new QuerygovEndpoint(metrics, catalog.getIfAvailable(QueryCatalog::empty), events.getIfAvailable(),
                properties.getEndpoint().getTop());
    }
}
