/**
 * {@code querytool dashboard}: a local web server over a target's pg_stat_statements, its registered queries, their
 * plans and benchmarks. Read-only on the target: it runs through the same targets, sessions and runners as the
 * other commands. Pages are rendered with {@link io.querygov.cli.report}'s escaping and charts.
 */
package io.querygov.cli.dashboard;
