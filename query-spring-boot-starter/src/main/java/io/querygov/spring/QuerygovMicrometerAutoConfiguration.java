package io.querygov.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.querygov.metrics.QueryMetrics;
import io.querygov.micrometer.QueryMeters;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * query-micrometer's {@link QueryMeters} as a bean when the application has a {@link MeterRegistry}: Boot binds it
 * to every registry as the MeterBinder it is (Prometheus gets per-query histograms), and the starter's tracker takes
 * it as a listener so that N+1 events are counted.
 */
@AutoConfiguration(after = QuerygovAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, QueryMeters.class})
@ConditionalOnBean({MeterRegistry.class, QueryMetrics.class})
@ConditionalOnBooleanProperty(name = "querygov.enabled", matchIfMissing = true)
public class QuerygovMicrometerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public QueryMeters querygovMeters(QueryMetrics metrics) {
        return QueryMeters.create(metrics);
    }
}
