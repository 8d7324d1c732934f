package io.querygov.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.querygov.core.ManualClock;
import io.querygov.core.QueryEvent;
import io.querygov.core.QueryListener;
import io.querygov.core.QueryTracker;
import io.querygov.core.SqlFingerprint;
import io.querygov.orm.depot.Courier;
import io.querygov.orm.depot.Depot;
import io.querygov.orm.depot.DepotSchema;
import io.querygov.orm.depot.Parcel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * N+1 detection as a user of a model nobody here wrote meets it (depots, parcels, couriers): the final count when
 * the unit of work ends, the trigger's HQL and the application's line, advice that fits a find() loop, a query
 * repeated with the same values not taken for an N+1, events counted by the tracker, a rate-limited log; and the
 * names: {@code hql:} by the HQL, collection writes by the collection.
 */
class DepotNPlusOneTest {
    @RegisterExtension
    static final TestFactories factories = TestFactories.depots();

    private static final String PARCELS = "from Parcel p order by p.id";
    private static final List<NPlusOneEvent> crossed = new ArrayList<>();
    private static final List<NPlusOneEvent> ended = new ArrayList<>();
    private static final Map<String, AtomicInteger> counted = new ConcurrentHashMap<>();
    private static final TestFactories.Executions executions = new TestFactories.Executions();
    private static SessionFactory factory;
    private static HibernateTracking tracking;

    @BeforeAll
    static void build() {
        QueryTracker tracker = QueryTracker.builder().listener(executions).listener(new QueryListener() {
            @Override
            public void onEvent(String queryName, QueryEvent event) {
                if (event == QueryEvent.N_PLUS_ONE) {
                    counted.computeIfAbsent(queryName, n -> new AtomicInteger()).incrementAndGet();
                }
            }
        }).build();
        tracking = HibernateTracking.builder(tracker).nPlusOneThreshold(10)
                // both callbacks, so a class rather than a lambda
                .nPlusOneListener(new NPlusOneListener() {
                    @Override
                    public void onNPlusOne(NPlusOneEvent event) {
                        crossed.add(event);
                    }

                    @Override
                    public void onUnitOfWorkEnd(NPlusOneEvent event) {
                        ended.add(event);
                    }
                }).build();
        factory = factories.build(tracking);
    }

    @BeforeEach
    void clear() {
        crossed.clear();
        ended.clear();
        counted.clear();
        executions.clear();
    }

    /** 50 parcels, then each one's depot, lazily: 25 depots, 25 loads. */
    private static void walkDepots(SessionFactory sf) {
        sf.inTransaction(session -> {
            for (Parcel p : session.createSelectionQuery(PARCELS, Parcel.class).getResultList()) {
                p.getDepot().getName();
            }
        });
    }

    /** Depots 1 to {@code last}, each with a find() of its own, in one transaction. */
    private static void findDepotsOneByOne(long last) {
        factory.inTransaction(session -> {
            for (long id = 1; id <= last; id++) {
                session.find(Depot.class, id);
            }
        });
    }

    @Test
    void theFinalCountComesWhenTheUnitOfWorkEndsWithTheTriggersHqlAndTheApplicationsLine() {
        walkDepots(factory);

        assertEquals(1, crossed.size(), crossed::toString);
        assertEquals(11, crossed.get(0).executions(), "the threshold crossed, as it happens");
        assertEquals(1, ended.size(), ended::toString);
        NPlusOneEvent event = ended.get(0);
        assertEquals("load:Depot", event.queryName());
        assertEquals(DepotSchema.DEPOTS, event.executions(), "every load of the transaction, counted to its end");
        assertEquals("hql:" + SqlFingerprint.of(PARCELS).id(), event.triggeredBy());
        assertEquals(PARCELS, event.triggerStatement());
        assertTrue(event.applicationFrame().startsWith("io.querygov.orm.DepotNPlusOneTest.lambda$walkDepots$"),
                event.applicationFrame());
        assertTrue(event.message().startsWith("N+1: load:Depot ran 25 times in one unit of work (more than 10),"
                + " triggered by hql:" + SqlFingerprint.of(PARCELS).id() + " (" + PARCELS + "), at"
                + " io.querygov.orm.DepotNPlusOneTest.lambda$walkDepots$"), event.message());
        assertTrue(event.message().contains("join fetch"), event.message());
        assertEquals(Map.of("load:Depot", 1), plain(counted), "the tracker's listeners count each N+1 once");
    }

    @Test
    void aLoopOfFindsIsAdvisedToLoadTheEntitiesInOneCall() {
        findDepotsOneByOne(15);
        assertEquals(1, ended.size(), ended::toString);
        NPlusOneEvent event = ended.get(0);
        assertEquals("find:Depot", event.queryName());
        assertEquals(15, event.executions());
        assertTrue(event.advice().contains("findMultiple(Depot.class, ids)"), event.advice());
        assertTrue(!event.advice().contains("join fetch"), event.advice());
    }

