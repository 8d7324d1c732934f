package io.querygov.examples.model;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** One run of a workflow. */
@Entity
@Table(name = "reconciliation_jobs")
@NamedQuery(name = ReconciliationJob.RECENT_OF_PROJECT,
        query = "select j from ReconciliationJob j where j.project.id = :projectId "
                + "order by j.createdAt desc, j.id desc",
        hints = @QueryHint(name = "querygov.param.projectId", value = "sample: SELECT id FROM projects ORDER BY id LIMIT 500"))
@NamedQuery(name = ReconciliationJob.RECENT_OF_OWNER,
        query = "select j from ReconciliationJob j join fetch j.project p join fetch p.owner o "
                + "join fetch j.workflow w where o.id = :ownerId and j.createdAt >= :since "
                + "order by j.createdAt desc, j.id desc",
        hints = {@QueryHint(name = "querygov.param.ownerId", value = "sample: SELECT id FROM users ORDER BY id LIMIT 200"),
                 @QueryHint(name = "querygov.param.since", value = "values: 2024-06-01, 2024-10-01, 2024-12-01")})
public class ReconciliationJob {

    /** The jobs of a project, newest first (set a maximum on the query); parameter {@code projectId}. */
    public static final String RECENT_OF_PROJECT = "ReconciliationJob.recentOfProject";
    /**
     * The jobs of all of a user's projects since an instant, newest first, with project, owner and workflow in the
     * same statement (three joins); parameters {@code ownerId} and {@code since}.
     */
    public static final String RECENT_OF_OWNER = "ReconciliationJob.recentOfOwner";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "project_id", nullable = false)
    private Project project;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "workflow_id", nullable = false)
    private Workflow workflow;

    @Convert(converter = JobStatusConverter.class)
    @Column(nullable = false)
    private JobStatus status;

    @Column(name = "duration_ms")
    private Long durationMs;

    private String error;

    @Column(nullable = false)
    private boolean archived;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /** For Hibernate. */
    protected ReconciliationJob() {
    }

    /** A new pending job of {@code workflow}, in the workflow's project. */
    public ReconciliationJob(Workflow workflow, Instant createdAt) {
        this.workflow = Objects.requireNonNull(workflow, "workflow");
        this.project = workflow.getProject();
        this.status = JobStatus.PENDING;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The id, or null before the job is persisted: the database assigns it. */
    public Long getId() {
        return id;
    }

    public Project getProject() {
        return project;
    }

    public Workflow getWorkflow() {
        return workflow;
    }

    public JobStatus getStatus() {
        return status;
    }

    /** Marks the job as running. */
    public void start() {
        requireStatus(JobStatus.PENDING, "start");
        status = JobStatus.RUNNING;
    }

    /** Marks the running job as ended at {@code finishedAt}, failed when {@code error} is not null. */
    public void finish(Instant finishedAt, Duration duration, String error) {
        requireStatus(JobStatus.RUNNING, "finish");
        this.finishedAt = Objects.requireNonNull(finishedAt, "finishedAt");
        this.durationMs = duration.toMillis();
        this.error = error;
        this.status = error == null ? JobStatus.COMPLETED : JobStatus.FAILED;
    }

    // Getters, then the transition that sets their columns, as for project, workflow and status above: the shape
    // repeats because each transition sits beside the state it changes.
    /** How long the job ran, in milliseconds; null until it has finished. */
    public Long getDurationMs() {
        return durationMs;
    }

    /** Why the job failed; null unless it did. */
    public String getError() {
        return error;
    }

    public boolean isArchived() {
        return archived;
    }

    /** Marks a completed job as archived, as {@code sql/archive_old_jobs.sql} does in bulk. */
    public void archive() {
        requireStatus(JobStatus.COMPLETED, "archive");
        archived = true;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** When the job ended; null until it has. */
    public Instant getFinishedAt() {
        return finishedAt;
    }

    private void requireStatus(JobStatus expected, String action) {
        if (status != expected) {
            throw new IllegalStateException("cannot " + action + " job " + id + ": it is " + status.databaseValue()
                    + ", not " + expected.databaseValue());
        }
    }

    // Ids come from the database, so identity before persist is the object itself (the usual advice for
    // generated ids): equal when both have the same id, and a constant hash so a set survives the persist.
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof ReconciliationJob other && id != null && id.equals(other.getId());
    }

    @Override
    public int hashCode() {
        return ReconciliationJob.class.hashCode();
    }

    @Override
    public String toString() {
        return "ReconciliationJob[" + id + ", " + status + "]";
    }
}
