package io.querygov.orm.depot;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A parcel depot: the owner side of the N+1 tests' model. */
@Entity
@Table(name = "depot")
public class Depot {
    @Id
    private Long id;
    private String name;
    @OneToMany(mappedBy = "depot")
    private List<Parcel> parcels = new ArrayList<>();

    protected Depot() {
    }

    public String getName() {
        return name;
    }
}
