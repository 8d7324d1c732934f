package io.querygov.routing;

/**
 * Where a {@link ReplicaRouting}'s statements went since it was built: one count per statement
 * prepared or created on its connections. Immutable; {@link ReplicaRouting#stats()} takes a new one.
 *
 * @param onReplica            statements run on the replica
 * @param onPrimary            statements run on the primary, for whatever reason, the four below included
 * @param readYourWrites       replica-bound reads that ran on the primary because the replica had not yet
 *                             replayed a write this thread made, within the read-your-writes window
 * @param replicaLagging       replica-bound reads that ran on the primary because the replica lagged
 * @param replicaDown          replica-bound reads that ran on the primary because the replica was down
 */
public record RoutingStats(long onReplica, long onPrimary, long readYourWrites, long replicaLagging, long replicaDown) {

    /** Replica-bound reads that ran on the primary for any of the three reasons. */
    public long fallbacks() {
        return readYourWrites + replicaLagging + replicaDown;
    }
}
