package io.querygov.raw;

import io.querygov.core.QueryGovException;

/**
 * The parameter values given for a registered statement do not match the parameters it uses: one
 * is missing or one is not used. Thrown before anything is sent to the database.
 */
public final class ParameterBindingException extends QueryGovException {
    private static final long serialVersionUID = 1L;

    public ParameterBindingException(String message) {
        super(message);
    }
}
