package io.querygov.core;

/**
 * Something that happened to a query besides its execution, reported to listeners through
 * {@link QueryTracker#event(String, QueryEvent)} so that metrics can count it per query. Integrations
 * report them; a metrics back end counts each kind under its own tag value, so a kind added here
 * reaches dashboards without a change elsewhere.
 */
public enum QueryEvent {
    /**
     * A unit of work repeated the query's read beyond the N+1 threshold: Hibernate integrations
     * report it once per repeated shape and unit of work.
     */
    N_PLUS_ONE,

    /**
     * A read meant for a read replica ran on the primary because the replica's replication lag was over
     * its threshold: replica routing (query-routing) reports it once per such read.
     */
    REPLICA_LAGGING,

    /**
     * A read meant for a read replica ran on the primary because the replica could not be reached, or
     * is no longer a standby: replica routing (query-routing) reports it once per such read.
     */
    REPLICA_DOWN;

    /** The kind as a lower-case tag value: {@code n_plus_one}. */
    public String tagValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
