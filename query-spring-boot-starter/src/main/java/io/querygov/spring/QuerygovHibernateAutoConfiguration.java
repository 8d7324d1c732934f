package io.querygov.spring;

import io.querygov.core.QueryTracker;
import io.querygov.orm.HibernateTracking;
import io.querygov.orm.NPlusOneListener;
import org.hibernate.SessionFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Applies query-orm's {@link HibernateTracking} to Boot's EntityManagerFactory through a
 * {@link HibernatePropertiesCustomizer}: every statement is named after the session call that ran it
 * ({@code find:Project}, {@code load:Project.tasks}, a named query's name, {@code hql:<fingerprint>}), typed by its
 * joins, and N+1s are counted per query (the endpoint, the meters) besides what {@code querygov.n-plus-one.mode}
 * says. An application {@link HibernateTracking} bean is applied instead of this one.
 */
@AutoConfiguration(after = QuerygovAutoConfiguration.class,
        beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({HibernatePropertiesCustomizer.class, SessionFactory.class, HibernateTracking.class})
@ConditionalOnBean(QueryTracker.class)
@ConditionalOnBooleanProperty(name = "querygov.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "querygov.hibernate.enabled", matchIfMissing = true)
public class QuerygovHibernateAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public HibernateTracking querygovHibernateTracking(QueryTracker tracker, QuerygovProperties properties) {
        // the tracking reports every N+1 to the tracker (QueryEvent.N_PLUS_ONE) whichever listener is set
        NPlusOneListener then = switch (properties.getNPlusOne().getMode()) {
            case LOG -> NPlusOneListener.LOG;
            case THROW -> NPlusOneListener.THROW;
            case COUNT -> NPlusOneListener.IGNORE;
        };
        return HibernateTracking.builder(tracker)
                .complexJoinThreshold(properties.getHibernate().getComplexJoins())
                .nPlusOneThreshold(properties.getNPlusOne().getLimit())
                .nPlusOneListener(then)
                .build();
    }

    @Bean
    public HibernatePropertiesCustomizer querygovHibernatePropertiesCustomizer(HibernateTracking tracking) {
        return tracking::applyTo;
    }
}
