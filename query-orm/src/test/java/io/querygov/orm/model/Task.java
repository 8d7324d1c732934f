package io.querygov.orm.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * Mapped field by field to the task table, as an entity is; reached by the tests through HQL and the project's lazy
 * collection only, so it has no accessors.
 */
@Entity
@Table(name = "task")
public class Task extends Identified {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "project_id")
    private Project project;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "assignee_id")
    private AppUser assignee;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private boolean done;

    protected Task() {
    }
}
