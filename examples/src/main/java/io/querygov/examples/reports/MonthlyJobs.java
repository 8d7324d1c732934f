package io.querygov.examples.reports;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of {@code monthly_report}: a UTC month of a user's jobs.
 *
 * @param month the first day of the month
 * @param jobs jobs created in the month
 * @param completed those that completed
 * @param failed those that failed
 * @param meanCompletedMs the mean duration of the completed ones in milliseconds; null when none completed
 */
public record MonthlyJobs(LocalDate month, long jobs, long completed, long failed, Double meanCompletedMs) {

    public MonthlyJobs {
        Objects.requireNonNull(month, "month");
    }
}
