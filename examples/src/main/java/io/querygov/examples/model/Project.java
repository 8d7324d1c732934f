package io.querygov.examples.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A reconciliation project: the workflows that reconcile one set of books, their runs and their dashboards. */
@Entity
@Table(name = "projects")
@NamedQuery(name = Project.BY_ID_WITH_OWNER,
        query = "select p from Project p join fetch p.owner where p.id = :id",
        hints = @QueryHint(name = "querygov.param.id", value = "sample: SELECT id FROM projects ORDER BY id LIMIT 500"))
@NamedQuery(name = Project.BY_OWNER,
        query = "select p from Project p where p.owner.id = :ownerId order by p.createdAt, p.id",
        hints = @QueryHint(name = "querygov.param.ownerId", value = "sample: SELECT id FROM users ORDER BY id LIMIT 200"))
@NamedQuery(name = Project.BY_ID_WITH_DETAILS,
        query = "select p from Project p join fetch p.owner "
                + "left join fetch p.workflows left join fetch p.visualizations where p.id = :id",
        hints = @QueryHint(name = "querygov.param.id", value = "sample: SELECT id FROM projects ORDER BY id LIMIT 500"))
public class Project extends NamedEntity {

    /** The project with its owner, one join; parameter {@code id}. */
    public static final String BY_ID_WITH_OWNER = "Project.byIdWithOwner";
    /** The projects of a user, oldest first; parameter {@code ownerId}. */
    public static final String BY_OWNER = "Project.byOwner";
    /**
     * The project with its owner, workflows and visualizations in one statement (three joins). Workflows and
     * visualizations are sets: fetching two lists at once is the cartesian product Hibernate refuses.
     */
    public static final String BY_ID_WITH_DETAILS = "Project.byIdWithDetails";

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id", nullable = false)
    private User owner;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private ProjectSettings settings;

    @OneToMany(mappedBy = "project")
    private Set<Workflow> workflows = new HashSet<>();

    @OneToMany(mappedBy = "project")
    private Set<Visualization> visualizations = new HashSet<>();

    // Every job the project ever ran: hundreds of thousands for the busiest projects. Touching it loads them all.
    @OneToMany(mappedBy = "project")
    private List<ReconciliationJob> jobs = new ArrayList<>();

    // The constructors and accessors read like NamedEntity's and User's: the no-argument constructor JPA needs,
    // then checked columns and their getters, each class over its own columns.
    /** For Hibernate. */
    protected Project() {
    }

    public Project(UUID id, User owner, String name, ProjectSettings settings, Instant createdAt) {
        super(id, name, createdAt);
        this.owner = Objects.requireNonNull(owner, "owner");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public User getOwner() {
        return owner;
    }

    public ProjectSettings getSettings() {
        return settings;
    }

    public void setSettings(ProjectSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Set<Workflow> getWorkflows() {
        return workflows;
    }

    public Set<Visualization> getVisualizations() {
        return visualizations;
    }

    public List<ReconciliationJob> getJobs() {
        return jobs;
    }
}
