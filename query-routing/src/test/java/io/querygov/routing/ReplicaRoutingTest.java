package io.querygov.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.ManualClock;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryEvent;
import io.querygov.core.QueryListener;
import io.querygov.core.QueryTracker;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querygov.core.QueryType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Routing against a real streaming replica of a real primary (see {@link StreamingReplica}). Every query
 * asks the server {@code pg_is_in_recovery()}, so each answer says which server ran it. The replica is
 * stopped by the last test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaRoutingTest {
    private static final String ANALYTICS_SQL =
            "select pg_is_in_recovery() as on_replica, count(*) as notes from notes where id >= :min_id";
    private static final String TAGGED_SQL = "select pg_is_in_recovery() as tagged";
    private static final String PLAIN_SQL = "select pg_is_in_recovery() as plain";
    private static final QueryCatalog CATALOG = QueryCatalog.of(
            QueryDescriptor.builder("notes_report", QueryType.RAW_SQL_ANALYTICS).sql(ANALYTICS_SQL).build(),
            QueryDescriptor.builder("tagged_lookup", QueryType.ORM_SIMPLE).sql(TAGGED_SQL).tag("replica").build(),
            QueryDescriptor.builder("plain_lookup", QueryType.ORM_SIMPLE).sql(PLAIN_SQL).build());

    private static StreamingReplica pair;
    private final ManualClock clock = new ManualClock();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final QueryTracker tracker = QueryTracker.builder().listener(new QueryListener() {
        @Override
        public void onEvent(String queryName, QueryEvent event) {
            events.add(queryName + " " + event.tagValue());
        }
    }).build();

    @BeforeAll
    static void startPrimaryAndReplica() throws Exception {
        pair = StreamingReplica.start();
        StreamingReplica.execute(pair.primary(), "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)");
        StreamingReplica.execute(pair.primary(), "INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 10) g");
        pair.awaitReplayed(pair.primaryLsn());
    }

    @AfterAll
    static void stop() throws Exception {
        if (pair != null) {
            pair.close();
        }
    }

    private ReplicaRouting routing(Duration maxLag, Duration readYourWritesWindow) {
        return ReplicaRouting.builder(pair.primary(), pair.replica())
                .catalog(CATALOG).tracker(tracker).clock(clock)
                .maxLag(maxLag).readYourWritesWindow(readYourWritesWindow)
                .checkInterval(Duration.ZERO)
                .build();
    }

    record Where(boolean onReplica, long notes) {
    }

    private static Where report(Handle h) {
        return h.createQuery(ANALYTICS_SQL).bind("min_id", 0)
                .map((rs, ctx) -> new Where(rs.getBoolean("on_replica"), rs.getLong("notes"))).one();
    }

    private static boolean onReplica(Handle h, String sql) {
        return h.createQuery(sql).mapTo(Boolean.class).one();
    }

    @Test
    @Order(1)
    void jdbiSendsAnalyticsAndReplicaTaggedReadsToTheReplicaAndEverythingElseToThePrimary() {
        try (ReplicaRouting routing = routing(Duration.ofSeconds(5), Duration.ZERO)) {
            Jdbi jdbi = Jdbi.create(routing.dataSource());
            jdbi.useHandle(h -> {
                assertTrue(report(h).onReplica(), "RAW_SQL_ANALYTICS, found by its fingerprint");
                assertTrue(onReplica(h, TAGGED_SQL), "tagged 'replica'");
                assertFalse(onReplica(h, PLAIN_SQL), "an ORM_SIMPLE read");
                assertFalse(onReplica(h, "select pg_is_in_recovery() as nobody_registered_me"));
                assertEquals(1, h.createUpdate("insert into notes values (11, 'eleven')").execute(),
                        "a write in autocommit, on the same connection as the reads on the replica");
                boolean readWrite = h.inTransaction(t -> report(t).onReplica());
                assertFalse(readWrite, "inside a read-write transaction");
                h.setReadOnly(true);
                boolean readOnly = h.inTransaction(t -> report(t).onReplica());
                assertTrue(readOnly, "a read-only transaction may use the replica");
                h.setReadOnly(false);
            });
            boolean hintedReplica = jdbi.withHandle(h -> routing.onReplica(() -> onReplica(h, PLAIN_SQL)));
            assertTrue(hintedReplica, "the per-call hint");
            boolean hintedPrimary = jdbi.withHandle(h -> routing.onPrimary(() -> report(h).onReplica()));
            assertFalse(hintedPrimary, "the per-call hint");

            RoutingStats stats = routing.stats();
            assertEquals(4, stats.onReplica(), stats.toString());
            assertEquals(5, stats.onPrimary(), stats.toString());
            assertEquals(0, stats.fallbacks(), stats.toString());
        }
        assertEquals(List.of(), events);
    }

    @Test
    @Order(1)
    void aTrackedCallOfAReplicaBoundQuerySendsTheReadsInsideItToTheReplica() {
        try (ReplicaRouting routing = routing(Duration.ofSeconds(5), Duration.ZERO)) {
            QueryTracker service = QueryTracker.builder().listener(routing.trackedCalls()).build();
            QueryDescriptor monthly = QueryDescriptor.of("monthly_report", QueryType.RAW_SQL_ANALYTICS);
            QueryDescriptor lookup = QueryDescriptor.of("owner_lookup", QueryType.ORM_SIMPLE);
            Jdbi jdbi = Jdbi.create(routing.dataSource());

            boolean inReport = service.track(monthly, () -> jdbi.withHandle(h -> onReplica(h, PLAIN_SQL)));
            assertTrue(inReport, "a statement no catalog names, inside a tracked RAW_SQL_ANALYTICS call");
            boolean inLookup = service.track(lookup, () -> jdbi.withHandle(h -> onReplica(h, PLAIN_SQL)));
            assertFalse(inLookup, "inside an ORM_SIMPLE call");
            boolean nested = service.track(monthly, () -> service.track(lookup,
                    () -> jdbi.withHandle(h -> onReplica(h, PLAIN_SQL))));
            assertTrue(nested, "inside a lookup inside the report");
            boolean failedThenAfter;
            try {
                service.track(monthly, () -> {
                    throw new IllegalStateException("the report failed");
                });
            } catch (IllegalStateException expected) {
                // the call is over, failed or not
            }
            failedThenAfter = jdbi.withHandle(h -> onReplica(h, PLAIN_SQL));
            assertFalse(failedThenAfter, "after the tracked calls, failed ones included");
        }
    }

    @Test
    @Order(2)
    void hibernateFollowsTheSameRoutingThroughTheDataSource() {
        try (ReplicaRouting routing = routing(Duration.ofSeconds(5), Duration.ZERO)) {
            StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                    .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, routing.dataSource())
                    .build();
            try (SessionFactory sessions = new MetadataSources(registry).buildMetadata().buildSessionFactory()) {
                try (Session session = sessions.openSession()) {
                    Object[] row = session.createNativeQuery(ANALYTICS_SQL, Object[].class)
                            .setParameter("min_id", 0).getSingleResult();
                    assertEquals(Boolean.TRUE, row[0], "RAW_SQL_ANALYTICS outside a transaction");
                    assertEquals(Boolean.TRUE, routing.onReplica(() ->
                            session.createNativeQuery(PLAIN_SQL, Boolean.class).getSingleResult()), "the per-call hint");
                }
                Boolean inTransaction = sessions.fromTransaction(session -> (Boolean) session
                        .createNativeQuery(ANALYTICS_SQL, Object[].class).setParameter("min_id", 0).getSingleResult()[0]);
                assertEquals(Boolean.FALSE, inTransaction, "a read-write transaction runs on the primary");
            }
        }
    }

    @Test
    @Order(2)
    void overHikariPoolsEveryServerConnectionGoesBackAndSettingsDoNotLeakIntoTheNextUser() {
        try (HikariDataSource primaryPool = pool(pair.primary()); HikariDataSource replicaPool = pool(pair.replica());
             ReplicaRouting routing = ReplicaRouting.builder(primaryPool, replicaPool).catalog(CATALOG)
                     .checkInterval(Duration.ZERO).readYourWritesWindow(Duration.ZERO).build()) {
            Jdbi jdbi = Jdbi.create(routing.dataSource());
            for (int i = 0; i < 5; i++) {
                jdbi.useHandle(h -> {
                    assertTrue(report(h).onReplica());
                    boolean inTransaction = h.inTransaction(t -> {
                        t.createUpdate("update notes set body = body where id = 1").execute();
                        return report(t).onReplica();
                    });
                    assertFalse(inTransaction);
                    h.setReadOnly(true);
                    assertTrue(onReplica(h, TAGGED_SQL));
                });
            }
            assertEquals(0, primaryPool.getHikariPoolMXBean().getActiveConnections());
            assertEquals(0, replicaPool.getHikariPoolMXBean().getActiveConnections());
            // the next user of a pooled connection gets it as the pool keeps it: autocommit, read-write
            jdbi.useHandle(h -> {
                boolean readOnly = h.createQuery("show transaction_read_only").mapTo(String.class).one().equals("on");
                assertFalse(readOnly);
                assertEquals(1, h.createUpdate("update notes set body = body where id = 1").execute());
            });
        }
    }

    private static HikariDataSource pool(javax.sql.DataSource server) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(server);
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    @Test
    @Order(3)
    void afterAWriteTheThreadReadsThePrimaryUntilTheReplicaReplayedItOrTheWindowEnds() throws Exception {
        try (ReplicaRouting routing = routing(Duration.ofHours(1), Duration.ofSeconds(10))) {
            Jdbi jdbi = Jdbi.create(routing.dataSource());
            long before = jdbi.withHandle(ReplicaRoutingTest::report).notes();
            pair.pauseReplay();
            try {
                jdbi.useHandle(h -> h.createUpdate("insert into notes values (100, 'mine')").execute());

                Where mine = jdbi.withHandle(ReplicaRoutingTest::report);
                assertEquals(new Where(false, before + 1), mine, "the writer reads its write, on the primary");
                ExecutorService other = Executors.newSingleThreadExecutor();
                try {
                    Where theirs = other.submit(() -> jdbi.withHandle(ReplicaRoutingTest::report)).get();
                    assertEquals(new Where(true, before), theirs, "another thread reads the replica, which has not replayed it");
                } finally {
                    other.shutdown();
                }

                clock.advance(Duration.ofSeconds(10));
                assertEquals(new Where(true, before), jdbi.withHandle(ReplicaRoutingTest::report),
                        "once the window has ended the writer trusts the replica again, replayed or not");

                jdbi.useHandle(h -> h.createUpdate("insert into notes values (101, 'mine too')").execute());
                assertEquals(new Where(false, before + 2), jdbi.withHandle(ReplicaRoutingTest::report));
            } finally {
                pair.resumeReplay();
            }
            pair.awaitReplayed(pair.primaryLsn());
            assertEquals(new Where(true, before + 2), jdbi.withHandle(ReplicaRoutingTest::report),
                    "replayed past the write's position: the writer reads the replica, and its write is there");
            assertEquals(2, routing.stats().readYourWrites(), routing.stats().toString());
        }
    }

    @Test
    @Order(4)
    void aReplicaLaggingOverTheThresholdSendsItsReadsToThePrimaryUntilItCatchesUp() throws Exception {
        try (ReplicaRouting routing = routing(Duration.ofSeconds(1), Duration.ZERO)) {
            Jdbi jdbi = Jdbi.create(routing.dataSource());
            assertEquals(ReplicaStatus.State.UP, routing.checkReplica().state());
            pair.pauseReplay();
            try {
                StreamingReplica.execute(pair.primary(), "insert into notes values (200, 'not replayed yet')");
                ReplicaStatus seen = routing.checkReplica();
                assertEquals(ReplicaStatus.State.UP, seen.state(), "behind, but only since this check: " + seen);
                clock.advance(Duration.ofSeconds(2));
                ReplicaStatus lagging = routing.checkReplica();
                assertEquals(ReplicaStatus.State.LAGGING, lagging.state(), lagging.toString());
                assertEquals(Duration.ofSeconds(2), lagging.lag());
                assertTrue(lagging.reason().orElseThrow().contains("over the threshold of 1000 ms"), lagging.toString());

                assertFalse(jdbi.withHandle(ReplicaRoutingTest::report).onReplica());
                assertEquals(1, routing.stats().replicaLagging());
                assertEquals(List.of("notes_report replica_lagging"), events);
            } finally {
                pair.resumeReplay();
            }
            pair.awaitReplayed(pair.primaryLsn());
            ReplicaStatus caughtUp = routing.checkReplica();
            assertEquals(ReplicaStatus.State.UP, caughtUp.state(), caughtUp.toString());
            assertTrue(jdbi.withHandle(ReplicaRoutingTest::report).onReplica());
        }
    }

    @Test
    @Order(5)
    void aReplicaThatIsDownSendsItsReadsToThePrimaryAndSaysWhy() throws Exception {
        try (ReplicaRouting routing = routing(Duration.ofSeconds(5), Duration.ZERO)) {
            Jdbi jdbi = Jdbi.create(routing.dataSource());
            assertTrue(jdbi.withHandle(ReplicaRoutingTest::report).onReplica());
            pair.stopReplica();

            assertFalse(jdbi.withHandle(ReplicaRoutingTest::report).onReplica(), "the read falls back to the primary");
            assertEquals(ReplicaStatus.State.DOWN, routing.replicaStatus().state());
            assertFalse(jdbi.withHandle(ReplicaRoutingTest::report).onReplica(), "down: no new attempt until a check");
            ReplicaStatus checked = routing.checkReplica();
            assertEquals(ReplicaStatus.State.DOWN, checked.state());
            assertTrue(checked.reason().orElseThrow().startsWith("cannot be reached: "), checked.toString());
            assertEquals(2, routing.stats().replicaDown());
            assertEquals(List.of("notes_report replica_down", "notes_report replica_down"), events);
        }
    }

    @Test
    @Order(0)
    void aConnectionOpensNoServerConnectionUntilItsFirstStatementAndThenOnlyTheOneItNeeds() throws Exception {
        java.util.concurrent.atomic.AtomicInteger primaryOpened = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger replicaOpened = new java.util.concurrent.atomic.AtomicInteger();
        try (ReplicaRouting routing = ReplicaRouting.builder(counting(pair.primary(), primaryOpened),
                counting(pair.replica(), replicaOpened)).catalog(CATALOG).checkInterval(Duration.ZERO).build()) {
            try (java.sql.Connection c = routing.dataSource().getConnection()) {
                c.setAutoCommit(false);
                c.setReadOnly(true);
                c.clearWarnings();
                assertEquals(null, c.getWarnings());
                assertFalse(c.getAutoCommit());
                c.commit();
                c.setAutoCommit(true);
                assertEquals(0, primaryOpened.get() + replicaOpened.get(), "nothing opened before a statement");
                try (java.sql.PreparedStatement ps = c.prepareStatement(TAGGED_SQL);
                     java.sql.ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next() && rs.getBoolean(1));
                }
            }
            assertEquals(0, primaryOpened.get(), "a replica-bound read needs no primary connection");
            assertEquals(1, replicaOpened.get());
        }
    }

    /** {@code server}, counting the connections asked of it. */
    private static javax.sql.DataSource counting(javax.sql.DataSource server, java.util.concurrent.atomic.AtomicInteger opened) {
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(ReplicaRoutingTest.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        opened.incrementAndGet();
                    }
                    try {
                        return method.invoke(server, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    @Order(0)
    void theBuilderRejectsWhatCannotWork() {
        javax.sql.DataSource one = pair.primary();
        assertEquals("the primary and the replica must be two DataSources, one per server",
                assertThrows(IllegalArgumentException.class, () -> ReplicaRouting.builder(one, one)).getMessage());
        assertEquals("maxLag must be zero or more, was PT-1S", assertThrows(IllegalArgumentException.class,
                () -> ReplicaRouting.builder(one, pair.replica()).maxLag(Duration.ofSeconds(-1))).getMessage());
        assertEquals("checkInterval must be zero (no background check) or at least 10 ms, was PT0.001S",
                assertThrows(IllegalArgumentException.class,
                        () -> ReplicaRouting.builder(one, pair.replica()).checkInterval(Duration.ofMillis(1))).getMessage());
    }
}
