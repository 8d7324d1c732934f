package io.querygov.examples;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many rows of each table the example data holds.
 *
 * @param users rows of {@code users}
 * @param projects rows of {@code projects}
 * @param workflows rows of {@code workflows}
 * @param visualizations rows of {@code visualizations}
 * @param reconciliationJobs rows of {@code reconciliation_jobs}
 */
public record RowCounts(long users, long projects, long workflows, long visualizations, long reconciliationJobs) {

    /** The rows at scale 1; other scales multiply these. */
    public static final RowCounts SCALE_ONE = new RowCounts(1_000, 10_000, 50_000, 50_000, 500_000);

    /** The counts by table name, in the order of {@link Schema#TABLES}. */
    public Map<String, Long> byTable() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("users", users);
        counts.put("projects", projects);
        counts.put("workflows", workflows);
        counts.put("visualizations", visualizations);
        counts.put("reconciliation_jobs", reconciliationJobs);
        return Collections.unmodifiableMap(counts);
    }

    /** The sum over all tables. */
    public long total() {
        return users + projects + workflows + visualizations + reconciliationJobs;
    }
}
