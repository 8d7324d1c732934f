/**
 * querygov for plain JDBC: every statement of a {@code DataSource} tracked without changing the
 * application's calls, whatever sits on top of JDBC (JdbcTemplate, jOOQ, MyBatis).
 *
 * <ul>
 *   <li>{@link io.querygov.jdbc.ForwardingDataSource}: the base of a DataSource wrapper that observes the
 *       connections it hands out, with {@code unwrap} still reaching the pool.</li>
 *   <li>{@link io.querygov.jdbc.StatementRecorder}: what a tracked connection does with each statement it
 *       runs, for integrations that name statements themselves (the Hibernate one does).</li>
 * </ul>
 */
package io.querygov.jdbc;
