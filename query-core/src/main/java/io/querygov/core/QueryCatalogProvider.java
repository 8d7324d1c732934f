package io.querygov.core;

import java.util.List;

/**
 * How a service jar exposes its queries without configuration: implement this, and list the class in
 * {@code META-INF/services/io.querygov.core.QueryCatalogProvider}. {@link QueryCatalog#load(ClassLoader)}
 * and {@code querytool --catalog service.jar} find it through {@link java.util.ServiceLoader}.
 *
 * <p>Implementations need a public no-argument constructor, and {@link #catalog()} should be cheap
 * and free of side effects: it may be called by tools that never run a query.
 *
 * <p>A tool runs a descriptor with SQL as that SQL. To measure what the service really does for a
 * query (a Hibernate named query through Hibernate, a repository method that runs 201 statements),
 * contribute {@linkplain #runners(RunnerContext) runners}: {@code querytool bench} and {@code compare}
 * try them before plain SQL.
 *
 * <pre>{@code
 * public final class PetclinicQueries implements QueryCatalogProvider {
 *     public QueryCatalog catalog() { ... }
 *
 *     public List<QueryRunner> runners(RunnerContext context) {
 *         SessionFactory factory = Petclinic.sessionFactory(context.unwrap(DataSource.class));
 *         context.closeWhenDone(factory);
 *         return List.of(new VetPageRunner(factory), OrmQueryRunner.builder(factory)
 *                 .allowWrites(context.allowWrites()).build());
 *     }
 * }
 * }</pre>
 */
public interface QueryCatalogProvider {

    /** The queries this provider registers. */
    QueryCatalog catalog();

    /**
     * Runners for some of this provider's queries, tried in order before the tool's SQL runner; a runner
     * {@linkplain QueryRunner#supports supports} only the queries it knows. Called at most once per tool run,
     * when the tool has a target and is about to run queries; none unless overridden.
     *
     * @param context the target's connections and what the runners may do there
     */
    default List<QueryRunner> runners(RunnerContext context) {
        return List.of();
    }

    /**
     * What a tool hands a provider's {@linkplain QueryCatalogProvider#runners runners}: the target, whether
     * writes may commit, and a place for what must be closed when the tool is done.
     */
    interface RunnerContext {

        /**
         * The target in the form {@code type} names, or an {@link IllegalArgumentException} saying which forms the
         * tool offers. querytool offers {@code javax.sql.DataSource}: connections to the target, read-write,
         * each statement counted for the benchmark's statements per call.
         */
        <T> T unwrap(Class<T> type);

        /** Whether a statement that writes may commit; when false, a runner rolls writes back. */
        boolean allowWrites();

        /** Closes {@code resource} (a session factory, a pool) once the tool is done with the runners. */
        void closeWhenDone(AutoCloseable resource);
    }
}
