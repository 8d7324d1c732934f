package io.querygov.examples.model;

import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A named part of one project, listed by the project: its workflows and the visualizations of its dashboard. */
@MappedSuperclass
public abstract class ProjectPart extends NamedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "project_id", nullable = false)
    private Project project;

    /** For Hibernate. */
    protected ProjectPart() {
    }

    protected ProjectPart(UUID id, Project project, String name, Instant createdAt) {
        super(id, name, createdAt);
        this.project = Objects.requireNonNull(project, "project");
    }

    public Project getProject() {
        return project;
    }
}
