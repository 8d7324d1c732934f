/**
 * Implementation of {@code io.querygov.testing}: server start-up, JDBC URL handling, database names and
 * the connection leak check.
 *
 * <p>Not an API: anything in this package may change at any time, without notice. Use
 * {@link io.querygov.testing.PostgresExtension} instead.
 */
package io.querygov.testing.internal;
