package io.querygov.core;

import java.util.List;
import java.util.stream.Collectors;

/** The root of every exception querygov throws. Unchecked, like the rest of the stack it sits in. */
public class QueryGovException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueryGovException(String message) {
        super(message);
    }

    public QueryGovException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A message for an exception that reports several problems at once: {@code headline} and the one item after a
     * colon, or {@code headline}, the count and {@code countedAs}, then one item a line.
     */
    protected static String listing(String headline, String countedAs, List<?> items) {
        if (items.size() == 1) {
            return headline + ": " + items.get(0);
        }
        return headline + ", " + items.size() + " " + countedAs + ":"
                + items.stream().map(item -> "\n  " + item).collect(Collectors.joining());
    }
}
