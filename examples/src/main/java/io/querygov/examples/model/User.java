package io.querygov.examples.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Someone who owns projects. */
@Entity
@Table(name = "users")
@NamedQuery(name = User.BY_EMAIL, query = "select u from User u where u.email = :email",
        hints = @QueryHint(name = "querygov.param.email", value = "sample: SELECT email FROM users ORDER BY id LIMIT 200"))
public class User {

    /** The user with an e-mail address; parameter {@code email}. */
    public static final String BY_EMAIL = "User.byEmail";

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String email;

    @Column(nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @OneToMany(mappedBy = "owner")
    @OrderBy("createdAt, id")
    private List<Project> projects = new ArrayList<>();

    /** For Hibernate. */
    protected User() {
    }

    public User(UUID id, String email, String name, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.email = Objects.requireNonNull(email, "email");
        this.name = Objects.requireNonNull(name, "name");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public UUID getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = Objects.requireNonNull(email, "email");
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

    /** The user's projects, oldest first; loaded when first touched. */
    public List<Project> getProjects() {
        return projects;
    }

    // Identity is the assigned id, so entities stay equal across sessions and in sets before and after persist.
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof User other && id.equals(other.getId());
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "User[" + id + ", " + email + "]";
    }
}
