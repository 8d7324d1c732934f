package io.querygov.routing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the last check of the replica found: whether reads may go to it, how far behind it is, and why
 * not when they may not. Immutable.
 *
 * @param state    {@link State#UP}, {@link State#LAGGING} or {@link State#DOWN}
 * @param lag      how long ago the primary was at a WAL position the replica has not replayed yet: zero when it
 *                 has replayed everything the primary had written at the check; measured at the checks, so it
 *                 can be short by up to one check interval
 * @param replayed the last WAL position the replica replayed, as PostgreSQL writes it ({@code 0/3000148}), or
 *                 {@code unknown} before the first check that reached it
 * @param reason   why reads do not go to the replica, empty when they do
 */
public record ReplicaStatus(State state, Duration lag, String replayed, Optional<String> reason) {

    /** Whether replica-bound reads go to the replica. */
    public enum State {
        /** They do. */
        UP,
        /** They go to the primary: the replica's lag is over the threshold. */
        LAGGING,
        /** They go to the primary: the replica cannot be reached, or is not a standby. */
        DOWN
    }

    // a public record's null checks, written out as every record of the API does
    public ReplicaStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lag, "lag");
        Objects.requireNonNull(replayed, "replayed");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether replica-bound reads go to the replica. */
    public boolean serving() {
        return state == State.UP;
    }

    @Override
    public String toString() {
        return "replica " + state + " (lag " + lag.toMillis() + " ms, replayed " + replayed + ")"
                + reason.map(r -> ": " + r).orElse("");
    }
}
