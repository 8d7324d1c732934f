package io.querygov.orm.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "app_user")
public class AppUser extends Identified {
    @Column(nullable = false)
    private String name;

    @Column(nullable = false, unique = true)
    private String email;

    protected AppUser() {
    }

    public AppUser(String name, String email) {
        this.name = name;
        this.email = email;
    }

    public String getName() {
        return name;
    }
}
