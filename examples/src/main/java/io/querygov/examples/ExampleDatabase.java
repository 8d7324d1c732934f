package io.querygov.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.querygov.examples.model.Project;
import io.querygov.examples.model.ReconciliationJob;
import io.querygov.examples.model.User;
import io.querygov.examples.model.Visualization;
import io.querygov.examples.model.Workflow;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * Connects the example service to a database: a HikariCP pool and a Hibernate {@link SessionFactory} over it.
 *
 * <pre>{@code
 * try (HikariDataSource pool = ExampleDatabase.pool(jdbcUrl);
 *      SessionFactory sessions = ExampleDatabase.sessionFactory(pool)) {
 *     sessions.inTransaction(session -> ...);
 * }
 * }</pre>
 *
 * <p>Hibernate never creates or changes tables here: {@link Schema} owns the schema.
 */
public final class ExampleDatabase {

    /** The entity classes of the example service. */
    public static final List<Class<?>> ENTITIES =
            List.of(User.class, Project.class, Workflow.class, Visualization.class, ReconciliationJob.class);

    /** The persistence unit name Hibernate reports in its logs and statistics. */
    public static final String PERSISTENCE_UNIT = "querygov-examples";

    private ExampleDatabase() {
    }

    /**
     * A connection pool for {@code jdbcUrl}, which carries user and password as URL parameters when it needs them.
     * The caller closes it.
     */
    public static HikariDataSource pool(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        HikariConfig config = new HikariConfig();
        config.setPoolName("querygov-examples");
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

    /** The PostgreSQL major version the {@linkplain #offlineSessionFactory() offline factory} writes SQL for. */
    public static final int OFFLINE_POSTGRES_MAJOR_VERSION = 17;

    /** A session factory for the {@linkplain #ENTITIES entities} over {@code dataSource}. The caller closes it. */
    public static SessionFactory sessionFactory(DataSource dataSource) {
        return sessionFactory(dataSource, Map.of());
    }

    /**
     * A session factory for the {@linkplain #ENTITIES entities} over {@code dataSource}, with further Hibernate
     * settings, e.g. {@code hibernate.session_factory.statement_inspector} or {@code hibernate.hbm2ddl.auto=validate}.
     * The caller closes it.
     */
    public static SessionFactory sessionFactory(DataSource dataSource, Map<String, ?> settings) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(settings, "settings");
        return new HibernatePersistenceConfiguration(PERSISTENCE_UNIT)
                .managedClasses(ENTITIES)
                .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .property(AvailableSettings.HBM2DDL_AUTO, "none")
                .properties(settings)
                .createEntityManagerFactory();
    }

    /**
     * A session factory that never connects: for reading the model and the SQL Hibernate writes for it (e.g.
     * {@code OrmQueryCatalog.of(factory)}) where no database is at hand, as {@code querytool list} is. The dialect and
     * server version are given instead of read from a connection, so the SQL is what a factory connected to PostgreSQL
     * {@value #OFFLINE_POSTGRES_MAJOR_VERSION} writes. Opening a session works; running a statement on it fails, as
     * there is no connection to run it on. The caller closes it.
     */
    public static SessionFactory offlineSessionFactory() {
        return new HibernatePersistenceConfiguration(PERSISTENCE_UNIT)
                .managedClasses(ENTITIES)
                // the product name picks the dialect as a connection would, without Hibernate's warning that an
                // explicit PostgreSQLDialect is not needed
                .property(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
                .property(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, OFFLINE_POSTGRES_MAJOR_VERSION)
                .property(AvailableSettings.ALLOW_METADATA_ON_BOOT, false)
                .property(AvailableSettings.HBM2DDL_AUTO, "none")
                .createEntityManagerFactory();
    }
}
