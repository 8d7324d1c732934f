package io.querygov.examples.reports;

import java.util.Objects;
import java.util.UUID;

/**
 * One row of {@code project_analytics}: a project's jobs since a date.
 *
 * @param projectId the project
 * @param completed jobs that completed
 * @param failed jobs that failed
 * @param meanMs the mean duration of the completed jobs, in milliseconds
 * @param p95Ms the 95th percentile of those durations, interpolated as PostgreSQL's {@code percentile_cont} does
 */
public record ProjectAnalytics(UUID projectId, long completed, long failed, double meanMs, double p95Ms) {

    public ProjectAnalytics {
        Objects.requireNonNull(projectId, "projectId");
    }
}
