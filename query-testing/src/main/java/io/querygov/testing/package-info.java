/**
 * JUnit 5 support for tests that talk to a real PostgreSQL server.
 *
 * <p>{@link io.querygov.testing.PostgresExtension} starts one embedded PostgreSQL 17 per test JVM (with
 * {@code pg_stat_statements} preloaded), or uses the server named by the environment variable
 * {@code QUERYGOV_TEST_JDBC_URL}, and gives each test class a fresh database of its own that is dropped
 * after the class.
 */
package io.querygov.testing;
