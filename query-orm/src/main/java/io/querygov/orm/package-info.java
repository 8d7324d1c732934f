/**
 * querygov for Hibernate: every statement of a {@code SessionFactory} tracked without changing the
 * application's calls.
 *
 * <ul>
 *   <li>{@link io.querygov.orm.HibernateTracking}: the one setting that turns tracking on, the
 *       ORM_SIMPLE / ORM_COMPLEX join threshold, N+1 detection, and
 *       {@link io.querygov.orm.HibernateTracking#record recording} for test assertions
 *       ({@link io.querygov.orm.RecordedStatements}).</li>
 *   <li>{@link io.querygov.orm.NPlusOneListener}, {@link io.querygov.orm.NPlusOneEvent}: what an
 *       N+1 does: log, throw, or anything else.</li>
 *   <li>{@link io.querygov.orm.OrmQueryCatalog}: the entity model's named queries as a
 *       {@link io.querygov.core.QueryCatalog}, with the SQL they translate to.</li>
 *   <li>{@link io.querygov.orm.OrmQueryRunner}: runs those named queries for the benchmark engine.</li>
 * </ul>
 */
package io.querygov.orm;
