package io.querygov.cache.internal;

import io.querygov.cache.InvalidationStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on one dedicated connection for the other instances' notifications and evicts what they
 * wrote. It waits in pgjdbc's {@code getNotifications(timeout)}, which returns as soon as one
 * arrives, and checks the connection with a {@code SELECT 1} when it has been quiet for a while,
 * so a connection the server ended or the network lost is noticed.
 *
 * <p>When the connection is lost, notifications sent meanwhile are lost with it: the status turns
 * {@link InvalidationStatus#DISCONNECTED}, a warning says that cached results are now bounded by
 * their TTL only, and it reconnects, waiting longer after each failure up to a limit. Once it
 * listens again it evicts every cached result, since any of them may predate a write it missed.
 */
public final class NotificationListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
    /** How long one wait for notifications lasts: also how soon {@link #close()} is noticed. */
    private static final int POLL_MILLIS = 250;

    private final CacheCore core;
    private final Notifications notifications;
    private final DataSource dataSource;
    private final Duration livenessCheckInterval;
    private final Duration firstReconnectDelay;
    private final Duration maxReconnectDelay;
    private final Consumer<InvalidationStatus> statusListener;
    private final Thread thread;
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile InvalidationStatus status = InvalidationStatus.CONNECTING;
    private volatile boolean closed;
    private volatile Connection current;

    public NotificationListener(CacheCore core, Notifications notifications, DataSource dataSource,
                                Duration livenessCheckInterval, Duration firstReconnectDelay, Duration maxReconnectDelay,
                                Consumer<InvalidationStatus> statusListener, ThreadFactory threadFactory) {
        this.core = core;
        this.notifications = notifications;
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.livenessCheckInterval = livenessCheckInterval;
        this.firstReconnectDelay = firstReconnectDelay;
        this.maxReconnectDelay = maxReconnectDelay;
        this.statusListener = statusListener;
        this.thread = threadFactory.newThread(this::run);
    }

    public void start() {
        thread.start();
    }

    // Plain accessors of the listener's state, shaped like other classes' (query-bench's) on purpose.
    public InvalidationStatus status() {
        return status;
    }

    /** Times the listening connection was lost or could not be opened. */
    public long disconnects() {
        return disconnects.get();
    }

    /** Notifications received from other instances. */
    public long received() {
        return received.get();
    }

    /** The backend process id of the listening connection, or -1 when there is none: for tests and diagnostics. */
    public int backendPid() {
        Connection c = current;
        if (c == null) {
            return -1;
        }
        try {
            return c.unwrap(PGConnection.class).getBackendPID();
        } catch (SQLException e) {
            return -1;
        }
    }

    private void run() {
        long delayMillis = firstReconnectDelay.toMillis();
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + quote(notifications.channel()));
                }
                current = connection;
                // whatever was cached before this point may predate a write whose notification is lost
                core.clear();
                boolean again = disconnects.get() > 0;
                setStatus(InvalidationStatus.LISTENING);
                if (again) {
                    LOG.info("Result cache listens on channel '{}' again: every cached result was evicted, since"
                            + " writes made while it was not listening were not heard", notifications.channel());
                }
                delayMillis = firstReconnectDelay.toMillis();
                listen(connection, pg);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                current = null;
                disconnects.incrementAndGet();
                LOG.warn("Result cache is not listening on channel '{}' ({}): writes committed by other instances are"
                        + " not heard, so their cached results are bounded by their TTL only. Reconnecting in {} ms.",
                        notifications.channel(), e.toString(), delayMillis);
                if (status != InvalidationStatus.DISCONNECTED) {
                    setStatus(InvalidationStatus.DISCONNECTED);
                }
                if (!sleep(delayMillis)) {
                    break;
                }
                delayMillis = Math.min(maxReconnectDelay.toMillis(), delayMillis * 2);
            }
        }
        current = null;
        setStatus(InvalidationStatus.CLOSED);
    }

    private void listen(Connection connection, PGConnection pg) throws SQLException {
        long quietSince = System.nanoTime();
        while (!closed) {
            PGNotification[] arrived = pg.getNotifications(POLL_MILLIS);
            if (arrived != null && arrived.length > 0) {
                for (PGNotification n : arrived) {
                    Notifications.Received r = Notifications.parse(n.getParameter());
                    if (!notifications.isOwn(r)) {
                        received.incrementAndGet();
                        core.invalidate(r.tables(), r.everything());
                    }
                }
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > livenessCheckInterval.toNanos()) {
                try (Statement ping = connection.createStatement()) {
                    ping.execute("SELECT 1");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private void setStatus(InvalidationStatus next) {
        status = next;
        try {
            statusListener.accept(next);
        } catch (RuntimeException e) {
            LOG.warn("Result cache status listener {} failed on {}: {}", statusListener, next, e.toString());
        }
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(POLL_MILLIS * 8L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
