package io.querygov.examples.model;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.hibernate.Hibernate;

/**
 * What the entities keyed by a uuid the application assigns have in common: the key, a name, when the row was
 * created, and identity by key. {@link ReconciliationJob}, keyed by the database, is not one.
 */
@MappedSuperclass
public abstract class NamedEntity {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** For Hibernate. */
    protected NamedEntity() {
    }

    protected NamedEntity(UUID id, String name, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    // Identity is the assigned id, so entities stay equal across sessions and in sets before and after persist.
    // The other side may be a lazy proxy: its class is read and its id asked for without loading it.
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof NamedEntity other
                && Hibernate.getClassLazy(this) == Hibernate.getClassLazy(other) && id.equals(other.getId());
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + id + ", " + name + "]";
    }
}
