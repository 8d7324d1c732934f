package io.querygov.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryListener;
import io.querygov.core.QueryTracker;
import io.querygov.core.SqlFingerprint;
import io.querygov.metrics.MetricsSnapshot;
import io.querygov.metrics.QueryMetrics;
import io.querygov.metrics.QueryStats;
import io.querygov.metrics.Ranking;
import io.querygov.orm.depot.Depot;
import io.querygov.orm.depot.DepotSchema;
import io.querygov.orm.depot.Parcel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Units of work on a model of its own (depots and their parcels), against the real server: per unit, the N+1
 * path runs more statements than its JOIN FETCH fix and ranks above it, and a unit's database time is the sum
 * of its statements' durations as the tracker recorded them. Transactions, sessions outside one, and scopes the
 * application opens per request, nested or not.
 */
class UnitsOfWorkTest {
    @RegisterExtension
    static final TestFactories factories = TestFactories.depots();

    private static final String PARCELS = "from Parcel p order by p.id";
    private static final String PARCELS_WITH_DEPOTS = "from Parcel p join fetch p.depot order by p.id";
    private static final Units units = new Units();
    private static QueryMetrics metrics;
    private static SessionFactory factory;
    private static HibernateTracking tracking;

    /** Each unit as reported, and the statements the tracker recorded since the previous unit ended. */
    record Unit(String name, int statements, long databaseNanos, boolean failed, int statementsSeen, long nanosSeen) {
    }

    /** Single-threaded tests: the executions between two unit ends are the later unit's. */
    static final class Units implements QueryListener {
        final List<Unit> ended = new ArrayList<>();
        private int statements;
        private long nanos;

        @Override
        public synchronized void onExecution(QueryDescriptor query, long startEpochMillis, long durationNanos, long rows,
                                             Throwable failure, boolean slow) {
            statements++;
            nanos += durationNanos;
        }

        @Override
        public synchronized void onUnitOfWork(String unitName, int statements, long databaseNanos, boolean failed) {
            ended.add(new Unit(unitName, statements, databaseNanos, failed, this.statements, nanos));
            this.statements = 0;
            nanos = 0;
        }

        synchronized void clear() {
            ended.clear();
            statements = 0;
            nanos = 0;
        }
    }

    @BeforeAll
    static void build() {
        metrics = QueryMetrics.create();
        QueryTracker tracker = QueryTracker.builder().listener(metrics).listener(units).build();
        tracking = HibernateTracking.builder(tracker).nPlusOneListener(NPlusOneListener.IGNORE).build();
        factory = factories.build(tracking);
    }

    @BeforeEach
    void clear() {
        metrics.intervalSnapshot();
        units.clear();
    }

    /** Each of the 50 parcels' depot, in one transaction: loaded one by one, or fetched with the parcels. */
    // DepotNPlusOneTest walks the depots alike in a method of its own: its N+1 events name that method's line
    private static void readDepotsOfParcels(String parcels) {
        factory.inTransaction(session -> {
            for (Parcel p : session.createSelectionQuery(parcels, Parcel.class).getResultList()) {
                p.getDepot().getName();
            }
        });
    }

    @Test
    void perTransactionTheNPlusOnePathRanksAboveItsJoinFetchFixAndItsTimeIsTheSumOfItsStatements() {
        readDepotsOfParcels(PARCELS);
        readDepotsOfParcels(PARCELS_WITH_DEPOTS);

        String nPlusOne = "hql:" + SqlFingerprint.of(PARCELS).id();
        String fix = "hql:" + SqlFingerprint.of(PARCELS_WITH_DEPOTS).id();
        assertEquals(List.of(nPlusOne, fix), units.ended.stream().map(Unit::name).toList(),
                "each transaction a unit, named after its first call");
        for (Unit u : units.ended) {
            assertEquals(u.statementsSeen(), u.statements(), u.toString());
            assertEquals(u.nanosSeen(), u.databaseNanos(), "database time: the sum of the unit's statements' durations");
            assertFalse(u.failed());
        }
        assertEquals(1 + DepotSchema.DEPOTS, units.ended.get(0).statements(), "the parcels, then each depot");
        assertEquals(1, units.ended.get(1).statements(), "one join");

        MetricsSnapshot s = metrics.intervalSnapshot();
        QueryStats walked = s.unit(nPlusOne).orElseThrow();
        QueryStats fetched = s.unit(fix).orElseThrow();
        assertEquals(26, walked.p95Statements());
        assertEquals(1, fetched.p95Statements());
        assertEquals(units.ended.get(0).databaseNanos(), walked.totalTime().toNanos());
        assertEquals(units.ended.get(1).databaseNanos(), fetched.totalTime().toNanos());
        assertEquals(List.of(nPlusOne, fix), s.topUnits(2, Ranking.STATEMENTS).stream().map(QueryStats::name).toList());
        // the queries themselves keep their own names and counts: 25 loads, apart from the units
        assertEquals(DepotSchema.DEPOTS, s.query("load:Depot").orElseThrow().count());
        assertTrue(s.unit("load:Depot").isEmpty());
    }

