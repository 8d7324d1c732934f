package io.querygov.cli.internal;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryRunner;
import io.querygov.examples.ExampleDatabase;
import io.querygov.examples.ExampleReportRunner;
import io.querygov.examples.Examples;
import io.querygov.orm.HibernateTracking;
import io.querygov.orm.OrmQueryRunner;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;

/**
 * The examples as querytool's built-in workload: {@link Examples#catalog()} (the SQL files, the entity model's
 * named queries, the ORM variants of the reports), which needs no database, and, once there is a target, the
 * runners of the queries that are not plain SQL, over a Hibernate session factory this workload opens and closes.
 */
final class ExampleWorkload implements Workload {
    private final QueryCatalog catalog;
    private SessionFactory sessions;
    private SessionFactory trackedSessions;

    private ExampleWorkload(QueryCatalog catalog) {
        this.catalog = catalog;
    }

    static ExampleWorkload open() {
        return new ExampleWorkload(Examples.catalog());
    }

    @Override
    public QueryCatalog catalog() {
        return catalog;
    }

    /** The ORM variants' runner and Hibernate's for the named queries; the SQL files run through the SQL runner. */
    @Override
    public synchronized List<QueryRunner> runners(DataSource dataSource, boolean allowWrites) {
        if (sessions == null) {
            sessions = ExampleDatabase.sessionFactory(dataSource);
        }
        return List.of(ExampleReportRunner.create(sessions, allowWrites),
                OrmQueryRunner.builder(sessions).allowWrites(allowWrites).build());
    }

    /** The same runners over a second session factory that {@code tracking} is applied to. */
    @Override
    public synchronized List<QueryRunner> trackedRunners(DataSource dataSource, HibernateTracking tracking) {
        if (trackedSessions == null) {
            trackedSessions = ExampleDatabase.sessionFactory(dataSource, tracking.settings());
        }
        return List.of(ExampleReportRunner.create(trackedSessions, false),
                OrmQueryRunner.builder(trackedSessions).allowWrites(false).build());
    }

    @Override
    public String description() {
        return catalog.size() + " queries from the built-in examples catalog (give --catalog for your own)";
    }

    @Override
    public synchronized void close() {
        if (sessions != null) {
            sessions.close();
            sessions = null;
        }
        if (trackedSessions != null) {
            trackedSessions.close();
            trackedSessions = null;
        }
    }
}
