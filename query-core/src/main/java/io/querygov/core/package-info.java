/**
 * The querygov vocabulary and tracking API.
 *
 * <ul>
 *   <li>{@link io.querygov.core.QueryType}, {@link io.querygov.core.QueryDescriptor} and
 *       {@link io.querygov.core.QueryCatalog}: what the service runs, by stable name.</li>
 *   <li>{@link io.querygov.core.QueryTracker}: the one entry point; it measures each execution and
 *       hands an immutable {@link io.querygov.core.QueryExecution} to
 *       {@link io.querygov.core.QueryListener}s.</li>
 *   <li>{@link io.querygov.core.SlowQueryPolicy} and {@link io.querygov.core.SlowQueryLogListener}:
 *       when an execution is slow, and a log line that never holds a parameter value.</li>
 *   <li>{@link io.querygov.core.SqlFingerprint}: the shape of a statement, a stable name for SQL
 *       nobody named, read with the one SQL lexer of {@link io.querygov.core.sql}.</li>
 * </ul>
 *
 * <p>This package depends on SLF4J's API only: no JDBC, no ORM, no logging backend.
 */
package io.querygov.core;