    @Test
    void aScopeTheApplicationOpensHoldsEveryTransactionAndSessionOfTheRequestAndNestedScopesJoinIt() {
        try (UnitOfWork page = tracking.unitOfWork("parcels page")) {
            assertTrue(page.isOutermost());
            readDepotsOfParcels(PARCELS);
            try (UnitOfWork inner = tracking.unitOfWork("inner")) {
                assertFalse(inner.isOutermost());
                readDepotsOfParcels(PARCELS_WITH_DEPOTS);
            }
            try (Session session = factory.openSession()) {
                session.find(Depot.class, 1L);
            }
            assertTrue(units.ended.isEmpty(), "nothing ends before the scope: " + units.ended);
        }
        assertEquals(1, units.ended.size(), units.ended::toString);
        Unit page = units.ended.get(0);
        assertEquals("parcels page", page.name());
        assertEquals(26 + 1 + 1, page.statements());
        assertEquals(page.statementsSeen(), page.statements());
        assertEquals(page.nanosSeen(), page.databaseNanos());

        units.clear();
        readDepotsOfParcels(PARCELS);
        assertEquals(1, units.ended.size(), "after the scope, transactions are units again");
    }

    @Test
    void outsideATransactionTheSessionIsTheUnitAndEndsWhenItCloses() {
        try (Session session = factory.openSession()) {
            session.find(Depot.class, 1L);
            session.find(Depot.class, 2L);
            assertTrue(units.ended.isEmpty(), "the session is still open");
        }
        assertEquals(1, units.ended.size(), units.ended::toString);
        Unit u = units.ended.get(0);
        assertEquals("find:Depot", u.name());
        assertEquals(2, u.statements());
        assertEquals(u.nanosSeen(), u.databaseNanos());
    }

    @Test
    void aUnitFailsWhenAStatementFailsOrItsBlockThrowsAndTheExceptionReachesTheCallerUnchanged() {
        IllegalStateException thrown = new IllegalStateException("render failed");
        IllegalStateException caught = assertThrows(IllegalStateException.class, () -> tracking.unitOfWork("render", () -> {
            try (Session session = factory.openSession()) {
                session.find(Depot.class, 3L);
            }
            throw thrown;
        }));
        assertSame(thrown, caught);
        assertEquals(List.of("render"), units.ended.stream().map(Unit::name).toList());
        assertTrue(units.ended.get(0).failed());
        assertEquals(1, units.ended.get(0).statements());

        units.clear();
        try (UnitOfWork u = tracking.unitOfWork()) {
            try (Session session = factory.openSession()) {
                assertThrows(RuntimeException.class,
                        () -> session.createNativeQuery("select * from no_such_table", Object.class).getResultList());
            }
        }
        assertEquals(1, units.ended.size(), units.ended::toString);
        Unit failed = units.ended.get(0);
        assertTrue(failed.failed(), "its statement failed");
        assertTrue(failed.name().startsWith("native:"), "named after its first call: " + failed.name());
        QueryStats render = metrics.intervalSnapshot().unit("render").orElseThrow();
        assertEquals(1, render.errors());
    }

    @Test
    void aScopeIsConfinedToItsThreadAndANameIsRequired() {
        UnitOfWork u = tracking.unitOfWork("confined");
        CompletionException e = assertThrows(CompletionException.class, () -> CompletableFuture.runAsync(u::close).join());
        assertEquals(IllegalStateException.class, e.getCause().getClass());
        assertTrue(e.getCause().getMessage().startsWith("a unit of work is closed on the thread that opened it"),
                e.getCause().getMessage());
        u.close();
        u.close();
        assertEquals(List.of("confined"), units.ended.stream().map(Unit::name).toList(), "reported once, with no statement");
        assertEquals(0, units.ended.get(0).statements());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> tracking.unitOfWork(" "));
        assertTrue(blank.getMessage().contains("unitOfWork()"), blank.getMessage());
    }
}
