package io.querygov.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What ForwardingDataSource adds to forwarding (DelegateCoverageTest checks the forwarding itself). */
class ForwardingDataSourceTest {
    private final Connection driverConnection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });
    private final Runnable poolInternals = () -> {
    };
    /** A pool that is also Serializable, wraps {@link #poolInternals} as a Runnable, and hands out one connection. */
    private final DataSource pool = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class, Serializable.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getConnection" -> driverConnection;
                case "unwrap" -> args[0] == Runnable.class ? poolInternals : null;
                case "isWrapperFor" -> args[0] == Runnable.class;
                default -> throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void bothWaysOfGettingAConnectionHandOutWhatWrapMakesOfIt() throws SQLException {
        List<Connection> wrapped = new ArrayList<>();
        Connection handedOut = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> null);
        DataSource dataSource = new ForwardingDataSource(pool) {
            @Override
            protected Connection wrap(Connection connection) {
                wrapped.add(connection);
                return handedOut;
            }
        };
        assertSame(handedOut, dataSource.getConnection());
        assertSame(handedOut, dataSource.getConnection("user", "secret"));
        assertEquals(2, wrapped.size());
        assertSame(driverConnection, wrapped.get(0));
        assertSame(driverConnection, wrapped.get(1));
    }

    @Test
    void unwrapAnswersForTheWrapperThenWhatItWrapsThenWhatThatWraps() throws SQLException {
        DataSource dataSource = new ForwardingDataSource(pool) {
        };
        assertSame(dataSource, dataSource.unwrap(ForwardingDataSource.class));
        assertSame(pool, dataSource.unwrap(Serializable.class));
        assertSame(poolInternals, dataSource.unwrap(Runnable.class));
        assertTrue(dataSource.isWrapperFor(ForwardingDataSource.class));
        assertTrue(dataSource.isWrapperFor(Serializable.class));
        assertTrue(dataSource.isWrapperFor(Runnable.class));
        assertFalse(dataSource.isWrapperFor(CharSequence.class));
    }
}
