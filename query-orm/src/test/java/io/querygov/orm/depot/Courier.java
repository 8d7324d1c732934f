package io.querygov.orm.depot;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A courier whose deliveries are a unidirectional {@code @OneToMany @JoinColumn}: written by updating parcel rows. */
@Entity
@Table(name = "courier")
public class Courier {
    @Id
    private Long id;
    private String name;
    @OneToMany
    @JoinColumn(name = "courier_id")
    private List<Parcel> deliveries = new ArrayList<>();

    protected Courier() {
    }

    public List<Parcel> getDeliveries() {
        return deliveries;
    }
}
