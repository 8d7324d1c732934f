package io.querygov.testing.internal;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one server of this JVM, started on first use and stopped when the JUnit run that started it ends.
 *
 * <p>The server is held here rather than only in a store so that a JUnit run started from inside a test (as the
 * extension's own tests do) shares it instead of starting a second one. The run that starts it closes it through
 * an {@link AutoCloseable} in its root {@link ExtensionContext.Store}; a later request then starts a new one.
 * A failed start is remembered for the rest of that run, so every test class fails at once with the same cause
 * rather than trying again.
 */
public final class SharedServer {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedServer.class);
    private static final String FAILURE = "start-failure";
    private static final String STOPPER = "stopper";

    private static PostgresServer current;

    private SharedServer() {
    }

    /** This JVM's server, started by {@code starter} if there is none yet; {@code context} may be any context of the run. */
    public static synchronized PostgresServer get(ExtensionContext context, Supplier<PostgresServer> starter) {
        ExtensionContext.Store rootStore = context.getRoot().getStore(NAMESPACE);
        RuntimeException failure = rootStore.get(FAILURE, RuntimeException.class);
        if (failure != null) {
            throw failure;
        }
        if (current != null && !current.isClosed()) {
            return current;
        }
        PostgresServer started;
        try {
            started = starter.get();
        } catch (RuntimeException e) {
            rootStore.put(FAILURE, e);
            throw e;
        }
        current = started;
        rootStore.put(STOPPER, new Stopper(started));
        return started;
    }

    private static synchronized void stop(PostgresServer server) {
        if (current == server) {
            current = null;
        }
        server.close();
    }

    private record Stopper(PostgresServer server) implements AutoCloseable {
        @Override
        public void close() {
            stop(server);
        }
    }
}
