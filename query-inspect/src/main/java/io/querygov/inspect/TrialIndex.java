package io.querygov.inspect;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An index to try in {@link Explainer#explainWithIndex}: created inside the EXPLAIN's transaction and rolled back
 * with it, so the target never keeps it.
 *
 * @param schema the table's schema
 * @param table the table
 * @param columns the index's columns, in order
 */
public record TrialIndex(String schema, String table, List<String> columns) {
    /** How long CREATE INDEX may wait for its SHARE lock before the trial gives up. */
    public static final long LOCK_TIMEOUT_MILLIS = 2_000;

    public TrialIndex {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("an index on " + schema + "." + table + " needs at least one column");
        }
    }

    /** {@code CREATE INDEX ON "public"."job" ("status", "finished_at")}: every name quoted, the index named by the server. */
    public String createStatement() {
        return "CREATE INDEX ON " + quote(schema) + "." + quote(table) + " ("
                + columns.stream().map(TrialIndex::quote).collect(Collectors.joining(", ")) + ")";
    }

    /** The statement a person would type: {@code CREATE INDEX ON public.job (status, finished_at)}. */
    public String displayStatement() {
        return "CREATE INDEX ON " + schema + "." + table + " (" + String.join(", ", columns) + ")";
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
