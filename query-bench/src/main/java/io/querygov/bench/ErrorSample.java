package io.querygov.bench;

import java.util.Objects;

/**
 * The first error a query raised in a run, kept as text so a saved run can hold it: class name and message.
 *
 * @param className the exception's class name
 * @param message its message, possibly empty, shortened to {@value #MAX_MESSAGE_LENGTH} characters
 */
public record ErrorSample(String className, String message) {
    /** Longest message kept: a server error with the whole statement in it would swamp a report. */
    public static final int MAX_MESSAGE_LENGTH = 500;

    public ErrorSample {
        Objects.requireNonNull(className, "className");
        message = message == null ? "" : shorten(message);
    }

    /** The sample for this exception. */
    public static ErrorSample of(Throwable error) {
        return new ErrorSample(error.getClass().getName(), error.getMessage());
    }

    private static String shorten(String message) {
        return message.length() <= MAX_MESSAGE_LENGTH ? message
                : message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
    }

    @Override
    public String toString() {
        return message.isEmpty() ? className : className + ": " + message;
    }
}
