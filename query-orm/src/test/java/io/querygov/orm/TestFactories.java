package io.querygov.orm;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querygov.core.QueryExecution;
import io.querygov.core.QueryListener;
import io.querygov.orm.model.Schema;
import io.querygov.testing.PostgresExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/** Builds session factories on HikariCP over a test database, and closes them with their pool. */
final class TestFactories implements AutoCloseable {
    private final List<AutoCloseable> open = new ArrayList<>();

    SessionFactory build(PostgresExtension pg, HibernateTracking tracking) {
        return build(pg, tracking, settings -> {
        });
    }

    SessionFactory build(PostgresExtension pg, HibernateTracking tracking, Consumer<Map<String, Object>> moreSettings) {
        return build(pg, tracking, moreSettings, Schema.ENTITIES);
    }

    SessionFactory build(PostgresExtension pg, HibernateTracking tracking, Consumer<Map<String, Object>> moreSettings,
                         Class<?>... entities) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.jdbcUrl());
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        open.add(dataSource);
        Map<String, Object> settings = new HashMap<>();
        settings.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        if (tracking != null) {
            tracking.applyTo(settings);
        }
        moreSettings.accept(settings);
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings).build();
        SessionFactory factory = new MetadataSources(registry).addAnnotatedClasses(entities)
                .buildMetadata().buildSessionFactory();
        open.add(0, factory);
        return factory;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        open.clear();
    }

    /** Collects executions; thread-safe. */
    static final class Executions implements QueryListener {
        private final List<QueryExecution> seen = new ArrayList<>();

        @Override
        public synchronized void afterExecution(QueryExecution execution) {
            seen.add(execution);
        }

        synchronized List<QueryExecution> all() {
            return List.copyOf(seen);
        }

        synchronized void clear() {
            seen.clear();
        }

        synchronized List<String> names() {
            return seen.stream().map(QueryExecution::name).toList();
        }

        /** The one execution recorded, failing when there is not exactly one. */
        synchronized QueryExecution only() {
            if (seen.size() != 1) {
                throw new AssertionError("expected one execution, got " + seen.size() + ": " + names());
            }
            return seen.get(0);
        }
    }
}
