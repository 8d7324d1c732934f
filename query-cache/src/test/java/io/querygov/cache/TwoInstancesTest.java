package io.querygov.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querygov.core.QueryTracker;
import io.querygov.jdbc.ForwardingDataSource;
import io.querygov.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Two instances of a service on one database, each with its own pool and its own cache: a write
 * committed through one evicts in both, a rolled-back one evicts in neither, and an instance that
 * loses its listening connection says so, serves by TTL only, and reconnects.
 */
class TwoInstancesTest {
    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(Db.SCHEMA);

    private Instance a;
    private Instance b;

    /** One service instance: its pool, its cache, its counts and the statuses its cache went through. */
    private static final class Instance implements AutoCloseable {
        final CacheCounts counts = new CacheCounts();
        final BlockingQueue<InvalidationStatus> statuses = new LinkedBlockingQueue<>();
        final HikariDataSource pool;
        final QueryCache cache;
        final DataSource dataSource;

        Instance(String name, DataSource listen) {
            HikariConfig config = new HikariConfig();
            config.setDataSource(pg.dataSource());
            config.setMaximumPoolSize(2);
            config.setPoolName(name);
            pool = new HikariDataSource(config);
            cache = QueryCache.builder(QueryTracker.create(counts))
                    .crossInstance(listen)
                    .reconnectDelay(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(200))
                    .statusListener(statuses::add)
                    .build();
            dataSource = cache.invalidatingDataSource(pool);
        }

        String read(int id) throws SQLException {
            return Db.read(cache, dataSource, Db.PROJECT_NAME, id);
        }

        /** Waits until the cache reaches {@code status}; the bound only keeps a broken build from hanging. */
        void awaitStatus(InvalidationStatus status) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                InvalidationStatus next = statuses.poll(1, TimeUnit.SECONDS);
                if (next == status) {
                    return;
                }
            }
            throw new AssertionError("status never became " + status + "; it is " + cache.invalidationStatus());
        }

        @Override
        public void close() {
            cache.close();
            pool.close();
        }
    }

    @BeforeEach
    void twoInstances() throws Exception {
        Db.write(pg.dataSource(), "UPDATE projects SET name = CASE id WHEN 1 THEN 'one' ELSE 'two' END");
        a = new Instance("a", pg.dataSource());
        b = new Instance("b", pg.dataSource());
        a.awaitStatus(InvalidationStatus.LISTENING);
        b.awaitStatus(InvalidationStatus.LISTENING);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void aWriteCommittedInOneInstanceEvictsInBoth() throws Exception {
        assertEquals("one", a.read(1));
        assertEquals("one", b.read(1));
        assertEquals("one", b.read(1));
        assertEquals(1, b.counts.hits("project_name"));

        Db.transaction(a.dataSource, true, "UPDATE projects SET name = 'renamed' WHERE id = 1");
        assertEquals(1, a.counts.evictions("project_name"), "the writing instance evicts as its commit returns");

        b.counts.awaitEvictions("project_name", 1);
        assertEquals("renamed", b.read(1));
        assertEquals("renamed", a.read(1));
        assertEquals(1, b.counts.evictions("project_name"));
        assertEquals(1, a.counts.evictions("project_name"), "an instance skips its own notification");
    }

    @Test
    void aRolledBackWriteEvictsNothingAnywhere() throws Exception {
        assertEquals("one", b.read(1));
        assertEquals("0", Db.read(b.cache, b.dataSource, Db.MARKERS, 7));

        Db.transaction(a.dataSource, false, "UPDATE projects SET name = 'never' WHERE id = 1");
        // notifications arrive in commit order: once the marker's is in, the rolled-back one will never come
        Db.transaction(a.dataSource, true, "INSERT INTO markers VALUES (7)");
        b.counts.awaitEvictions("markers", 1);

        assertEquals(0, b.counts.evictions("project_name"));
        assertEquals("one", b.read(1));
        assertEquals(1, b.counts.hits("project_name"));
        assertEquals("1", Db.read(b.cache, b.dataSource, Db.MARKERS, 7));
    }

    @Test
    void aLostListeningConnectionFallsBackToTheTtlSaysSoAndReconnects() throws Exception {
        Semaphore gate = new Semaphore(0);
        Instance c = new Instance("c", new GatedDataSource(pg.dataSource(), gate, 1));
        Logger logger = (Logger) LoggerFactory.getLogger("io.querygov.cache");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            c.awaitStatus(InvalidationStatus.LISTENING);
            assertEquals("one", c.read(1));
            try (Connection admin = pg.openConnection();
                 PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                kill.setInt(1, c.cache.listenerBackendPid());
                kill.execute();
            }
            c.awaitStatus(InvalidationStatus.DISCONNECTED);
            assertEquals(InvalidationStatus.DISCONNECTED, c.cache.invalidationStatus());
            assertTrue(c.cache.listenerDisconnects() >= 1);
            assertTrue(log.list.stream().anyMatch(e -> e.getLevel().toString().equals("WARN")
                    && e.getFormattedMessage().contains("bounded by their TTL only")), "a warning says what it means");

            // the other instance's write is not heard while the connection is down: the TTL bounds the old result
            Db.transaction(a.dataSource, true, "UPDATE projects SET name = 'unheard' WHERE id = 1");
            assertEquals("one", c.read(1));
            assertEquals(1, c.counts.hits("project_name"));

            gate.release(Integer.MAX_VALUE / 2);
            c.awaitStatus(InvalidationStatus.LISTENING);
            assertEquals(1, c.counts.evictions("project_name"), "back to listening, everything cached is evicted");
            assertEquals("unheard", c.read(1));

            Db.transaction(a.dataSource, true, "UPDATE projects SET name = 'heard' WHERE id = 1");
            c.counts.awaitEvictions("project_name", 2);
            assertEquals("heard", c.read(1));
        } finally {
            logger.detachAppender(log);
            c.close();
        }
    }

    /** Hands out its first {@code free} connections, then waits for the test to release more: to hold a reconnect. */
    // A ForwardingDataSource like query-jdbc's ConnectionWait on purpose: both only decide when getConnection() goes ahead.
    private static final class GatedDataSource extends ForwardingDataSource {
        private final Semaphore gate;
        private int free;

        GatedDataSource(DataSource delegate, Semaphore gate, int free) {
            super(delegate);
            this.gate = gate;
            this.free = free;
        }

        @Override
        public Connection getConnection() throws SQLException {
            synchronized (this) {
                if (free > 0) {
                    free--;
                    return delegate.getConnection();
                }
            }
            gate.acquireUninterruptibly();
            return delegate.getConnection();
        }
    }
}
