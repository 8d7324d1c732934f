package io.querygov.examples;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryRunner;
import io.querygov.orm.OrmQueryCatalog;
import io.querygov.orm.OrmQueryRunner;
import io.querygov.raw.SqlFileLoader;
import io.querygov.raw.SqlQueryRunner;

import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

import org.hibernate.SessionFactory;

/**
 * The example service's queries and the runners that execute them: what {@code querytool} uses for its embedded
 * default.
 *
 * <pre>{@code
 * QueryCatalog catalog = Examples.catalog();
 * List<QueryRunner> runners = Examples.runners(pool, ExampleDatabase.sessionFactory(pool), false);
 * QueryDescriptor q = catalog.get("orm.project_analytics.loop");
 * QueryRunner runner = runners.stream().filter(r -> r.supports(q)).findFirst().orElseThrow();
 * }</pre>
 */
public final class Examples {

    /** The class path folder of the example service's SQL files. */
    public static final String SQL_FOLDER = "sql";

    private Examples() {
    }

    /**
     * Every query of the example service, in this order, names unique: the SQL files under {@value #SQL_FOLDER}/
     * (RAW_SQL_ANALYTICS, RAW_SQL_BULK); the entity model's named queries with the SQL Hibernate writes for them
     * (ORM_SIMPLE, ORM_COMPLEX); and the ORM variants of the compare reports (language ENTITY_OPERATION, see
     * {@link ExampleReportRunner}).
     *
     * <p>Needs no database: the named queries' SQL comes from an {@linkplain ExampleDatabase#offlineSessionFactory()
     * offline session factory}. Built once, on first use (about a second), then shared; immutable.
     */
    public static QueryCatalog catalog() {
        return CatalogHolder.CATALOG;
    }

    /** The SQL files alone, as {@link SqlFileLoader} reads them: what {@code QueryTrackingPlugin} and Jdbi need. */
    public static QueryCatalog sqlCatalog() {
        return SqlCatalogHolder.CATALOG;
    }

    /**
     * One runner for each kind of query in {@link #catalog()}; a tool uses the first that
     * {@linkplain QueryRunner#supports supports} a query. The order matters: {@link SqlQueryRunner} supports every
     * descriptor with SQL, the named queries' generated SQL included, so it comes last, and the named queries run
     * through Hibernate as the service runs them.
     *
     * <ol>
     *   <li>{@link ExampleReportRunner}: the ORM variants of the reports (Java code over sessions)</li>
     *   <li>{@link OrmQueryRunner}: the named queries</li>
     *   <li>{@link SqlQueryRunner}: the SQL files</li>
     * </ol>
     *
     * @param dataSource where the SQL files run; the caller keeps and closes it
     * @param sessionFactory a factory over the same database, e.g. {@link ExampleDatabase#sessionFactory(DataSource)};
     *        the caller keeps and closes it
     * @param allowWrites whether statements that write commit; if false they are rolled back
     */
    public static List<QueryRunner> runners(DataSource dataSource, SessionFactory sessionFactory, boolean allowWrites) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(sessionFactory, "sessionFactory");
        return List.of(ExampleReportRunner.create(sessionFactory, allowWrites),
                OrmQueryRunner.builder(sessionFactory).allowWrites(allowWrites).build(),
                SqlQueryRunner.builder(dataSource).allowWrites(allowWrites).build());
    }

    private static final class SqlCatalogHolder {
        static final QueryCatalog CATALOG =
                SqlFileLoader.create().classpath(SQL_FOLDER, Examples.class.getClassLoader()).load();
    }

    private static final class CatalogHolder {
        static final QueryCatalog CATALOG = build();

        private static QueryCatalog build() {
            QueryCatalog orm;
            try (SessionFactory offline = ExampleDatabase.offlineSessionFactory()) {
                orm = OrmQueryCatalog.of(offline);
            }
            QueryCatalog sql = sqlCatalog();
            return QueryCatalog.merge(List.of(sql, orm, ExampleReportRunner.catalog(sql)));
        }
    }
}
