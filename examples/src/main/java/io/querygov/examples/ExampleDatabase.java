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
}
