package io.querygov.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What kind of query this is. The kind decides the default slow-query threshold and how results are
 * read: ORM kinds come from Hibernate, raw kinds from SQL we wrote ourselves.
 */
public enum QueryType {
    /** An ORM query whose generated SQL has fewer than {@value #COMPLEX_JOIN_THRESHOLD} joins. */
    ORM_SIMPLE(true),
    /** An ORM query whose generated SQL has {@value #COMPLEX_JOIN_THRESHOLD} or more joins. */
    ORM_COMPLEX(true),
    /** Hand-written SQL that reads: reports, aggregations, dashboards. */
    RAW_SQL_ANALYTICS(false),
    /** Hand-written SQL that writes many rows: bulk INSERT, UPDATE, DELETE, MERGE, COPY. */
    RAW_SQL_BULK(false);

    /** Joins at which an ORM query stops being simple. */
    public static final int COMPLEX_JOIN_THRESHOLD = 3;

    // An enum's one attribute, field and constructor, as query-bench's LatencyStatistic has its label: nothing to share.
    private final boolean orm;

    QueryType(boolean orm) {
        this.orm = orm;
    }

    /** Whether the query came from the ORM rather than from SQL written by hand. */
    public boolean isOrm() {
        return orm;
    }

    /** Classifies an ORM query by the joins in the SQL it generated, with the default threshold. */
    public static QueryType forOrmJoins(int joins) {
        return forOrmJoins(joins, COMPLEX_JOIN_THRESHOLD);
    }

    /**
     * Classifies an ORM query by the joins in the SQL it generated.
     *
     * @param joins the number of joins, zero or more
     * @param complexThreshold joins at which the query counts as complex, at least 1
     */
    public static QueryType forOrmJoins(int joins, int complexThreshold) {
        if (joins < 0) {
            throw new IllegalArgumentException("joins cannot be negative, was " + joins);
        }
        if (complexThreshold < 1) {
            throw new IllegalArgumentException("complexThreshold must be at least 1, was " + complexThreshold);
        }
        return joins >= complexThreshold ? ORM_COMPLEX : ORM_SIMPLE;
    }

    /**
     * Reads a type as written in a file or on a command line, ignoring case and accepting '-' for '_'.
     *
     * @throws IllegalArgumentException naming the valid values when the text is none of them
     */
    public static QueryType parse(String text) {
        if (text != null) {
            String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (QueryType type : values()) {
                if (type.name().equals(key)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("unknown query type '" + text + "', expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
