package io.querygov.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.ManualClock;
import io.querygov.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

class ConnectionWaitTest {
    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create();

    private final ManualClock clock = new ManualClock();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final ConnectionWait.Listener listener = new ConnectionWait.Listener() {
        @Override
        public void acquired(long waitNanos) {
            told.add("acquired " + waitNanos);
        }

        @Override
        public void failed(long waitNanos, SQLException failure) {
            told.add("failed " + waitNanos + " " + failure.getSQLState());
        }
    };

    /** A real server's connections, handed out 3 ms of the manual clock after they are asked for. */
    private DataSource slowPool(DataSource real) {
        return new ForwardingDataSource(real) {
            @Override
            public Connection getConnection() throws SQLException {
                clock.advance(Duration.ofMillis(3));
                return real.getConnection();
            }
        };
    }

    @Test
    void eachWaitIsToldApartFromWhatTheConnectionThenRuns() throws SQLException {
        DataSource timed = ConnectionWait.timing(slowPool(pg.dataSource()), listener, clock);
        try (Connection c = timed.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            clock.advance(Duration.ofMillis(50));     // the query's time is not the wait's
            assertTrue(rs.next());
        }
        assertEquals(List.of("acquired 3000000"), told);
    }

    @Test
    void aFailedWaitIsToldAndItsExceptionReachesTheCallerUnchanged() {
        PGSimpleDataSource refused = new PGSimpleDataSource();
        refused.setURL("jdbc:postgresql://127.0.0.1:1/none?user=nobody");
        DataSource timed = ConnectionWait.timing(slowPool(refused), listener, clock);
        SQLException e = assertThrows(SQLException.class, timed::getConnection);
        assertEquals("08001", e.getSQLState());
        assertEquals(List.of("failed 3000000 08001"), told);
    }

    @Test
    void theConnectionsAreThePoolsOwn() throws SQLException {
        Connection[] handedOut = new Connection[1];
        DataSource pool = new ForwardingDataSource(pg.dataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                handedOut[0] = super.getConnection();
                return handedOut[0];
            }
        };
        try (Connection c = ConnectionWait.timing(pool, listener, clock).getConnection()) {
            assertSame(handedOut[0], c);
        }
    }
}
