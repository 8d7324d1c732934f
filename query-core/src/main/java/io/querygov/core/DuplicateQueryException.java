package io.querygov.core;

import java.util.List;

/** A catalog was given two queries with the same name; the message names both origins of each. */
public final class DuplicateQueryException extends QueryGovException {
    private static final long serialVersionUID = 1L;

    /** One name defined twice. */
    public record Duplicate(String name, String firstOrigin, String secondOrigin) {
        @Override
        public String toString() {
            return "'" + name + "' is defined at " + firstOrigin + " and again at " + secondOrigin;
        }
    }

    // Shaped like SqlFileException on purpose: each keeps its own typed list of what went wrong; the message is shared.
    private final transient List<Duplicate> duplicates;

    public DuplicateQueryException(List<Duplicate> duplicates) {
        super(listing("Query names must be unique", "are not", duplicates));
        this.duplicates = List.copyOf(duplicates);
    }

    public List<Duplicate> duplicates() {
        return duplicates;
    }
}
