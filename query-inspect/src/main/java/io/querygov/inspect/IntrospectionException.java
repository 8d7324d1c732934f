package io.querygov.inspect;

import io.querygov.core.QueryGovException;

/**
 * PostgreSQL introspection failed: the server refused a statement, a connection could not be had, or the inputs do
 * not allow the operation. The message names the query at fault and says what to do.
 */
public class IntrospectionException extends QueryGovException {
    private static final long serialVersionUID = 1L;

    private final String queryName;
    private final String sqlState;

    public IntrospectionException(String queryName, String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.queryName = queryName;
        this.sqlState = sqlState;
    }

    public IntrospectionException(String queryName, String message) {
        this(queryName, null, message, null);
    }

    /** The registered query this is about, or null when it is about none (e.g. reading pg_stat_statements). */
    public String queryName() {
        return queryName;
    }

    /** The server's SQLSTATE when the server refused something, else null. */
    public String sqlState() {
        return sqlState;
    }
}
