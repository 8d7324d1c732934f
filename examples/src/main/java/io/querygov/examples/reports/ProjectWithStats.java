package io.querygov.examples.reports;

import java.util.Objects;
import java.util.UUID;

/**
 * One row of {@code project_with_stats}: a project, its owner and its activity since a date.
 *
 * @param projectId the project
 * @param projectName its name
 * @param ownerEmail its owner's e-mail address
 * @param workflows the project's workflows, all of them
 * @param jobs jobs created since the date
 * @param failedJobs those that failed
 */
public record ProjectWithStats(UUID projectId, String projectName, String ownerEmail, long workflows, long jobs,
                               long failedJobs) {

    public ProjectWithStats {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(projectName, "projectName");
        Objects.requireNonNull(ownerEmail, "ownerEmail");
    }
}
