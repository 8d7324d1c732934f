package io.querygov.inspect;

/**
 * A column of a checked statement's result.
 *
 * @param name the column label
 * @param type the server's type name ({@code int8}, {@code text}, {@code _int4} for an array)
 * @param table the table the column comes from, or null for an expression
 * @param nullability whether the column can be null, as far as the catalog tells
 */
public record ResultColumn(String name, String type, String table, Nullability nullability) {

    /** Whether a column can hold null. */
    public enum Nullability {
        /** A table column declared {@code NOT NULL}. */
        NOT_NULL,
        /** A table column that allows null. */
        NULLABLE,
        /** An expression, or a column the catalog does not describe: PostgreSQL cannot tell. */
        UNKNOWN
    }
}
