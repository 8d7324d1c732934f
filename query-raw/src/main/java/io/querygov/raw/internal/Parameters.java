package io.querygov.raw.internal;

import io.querygov.core.QueryDescriptor;
import io.querygov.raw.ParameterBindingException;
import io.querygov.raw.ParameterTyping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks values against the parameters a statement uses, and tells which strings to send untyped. */
public final class Parameters {
    private Parameters() {
    }

    /**
     * Checks that {@code values} names exactly the parameters {@code names} the statement uses.
     *
     * @throws ParameterBindingException naming what is missing or unexpected, and what the query takes
     */
    public static void check(QueryDescriptor descriptor, List<String> names, Map<String, ?> values) {
        if (values.size() == names.size() && names.stream().allMatch(values::containsKey)) {
            return;
        }
        List<String> missing = names.stream().filter(n -> !values.containsKey(n)).toList();
        List<String> unexpected = values.keySet().stream().filter(k -> !names.contains(k)).sorted().toList();
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("needs " + quoted(missing) + ", which " + (missing.size() == 1 ? "was" : "were") + " not given");
        }
        if (!unexpected.isEmpty()) {
            parts.add("has no parameter " + quoted(unexpected));
        }
        String takes = names.isEmpty() ? "no parameters" : names.stream()
                .map(n -> descriptor.parameter(n).map(p -> n + " " + p.sqlType()).orElse(n)).collect(Collectors.joining(", "));
        throw new ParameterBindingException("Query '" + descriptor.name() + "' (" + descriptor.originOrUnknown() + ") "
                + String.join(" and ", parts) + ". It takes " + takes + "; nothing was sent to the database.");
    }

    /**
     * For each name, whether a {@code String} value should be sent untyped: the parameter is declared
     * with a type that is not text ({@link ParameterTyping#TEXT}), so PostgreSQL should parse the
     * string as that type. A string for a text parameter keeps its varchar type.
     */
    public static boolean[] untypedStrings(QueryDescriptor descriptor, List<String> names) {
        boolean[] untyped = new boolean[names.size()];
        for (int i = 0; i < untyped.length; i++) {
            untyped[i] = descriptor.parameter(names.get(i))
                    .map(p -> ParameterTyping.of(p.sqlType()) != ParameterTyping.TEXT).orElse(false);
        }
        return untyped;
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }
}
