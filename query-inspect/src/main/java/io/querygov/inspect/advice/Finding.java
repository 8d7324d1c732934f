package io.querygov.inspect.advice;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a rule found on one query.
 *
 * @param query the registered name
 * @param rule the rule, whose id links to the guide
 * @param severity how much it matters
 * @param message what was found and what to do, with the figures, in one sentence or two
 * @param evidence the figures the rule judged by, by lowerCamelCase key (durations in {@code *Millis}), in order;
 *        values are strings, numbers, booleans or lists of strings
 */
public record Finding(String query, AdviceRule rule, Severity severity, String message, Map<String, Object> evidence) {

    public Finding {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }
}
