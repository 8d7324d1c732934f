package io.querygov.core;

/** The root of every exception querygov throws. Unchecked, like the rest of the stack it sits in. */
public class QueryGovException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueryGovException(String message) {
        super(message);
    }

    public QueryGovException(String message, Throwable cause) {
        super(message, cause);
    }
}
