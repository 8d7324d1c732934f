package io.querygov.cli.internal;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import io.querygov.core.StatementLanguage;
import io.querygov.examples.ExampleDatabase;
import io.querygov.orm.OrmQueryCatalog;
import io.querygov.orm.OrmQueryRunner;
import io.querygov.raw.SqlFileLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;

/**
 * The examples as querytool's built-in workload: the SQL files, the entity model's named queries (run through
 * Hibernate), and the ORM variants of the reports. The Hibernate model is built without a database (no JDBC
 * metadata is read), so that {@code list} needs none; {@link #runners} binds it to the target.
 *
 * <p>The named queries are described by their HQL: the SQL Hibernate generates for them has positional {@code ?}
 * parameters, which {@code check} and {@code explain} cannot bind by name, so they skip them.
 */
final class ExampleWorkload implements Workload {
    private final LateDataSource database = new LateDataSource();
    private final SessionFactory sessions;
    private final QueryCatalog catalog;

    private ExampleWorkload() {
        this.sessions = ExampleDatabase.sessionFactory(database, Map.of(
                "hibernate.boot.allow_jdbc_metadata_access", "false",
                "jakarta.persistence.database-product-name", "PostgreSQL",
                "jakarta.persistence.database-major-version", "17"));
        try {
            QueryCatalog sql = SqlFileLoader.create().classpath("sql", ExampleDatabase.class.getClassLoader()).load();
            List<QueryDescriptor> all = new ArrayList<>(sql.queries());
            all.addAll(ExampleReports.descriptors(sql));
            for (QueryDescriptor named : OrmQueryCatalog.of(sessions)) {
                all.add(asHql(named));
            }
            this.catalog = QueryCatalog.builder().addAll(all).build();
        } catch (RuntimeException e) {
            sessions.close();
            throw e;
        }
    }

    static ExampleWorkload open() {
        return new ExampleWorkload();
    }

    private static QueryDescriptor asHql(QueryDescriptor named) {
        String hql = named.description().filter(d -> d.startsWith("HQL: ")).map(d -> d.substring(5)).orElse(null);
        if (hql == null) {
            return named;
        }
        QueryDescriptor.Builder b = named.toBuilder().statement(StatementLanguage.HQL, hql)
                .description("named query; Hibernate sends: " + named.statement().orElse("?"));
        return b.build();
    }

    @Override
    public QueryCatalog catalog() {
        return catalog;
    }

    @Override
    public List<QueryRunner> runners(DataSource dataSource, boolean allowWrites) {
        database.bind(dataSource);
        return List.of(new ExampleReports(sessions, allowWrites),
                OrmQueryRunner.builder(sessions).allowWrites(allowWrites).build());
    }

    @Override
    public String description() {
        return catalog.size() + " queries from the built-in examples catalog (give --catalog for your own)";
    }

    @Override
    public void close() {
        sessions.close();
    }
}
