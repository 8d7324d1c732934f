package io.querygov.core;

import java.util.List;

/** A query was asked for by a name the catalog does not have; the message suggests close names. */
public final class UnknownQueryException extends QueryGovException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final transient List<String> suggestions;

    public UnknownQueryException(String name, List<String> suggestions, int catalogSize) {
        super(message(name, suggestions, catalogSize));
        this.name = name;
        this.suggestions = List.copyOf(suggestions);
    }

    public String name() {
        return name;
    }

    /** Registered names close to the one asked for, closest first; may be empty. */
    public List<String> suggestions() {
        return suggestions;
    }

    private static String message(String name, List<String> suggestions, int catalogSize) {
        String base = "No query named '" + name + "' in the catalog (" + catalogSize
                + (catalogSize == 1 ? " query" : " queries") + ")";
        if (suggestions.isEmpty()) {
            return base + ".";
        }
        return base + ". Did you mean: " + String.join(", ", suggestions) + "?";
    }
}
