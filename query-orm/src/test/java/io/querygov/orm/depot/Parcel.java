package io.querygov.orm.depot;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A parcel, in a depot (lazily), delivered by a courier through the courier's unidirectional collection. */
@Entity
@Table(name = "parcel")
public class Parcel {
    @Id
    private Long id;
    private String label;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "depot_id")
    private Depot depot;

    protected Parcel() {
    }

    public Depot getDepot() {
        return depot;
    }
}
