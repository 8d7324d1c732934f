package io.querygov.cli.internal;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryRunner;
import io.querygov.orm.HibernateTracking;
import java.util.List;
import javax.sql.DataSource;

/**
 * The queries a command works on, and what runs those that plain SQL cannot: the catalogs given with
 * {@code --catalog}, or the built-in examples with their Hibernate model. Close it when the command ends.
 */
public interface Workload extends AutoCloseable {

    QueryCatalog catalog();

    /**
     * Runners for the queries that are not plain SQL, tried before the SQL runner; none for catalogs of SQL files
     * and jars, whose ORM queries run as the SQL they registered.
     *
     * @param dataSource read-write sessions of the target, for Hibernate
     */
    List<QueryRunner> runners(DataSource dataSource, boolean allowWrites);

    /**
     * Runners as {@link #runners} gives them, over sessions whose statements {@code tracking} records, so that a
     * caller can count the statements one call sends ({@link HibernateTracking#record}); writes are rolled back.
     * None for catalogs without Hibernate runners.
     */
    default List<QueryRunner> trackedRunners(DataSource dataSource, HibernateTracking tracking) {
        return List.of();
    }

    /** {@code 20 queries from ...}, for a note. */
    String description();

    @Override
    void close();

    /** Catalogs that need nothing but the SQL runner. */
    static Workload of(QueryCatalog catalog, String description) {
        return new Workload() {
            @Override
            public QueryCatalog catalog() {
                return catalog;
            }

            @Override
            public List<QueryRunner> runners(DataSource dataSource, boolean allowWrites) {
                return List.of();
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void close() {
            }
        };
    }
}
