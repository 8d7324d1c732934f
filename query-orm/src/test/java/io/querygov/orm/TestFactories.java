package io.querygov.orm;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querygov.core.QueryExecution;
import io.querygov.core.QueryListener;
import io.querygov.orm.depot.DepotSchema;
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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test database with one of the test models, and session factories over it on HikariCP. Registered in a static
 * field, it creates the database before the class's {@code @BeforeAll} methods and, after its {@code @AfterAll}
 * methods, closes the factories and their pools before it drops the database.
 */
final class TestFactories
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, AutoCloseable {
    private final PostgresExtension pg;
    private final Class<?>[] entities;
    private final List<AutoCloseable> open = new ArrayList<>();

    private TestFactories(PostgresExtension pg, Class<?>[] entities) {
        this.pg = pg;
        this.entities = entities;
    }

    /** Users, their projects and the projects' tasks: {@link Schema}. */
    static TestFactories projects() {
        return new TestFactories(PostgresExtension.create().withSchema(Schema.DDL), Schema.ENTITIES);
    }

    /** Depots, their parcels and couriers: {@link DepotSchema}. */
    static TestFactories depots() {
        return new TestFactories(PostgresExtension.create().withSchema(DepotSchema.DDL), DepotSchema.ENTITIES);
    }

    /** Factories of their own over the same database, closed when the returned object is. */
    TestFactories onTheSameDatabase() {
        return new TestFactories(pg, entities);
    }

    PostgresExtension database() {
        return pg;
    }

    SessionFactory build(HibernateTracking tracking) {
        return build(tracking, settings -> {
        });
    }

    SessionFactory build(HibernateTracking tracking, Consumer<Map<String, Object>> moreSettings) {
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

    // the database's own callbacks, forwarded so that it serves the class as if it were registered itself
    @Override
    public void beforeAll(ExtensionContext context) {
        pg.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        pg.beforeEach(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        pg.afterEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            close();
        } finally {
            pg.afterAll(context);
        }
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