    @Test
    void oneQueryRepeatedWithTheSameValuesIsNoNPlusOneWithOtherValuesItIs() {
        String byId = "from Depot d where d.id = :id";
        factory.inTransaction(session -> {
            for (int i = 0; i < 12; i++) {
                session.createSelectionQuery(byId, Depot.class).setParameter("id", 1L).getSingleResult();
            }
        });
        assertEquals(List.of(), ended, "the same query with the same values 12 times: a cache's business");
        assertEquals(12, executions.names().size());
        RecordedStatements same = tracking.record(() -> factory.inTransaction(session -> {
            for (int i = 0; i < 12; i++) {
                session.createSelectionQuery(byId, Depot.class).setParameter("id", 1L).getSingleResult();
            }
        }));
        same.assertNoNPlusOne(); // the assertions count as the tracking does
        ended.clear();

        factory.inTransaction(session -> {
            for (long id = 1; id <= 12; id++) {
                session.createSelectionQuery(byId, Depot.class).setParameter("id", id).getSingleResult();
            }
        });
        assertEquals(1, ended.size(), ended::toString);
        assertEquals("hql:" + SqlFingerprint.of(byId).id(), ended.get(0).queryName());
        assertTrue(ended.get(0).advice().contains("IN list"), ended.get(0).advice());
    }

    @Test
    void outsideATransactionTheSessionIsTheUnitAndItsCloseTheEnd() {
        try (Session session = factory.openSession()) {
            for (Parcel p : session.createSelectionQuery(PARCELS, Parcel.class).getResultList()) {
                p.getDepot().getName();
            }
            assertEquals(List.of(), ended, "the session is still open");
        }
        assertEquals(1, ended.size(), ended::toString);
        assertEquals(DepotSchema.DEPOTS, ended.get(0).executions());
    }

    @Test
    void hqlNamesFollowTheHqlNotTheSqlPagedOrNot() {
        String byName = "from Depot d where d.name like :name order by d.id";
        try (Session session = factory.openSession()) {
            session.createSelectionQuery(byName, Depot.class).setParameter("name", "depot%").getResultList();
            session.createSelectionQuery(byName, Depot.class).setParameter("name", "depot%").setMaxResults(5)
                    .getResultList();
            session.createSelectionQuery(byName, Depot.class).setParameter("name", "depot%").setFirstResult(5)
                    .setMaxResults(5).getResultList();
        }
        String expected = "hql:" + SqlFingerprint.of(byName).id();
        assertEquals(List.of(expected, expected, expected), executions.names());
        assertEquals(3, executions.all().stream().map(e -> e.query().statement().orElseThrow()).distinct().count(),
                "three different SQL statements, one name");
    }

    @Test
    void aUnidirectionalCollectionsWriteIsNamedAfterTheCollection() {
        try (Session session = factory.openSession()) {
            session.beginTransaction();
            Courier courier = session.find(Courier.class, 1L);
            courier.getDeliveries().add(session.find(Parcel.class, 3L));
            session.flush();
            session.getTransaction().rollback();
        }
        List<String> names = executions.names();
        assertTrue(names.contains("update:Courier.deliveries"), names::toString);
        assertTrue(names.stream().noneMatch(n -> n.equals("update:Parcel")), names::toString);
    }

    @Test
    void theLogWarnsWithTheFinalCountAtMostOnceAMinutePerQuery() throws Exception {
        ManualClock clock = new ManualClock();
        HibernateTracking logging = HibernateTracking.builder(QueryTracker.builder().clock(clock).build())
                .nPlusOneThreshold(10).build();
        Logger logger = (Logger) LoggerFactory.getLogger("io.querygov.orm.NPlusOne");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try (TestFactories own = factories.onTheSameDatabase()) {
            SessionFactory sf = own.build(logging);
            for (int i = 0; i < 3; i++) {
                walkDepots(sf);
            }
            assertEquals(1, log.list.size(), () -> messages(log).toString());
            assertTrue(log.list.get(0).getFormattedMessage().startsWith("N+1: load:Depot ran 25 times"),
                    log.list.get(0).getFormattedMessage());

            clock.advance(Duration.ofSeconds(61));
            walkDepots(sf);
            assertEquals(2, log.list.size(), () -> messages(log).toString());
            assertTrue(log.list.get(1).getFormattedMessage().endsWith(
                    "(and 2 more N+1 of load:Depot in the last minute not logged)"), log.list.get(1).getFormattedMessage());
        } finally {
            logger.detachAppender(log);
        }
    }

    private static List<String> messages(ListAppender<ILoggingEvent> log) {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Map<String, Integer> plain(Map<String, AtomicInteger> counts) {
        Map<String, Integer> out = new java.util.HashMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    @Test
    void noEventCarriesATriggerStatementWhenNothingRanBefore() {
        findDepotsOneByOne(11);
        assertEquals(1, ended.size(), ended::toString);
        assertEquals("find:Depot", ended.get(0).triggeredBy());
        assertNull(ended.get(0).triggerStatement());
    }

    @Test
    void aRecordingCarriedToAnotherThreadSeesItsStatements() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            RecordedStatements lost = tracking.record(() -> java.util.concurrent.CompletableFuture.runAsync(
                    () -> factory.inTransaction(s -> s.find(Depot.class, 1L)), pool).join());
            assertEquals(List.of(), lost.names(), "without carrying, the other thread's statements are not recorded");

            RecordedStatements carried = tracking.record(() -> {
                factory.inTransaction(s -> s.find(Depot.class, 2L));
                java.util.concurrent.CompletableFuture.runAsync(
                        () -> factory.inTransaction(s -> s.find(Parcel.class, 1L)), tracking.carryRecording(pool)).join();
            });
            assertEquals(List.of("find:Depot", "find:Parcel"), carried.names());
        } finally {
            pool.shutdownNow();
        }
    }
}
