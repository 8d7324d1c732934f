package io.querygov.core;

import java.util.List;
import java.util.Map;

/**
 * Runs registered queries for tools that execute them on purpose: a benchmark, a comparison of two
 * variants. The raw-SQL and ORM modules each provide one; the benchmark engine knows only this.
 *
 * <p>Implementations are thread-safe (a benchmark calls them from several threads) and decide, when
 * they are built, how writes are treated: by default a statement that writes runs in a transaction
 * that is rolled back, and a read runs read-only.
 */
public interface QueryRunner {

    /** Whether this runner knows how to run the query. */
    boolean supports(QueryDescriptor query);

    /**
     * Runs the query once with these parameter values, reading and discarding its result.
     *
     * @return the rows returned or changed
     */
    long execute(QueryDescriptor query, Map<String, Object> parameters) throws Exception;

    /** Runs the query once and returns its rows, each as a list of column values in column order. */
    List<List<Object>> fetch(QueryDescriptor query, Map<String, Object> parameters) throws Exception;
}
