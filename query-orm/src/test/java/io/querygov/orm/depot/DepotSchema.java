package io.querygov.orm.depot;

/** 25 depots of 2 parcels each, 2 couriers without deliveries. */
public final class DepotSchema {
    public static final Class<?>[] ENTITIES = {Depot.class, Parcel.class, Courier.class};
    public static final String[] DDL = {
        "CREATE TABLE depot (id bigint PRIMARY KEY, name text NOT NULL)",
        "CREATE TABLE courier (id bigint PRIMARY KEY, name text NOT NULL)",
        "CREATE TABLE parcel (id bigint PRIMARY KEY, label text NOT NULL, depot_id bigint NOT NULL REFERENCES depot,"
                + " courier_id bigint REFERENCES courier)",
        "INSERT INTO depot SELECT g, 'depot ' || g FROM generate_series(1, 25) g",
        "INSERT INTO courier SELECT g, 'courier ' || g FROM generate_series(1, 2) g",
        "INSERT INTO parcel SELECT g, 'parcel ' || g, 1 + (g - 1) / 2, null FROM generate_series(1, 50) g"};
    public static final int DEPOTS = 25;

    private DepotSchema() {
    }
}
