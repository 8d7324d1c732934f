package io.querygov.inspect;

/**
 * Why the server refused a statement, and where.
 *
 * @param sqlState the SQLSTATE, e.g. {@code 42P01} for an undefined table
 * @param message the server's primary message
 * @param detail the server's detail, or null
 * @param hint the server's hint, or null
 * @param position one-based character position in the statement as written (before {@code :name} became
 *        {@code $n}), or 0 when the server gave none
 * @param line one-based line of {@code position} within the statement, or 0 when there is no position
 * @param column one-based column of {@code position} within its line, or 0 when there is no position
 * @param location where to look: {@code file:line:column} when the query's origin is {@code file:line} (taken as
 *        the line of the statement's first line), else the origin and the line and column in the statement
 */
public record CheckFailure(String sqlState, String message, String detail, String hint, int position, int line,
                           int column, String location) {
}
