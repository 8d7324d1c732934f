/**
 * PostgreSQL introspection of registered SQL statements: what a command line tool or a CI job calls. Every result is
 * an immutable record, ready to print as a table or to write as JSON.
 *
 * <ul>
 *   <li>{@link io.querygov.inspect.StatementChecker}: parse and describe each statement against the live
 *       schema without running it; parameter types, result columns, or the error with SQLSTATE and position.</li>
 *   <li>{@link io.querygov.inspect.Explainer}: EXPLAIN (FORMAT JSON) with values, optionally ANALYZE (always
 *       rolled back) and BUFFERS, the generic plan on PostgreSQL 16+, {@link io.querygov.inspect.PlanWarnings}
 *       and {@link io.querygov.inspect.PlanText}.</li>
 *   <li>{@link io.querygov.inspect.PgStatStatements}: readings of pg_stat_statements across server versions,
 *       rankings, differences between readings, and {@link io.querygov.inspect.StatementNames} to map entries
 *       back to registered names.</li>
 *   <li>{@link io.querygov.inspect.ParameterSource}: parameter values from samplers or given text, typed by
 *       the declared SQL type.</li>
 * </ul>
 *
 * <p>Statements use Jdbi's named parameters ({@code :name}; {@code ::type} is a cast). Nothing here changes a
 * target database's data: checks and plain EXPLAINs never run the statement, sample queries run read-only, and
 * EXPLAIN ANALYZE runs in a transaction that is rolled back. Failures are {@link
 * io.querygov.inspect.IntrospectionException}s, unchecked, naming the query at fault.
 */
package io.querygov.inspect;
