package io.querygov.examples.model;

import java.util.Locale;

/** Where a reconciliation job is in its life; stored in lower case, as the column's CHECK constraint requires. */
public enum JobStatus {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED;

    /** The value in {@code reconciliation_jobs.status}. */
    public String databaseValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status stored as {@code value}.
     *
     * @throws IllegalArgumentException naming the valid values when {@code value} is none of them
     */
    public static JobStatus fromDatabaseValue(String value) {
        for (JobStatus status : values()) {
            if (status.databaseValue().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown job status '" + value
                + "', expected pending, running, completed or failed");
    }

    /** Whether the job has ended, and so has a duration and a finish time. */
    public boolean isFinished() {
        return this == COMPLETED || this == FAILED;
    }
}
