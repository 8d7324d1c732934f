package io.querygov.examples.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A chart on a project's dashboard; its configuration is a free-form JSON document. */
@Entity
@Table(name = "visualizations")
@NamedQuery(name = Visualization.BY_PROJECT,
        query = "select w from Visualization w where w.project.id = :projectId order by w.name, w.id",
        hints = @QueryHint(name = "querygov.param.projectId", value = "sample: SELECT id FROM projects ORDER BY id LIMIT 500"))
public class Visualization extends ProjectPart {

    /** The visualizations of a project by name; parameter {@code projectId}. */
    public static final String BY_PROJECT = "Visualization.byProject";

    // Free-form: each chart kind has its own options, so a map rather than a record.
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, Object> configuration;

    /** For Hibernate. */
    protected Visualization() {
    }

    public Visualization(UUID id, Project project, String name, Map<String, Object> configuration, Instant createdAt) {
        super(id, project, name, createdAt);
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    public Map<String, Object> getConfiguration() {
        return configuration;
    }

    /** Replaces the configuration. */
    public void setConfiguration(Map<String, Object> configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }
}
