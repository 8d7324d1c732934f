package io.querygov.cli.internal;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import io.querygov.raw.SqlQueryRunner;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The runners a command executes queries with: raw SQL on plain JDBC, first one that supports a query wins. */
public final class Runners implements QueryRunner {
    private final List<QueryRunner> runners;

    private Runners(List<QueryRunner> runners) {
        this.runners = List.copyOf(runners);
    }

    /**
     * For a benchmark: SQL through {@link SqlQueryRunner}, writes rolled back unless allowed.
     *
     * @param readOnlyPool connections whose sessions are read-only by default ({@link Target#readOnly()}): each read
     *        runs in a read-only transaction that is rolled back, and the server refuses any write in it
     * @param first runners tried before the SQL runner, e.g. Hibernate's for the examples' named queries
     */
    public static Runners forBench(DataSource readOnlyPool, boolean allowWrites, List<QueryRunner> first) {
        List<QueryRunner> all = new java.util.ArrayList<>(first);
        all.add(SqlQueryRunner.builder(readOnlyPool).readOnlySessions(true).allowWrites(allowWrites).build());
        return new Runners(all);
    }

    /** These runners alone, first that supports a query wins; none supports anything when the list is empty. */
    public static Runners of(List<QueryRunner> runners) {
        return new Runners(runners);
    }

    @Override
    public boolean supports(QueryDescriptor query) {
        return runnerFor(query) != null;
    }

    @Override
    public long execute(QueryDescriptor query, Map<String, Object> parameters) throws Exception {
        return require(query).execute(query, parameters);
    }

    @Override
    public List<List<Object>> fetch(QueryDescriptor query, Map<String, Object> parameters) throws Exception {
        return require(query).fetch(query, parameters);
    }

    private QueryRunner runnerFor(QueryDescriptor query) {
        for (QueryRunner r : runners) {
            if (r.supports(query)) {
                return r;
            }
        }
        return null;
    }

    private QueryRunner require(QueryDescriptor query) {
        QueryRunner r = runnerFor(query);
        if (r == null) {
            throw new IllegalArgumentException("No runner for query '" + query.name() + "' (" + query.language() + ")");
        }
        return r;
    }
}
