package io.querygov.cli.internal;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryRunner;
import io.querygov.inspect.StatementCounter;
import java.util.List;
import java.util.Optional;
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
     * What counts the statements the {@link #runners} send per call, for the work capture; empty when they cannot
     * be counted (or there are none).
     */
    default Optional<StatementCounter> statementCounter() {
        return Optional.empty();
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
