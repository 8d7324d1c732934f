package io.querygov.inspect;

/**
 * No usable value for a parameter: none given and no sampler declared, a given value that does not read as the
 * declared type, or a sample query that failed or returned no rows. The message names the query and the parameter.
 */
public final class ParameterValueException extends IntrospectionException {
    private static final long serialVersionUID = 1L;

    private final String parameterName;

    public ParameterValueException(String queryName, String parameterName, String message, Throwable cause) {
        super(queryName, null, message, cause);
        this.parameterName = parameterName;
    }

    public ParameterValueException(String queryName, String parameterName, String message) {
        this(queryName, parameterName, message, null);
    }

    public String parameterName() {
        return parameterName;
    }
}
