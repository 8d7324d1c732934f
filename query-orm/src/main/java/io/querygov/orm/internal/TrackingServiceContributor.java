package io.querygov.orm.internal;

import java.util.Map;
import java.util.function.BiFunction;
import org.hibernate.boot.registry.StandardServiceInitiator;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.engine.jdbc.connections.internal.ConnectionProviderInitiator;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.jdbc.internal.JdbcServicesImpl;
import org.hibernate.engine.jdbc.spi.JdbcServices;
import org.hibernate.service.Service;
import org.hibernate.service.spi.ServiceContributor;
import org.hibernate.service.spi.ServiceRegistryImplementor;
import io.querygov.orm.HibernateTracking;

/**
 * Found by Hibernate through {@code META-INF/services}: replaces the initiators of the JDBC services
 * and the connection provider with ones that do exactly what Hibernate's do, and add tracking when
 * the registry's settings carry {@value HibernateTracking#SETTING}. A registry without the setting
 * gets Hibernate's own services, untouched.
 */
public final class TrackingServiceContributor implements ServiceContributor {

    @Override
    public void contribute(StandardServiceRegistryBuilder builder) {
        builder.addInitiator(new Initiator<>(TrackingRuntime.class, TrackingServiceContributor::runtime));
        builder.addInitiator(new Initiator<>(JdbcServices.class, TrackingServiceContributor::jdbcServices));
        builder.addInitiator(new Initiator<>(ConnectionProvider.class, TrackingServiceContributor::connectionProvider));
    }

    static TrackingCore core(Map<String, Object> settings) {
        Object value = settings.get(HibernateTracking.SETTING);
        if (value == null) {
            return null;
        }
        if (value instanceof TrackingCore core) {
            return core;
        }
        throw new io.querygov.core.QueryGovException("Setting " + HibernateTracking.SETTING + " holds a "
                + value.getClass().getName() + "; put it there with HibernateTracking.applyTo(settings) or "
                + "settings.putAll(tracking.settings())");
    }

    /** The registry's {@link TrackingRuntime}, or none when tracking is off. */
    private static TrackingRuntime runtime(Map<String, Object> settings, ServiceRegistryImplementor registry) {
        TrackingCore core = core(settings);
        return core == null ? null : new TrackingRuntime(core);
    }

    /** Hibernate's {@link JdbcServicesImpl}, with naming executors when tracking is on. */
    private static JdbcServices jdbcServices(Map<String, Object> settings, ServiceRegistryImplementor registry) {
        TrackingRuntime runtime = registry.getService(TrackingRuntime.class);
        return runtime == null ? new JdbcServicesImpl() : new TrackingJdbcServices(runtime);
    }

    /** Hibernate's own choice of connection provider, wrapped when tracking is on. */
    private static ConnectionProvider connectionProvider(Map<String, Object> settings,
                                                         ServiceRegistryImplementor registry) {
        ConnectionProvider provider = ConnectionProviderInitiator.INSTANCE.initiateService(settings, registry);
        TrackingRuntime runtime = registry.getService(TrackingRuntime.class);
        // null when multi-tenancy is on: Hibernate then uses a MultiTenantConnectionProvider, not tracked
        return provider == null || runtime == null ? provider : new TrackingConnectionProvider(provider, runtime);
    }

    /** Initiates one service role with a function of the settings and the registry. */
    private record Initiator<S extends Service>(Class<S> role,
                                                BiFunction<Map<String, Object>, ServiceRegistryImplementor, S> create)
            implements StandardServiceInitiator<S> {
        @Override
        public Class<S> getServiceInitiated() {
            return role;
        }

        @Override
        public S initiateService(Map<String, Object> settings, ServiceRegistryImplementor registry) {
            return create.apply(settings, registry);
        }
    }
}
