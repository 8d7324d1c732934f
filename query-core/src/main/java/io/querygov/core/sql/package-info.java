/**
 * SQL as the PostgreSQL server reads it: {@link io.querygov.core.sql.SqlLexer}, the one lexer every querygov module
 * reads SQL with (the fingerprint, the named-parameter scanner, the join counter), and
 * {@link io.querygov.core.sql.SqlClassification}, the one answer to "how many statements, does it write, what does
 * it do that a rollback cannot undo". Public so that modules other than core can use them; no JDBC, no state.
 */
package io.querygov.core.sql;
