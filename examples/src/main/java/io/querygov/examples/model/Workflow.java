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

/** The steps that reconcile one source against one target; its definition is a free-form JSON document. */
// Mirrors Visualization on purpose: the two tables have one shape; ProjectPart holds what they share, and each
// keeps its own named query and its own document, column and accessors under the name the schema gives it.
@Entity
@Table(name = "workflows")
@NamedQuery(name = Workflow.BY_PROJECT,
        query = "select w from Workflow w where w.project.id = :projectId order by w.name, w.id",
        hints = @QueryHint(name = "querygov.param.projectId", value = "sample: SELECT id FROM projects ORDER BY id LIMIT 500"))
public class Workflow extends ProjectPart {

    /** The workflows of a project by name; parameter {@code projectId}. */
    public static final String BY_PROJECT = "Workflow.byProject";

    // Free-form: steps differ by kind and version, so a map rather than a record.
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, Object> definition;

    /** For Hibernate. */
    protected Workflow() {
    }

    public Workflow(UUID id, Project project, String name, Map<String, Object> definition, Instant createdAt) {
        super(id, project, name, createdAt);
        this.definition = Objects.requireNonNull(definition, "definition");
    }

    public Map<String, Object> getDefinition() {
        return definition;
    }

    /** Replaces the definition. */
    public void setDefinition(Map<String, Object> definition) {
        this.definition = Objects.requireNonNull(definition, "definition");
    }
}
