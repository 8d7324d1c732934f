package io.querygov.examples.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
public class User extends NamedEntity {

    /** The user with an e-mail address; parameter {@code email}. */
    public static final String BY_EMAIL = "User.byEmail";

    @Column(nullable = false, unique = true)
    private String email;

    @OneToMany(mappedBy = "owner")
    @OrderBy("createdAt, id")
    private List<Project> projects = new ArrayList<>();

    // The constructors and accessors read like ProjectPart's and Project's: the no-argument constructor JPA needs,
    // then checked columns and their getters, each class over its own columns.
    /** For Hibernate. */
    protected User() {
    }

    public User(UUID id, String email, String name, Instant createdAt) {
        super(id, name, createdAt);
        this.email = Objects.requireNonNull(email, "email");
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = Objects.requireNonNull(email, "email");
    }

    /** The user's projects, oldest first; loaded when first touched. */
    public List<Project> getProjects() {
        return projects;
    }

    @Override
    public String toString() {
        return "User[" + getId() + ", " + email + "]";
    }
}
