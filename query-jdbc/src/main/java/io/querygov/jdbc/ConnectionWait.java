package io.querygov.jdbc;

import io.querygov.core.QueryClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * How long callers wait for a connection, measured apart from what they then run on it: the time
 * {@code getConnection()} takes on a pool is its queue (and, when the pool grows, the connect), which
 * a statement's own timing never shows. HikariCP's {@code MetricsTrackerFactory} sees the same for
 * HikariCP alone; this works over any DataSource.
 *
 * <pre>{@code
 * DataSource timed = ConnectionWait.timing(hikari, waitNanos -> waits.recordValue(waitNanos));
 * }</pre>
 *
 * <p>The connections are the pool's own, unwrapped: the cost is two clock readings and one listener
 * call per {@code getConnection()}. What the listener throws reaches the caller, so keep it to recording.
 */
public final class ConnectionWait {

    /** Told each wait, in nanoseconds of the monotonic clock: primitives, so nothing is allocated per call. */
    @FunctionalInterface
    public interface Listener {
        /** A caller got a connection after waiting {@code waitNanos}. */
        void acquired(long waitNanos);

        /** A caller waited {@code waitNanos} and got {@code failure} instead (a pool timeout, a refused connect). */
        default void failed(long waitNanos, SQLException failure) {
        }
    }

    private ConnectionWait() {
    }

    /** {@code pool}, with every wait for one of its connections told to {@code listener}. */
    public static DataSource timing(DataSource pool, Listener listener) {
        return timing(pool, listener, QueryClock.SYSTEM);
    }

    /** As {@link #timing(DataSource, Listener)}, on {@code clock}'s monotonic time. */
    public static DataSource timing(DataSource pool, Listener listener, QueryClock clock) {
        return new Timed(Objects.requireNonNull(pool, "pool"), Objects.requireNonNull(listener, "listener"),
                Objects.requireNonNull(clock, "clock"));
    }

    private static final class Timed extends ForwardingDataSource {
        private final Listener listener;
        private final QueryClock clock;

        Timed(DataSource pool, Listener listener, QueryClock clock) {
            super(pool);
            this.listener = listener;
            this.clock = clock;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return timed(delegate::getConnection);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return timed(() -> delegate.getConnection(username, password));
        }

        private Connection timed(ConnectionCall call) throws SQLException {
            long start = clock.monotonicNanos();
            Connection connection;
            try {
                connection = call.get();
            } catch (SQLException e) {
                listener.failed(Math.max(0, clock.monotonicNanos() - start), e);
                throw e;
            }
            listener.acquired(Math.max(0, clock.monotonicNanos() - start));
            return connection;
        }

        @Override
        public String toString() {
            return "connection-wait timing of " + delegate;
        }
    }

    /** Asks a DataSource for a connection. */
    @FunctionalInterface
    private interface ConnectionCall {
        Connection get() throws SQLException;
    }
}
