package io.querygov.testing.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Remembers the connections a test class handed out and finds those left open.
 *
 * <p>Connections opened while a test method runs (from the extension's before-each to its after-each,
 * which includes {@code @BeforeEach} and {@code @AfterEach} methods) belong to that method; all others
 * (opened in {@code @BeforeAll}, say) belong to the class. Assumes the methods of one class run one at a
 * time, which is JUnit's default.
 */
public final class ConnectionLeakTracker {

    private final List<Connection> classConnections = new ArrayList<>();
    private final List<Connection> methodConnections = new ArrayList<>();
    private boolean inMethod;

    /** Remembers {@code connection} in the current scope and returns it. */
    public synchronized Connection track(Connection connection) {
        (inMethod ? methodConnections : classConnections).add(connection);
        return connection;
    }

    /** A test method starts: connections opened from now on belong to it. */
    public synchronized void methodStarted() {
        inMethod = true;
        methodConnections.clear();
    }

    /** A test method ended: closes the connections it left open and returns how many there were. */
    public synchronized int methodEnded() {
        inMethod = false;
        return closeOpen(methodConnections);
    }

    /** The test class ended: closes the connections opened outside test methods and left open; returns how many. */
    public synchronized int classEnded() {
        inMethod = false;
        return closeOpen(methodConnections) + closeOpen(classConnections);
    }

    private static int closeOpen(List<Connection> connections) {
        int leaked = 0;
        for (Connection connection : connections) {
            if (!isClosed(connection)) {
                leaked++;
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the database is dropped next; a connection that will not close is ended by the server
                }
            }
        }
        connections.clear();
        return leaked;
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }
}
