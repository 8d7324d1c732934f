package io.querygov.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryTrackerTest {
    private static final QueryDescriptor LOOKUP = QueryDescriptor.builder("find:Project", QueryType.ORM_SIMPLE)
            .statement(StatementLanguage.ENTITY_OPERATION, "find Project by id").build();
    private static final QueryDescriptor REPORT = QueryDescriptor.builder("project_analytics", QueryType.RAW_SQL_ANALYTICS)
            .sql("select p.id, count(*) from projects p join reconciliation_jobs j on j.project_id = p.id"
                    + " where p.id = :project_id group by p.id")
            .build();

    private final ManualClock clock = new ManualClock();
    private final List<QueryExecution> seen = new ArrayList<>();
    private final QueryListener recording = new QueryListener() {
        @Override
        public void afterExecution(QueryExecution execution) {
            seen.add(execution);
        }
    };

    private QueryTracker tracker(QueryListener... listeners) {
        QueryTracker.Builder b = QueryTracker.builder().clock(clock);
        for (QueryListener l : listeners) {
            b.listener(l);
        }
        return b.build();
    }

    @Test
    void recordsNameTypeDurationRowsAndStartTime() {
        QueryTracker tracker = tracker(recording);
        clock.advance(Duration.ofSeconds(5));
        List<String> result = tracker.track(REPORT, () -> {
            clock.advanceNanos(1_234_567);
            return List.of("a", "b", "c");
        });

        assertEquals(List.of("a", "b", "c"), result);
        assertEquals(1, seen.size());
        QueryExecution e = seen.get(0);
        assertEquals("project_analytics", e.name());
        assertEquals(QueryType.RAW_SQL_ANALYTICS, e.type());
        assertEquals(1_234_567, e.durationNanos());
        assertEquals(3, e.rows());
        assertEquals(Outcome.SUCCESS, e.outcome());
        assertNull(e.errorClass());
        assertFalse(e.slow());
        assertEquals(Instant.parse("2024-01-01T00:00:05Z"), e.startTime());
    }

    @Test
    void countsRowsOfBatchesOptionalsAndExplicitCounters() {
        QueryTracker tracker = tracker(recording);
        tracker.track(REPORT, () -> new int[] {3, 4, 5});
        tracker.track(REPORT, () -> Optional.of("x"));
        tracker.track(REPORT, () -> 17, RowCounter.UPDATE_COUNT);
        tracker.track(REPORT, () -> 17L);
        assertEquals(List.of(12L, 1L, 17L, QueryExecution.UNKNOWN_ROWS), seen.stream().map(QueryExecution::rows).toList());
    }

    @Test
    void operationsCheckedExceptionReachesTheCallerUnchangedAndIsRecorded() {
        QueryTracker tracker = tracker(recording);
        IOException failure = new IOException("connection reset");
        IOException thrown = assertThrows(IOException.class, () -> tracker.track(REPORT, () -> {
            clock.advanceNanos(500);
            throw failure;
        }));
        assertSame(failure, thrown);
        QueryExecution e = seen.get(0);
        assertEquals(Outcome.ERROR, e.outcome());
        assertEquals("java.io.IOException", e.errorClass());
        assertEquals(500, e.durationNanos());
        assertEquals(QueryExecution.UNKNOWN_ROWS, e.rows());
    }

    @Test
    void errorsAreRethrownEvenWhenTheyAreErrors() {
        QueryTracker tracker = tracker(recording);
        AssertionError failure = new AssertionError("boom");
        assertSame(failure, assertThrows(AssertionError.class, () -> tracker.track(REPORT, () -> {
            throw failure;
        })));
        assertEquals("java.lang.AssertionError", seen.get(0).errorClass());
    }

    @Test
    void aThrowingListenerNeverReachesTheCallerAndIsLoggedOncePerMinute() {
        QueryTracker tracker = tracker(throwing(() -> new IllegalStateException("listener bug")), recording);
        try (CapturedLog log = new CapturedLog("io.querygov.listener")) {
            assertEquals("ok", tracker.track(LOOKUP, () -> "ok"));
            assertEquals("ok", tracker.track(LOOKUP, () -> "ok"));
            assertEquals("ok", tracker.track(LOOKUP, () -> "ok"));
            // the listener after the broken one still saw every execution
            assertEquals(3, seen.size());
            assertEquals(List.of("Query listener ThrowingListener threw from afterExecution; the query itself was not affected"),
                    log.messages());
            assertEquals(List.of(Level.WARN), log.levels());

            clock.advance(Duration.ofMinutes(1));
            tracker.track(LOOKUP, () -> "ok");
            assertEquals(2, log.messages().size());
            assertEquals("Query listener ThrowingListener threw from afterExecution; the query itself was not affected"
                    + " (2 more failures of this listener were not logged)", log.messages().get(1));
        }
    }

    @Test
    void aThrowingListenerDoesNotHideTheOperationsOwnException() {
        QueryTracker tracker = tracker(BROKEN);
        IllegalArgumentException failure = new IllegalArgumentException("the query's own");
        assertSame(failure, assertThrows(IllegalArgumentException.class, () -> tracker.track(LOOKUP, () -> {
            throw failure;
        })));
    }

    @Test
    void slowPolicyGoesByNameThenDescriptorThenType() {
        QueryDescriptor ownThreshold = LOOKUP.toBuilder().slowThreshold(Duration.ofMillis(10)).build();
        SlowQueryPolicy policy = SlowQueryPolicy.defaults()
                .withThreshold(QueryType.ORM_SIMPLE, Duration.ofMillis(50))
                .withQueryThreshold("project_analytics", Duration.ofMillis(1));
        QueryTracker tracker = QueryTracker.builder().clock(clock).slowQueryPolicy(policy).listener(recording).build();

        tracker.track(LOOKUP, () -> clock.advance(Duration.ofMillis(20)));        // type: 50 ms
        tracker.track(ownThreshold, () -> clock.advance(Duration.ofMillis(20)));  // descriptor: 10 ms
        tracker.track(REPORT, () -> clock.advance(Duration.ofMillis(20)));        // by name: 1 ms, not the 2 s default
        assertEquals(List.of(false, true, true), seen.stream().map(QueryExecution::slow).toList());
        assertEquals(Duration.ofSeconds(2), policy.threshold(QueryType.RAW_SQL_ANALYTICS));
    }

    @Test
    void policyRejectsNonPositiveThresholds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlowQueryPolicy.defaults().withThreshold(QueryType.RAW_SQL_BULK, Duration.ofSeconds(-1)));
        assertEquals("slow-query threshold for RAW_SQL_BULK must be positive, was PT-1S", e.getMessage());
    }

    @Test
    void startAndStopFormRecordsOnce() {
        QueryTracker tracker = tracker(recording);
        ActiveExecution active = tracker.start(REPORT);
        clock.advanceNanos(42_000);
        assertEquals(42_000, active.elapsedNanos());
        QueryExecution e = active.succeeded(7);
        assertEquals(List.of(e), seen);
        assertEquals(42_000, e.durationNanos());
        assertEquals(7, e.rows());
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> active.failed(new RuntimeException()));
        assertEquals("execution of 'project_analytics' was already completed", twice.getMessage());

        QueryExecution failed = tracker.start(LOOKUP).failed(new java.sql.SQLException("no"));
        assertEquals("java.sql.SQLException", failed.errorClass());
        assertEquals(2, seen.size());
    }

    @Test
    void beforeExecutionSeesTheQueryFirst() {
        List<String> order = new ArrayList<>();
        QueryTracker tracker = tracker(new QueryListener() {
            @Override
            public void beforeExecution(QueryDescriptor query) {
                order.add("before " + query.name());
            }

            @Override
            public void afterExecution(QueryExecution execution) {
                order.add("after " + execution.name());
            }
        });
        tracker.track(LOOKUP, () -> order.add("run"));
        assertEquals(List.of("before find:Project", "run", "after find:Project"), order);
    }

    @Test
    void compositeOfOneIsTheListenerItself() {
        assertSame(recording, QueryListener.composite(recording));
        assertSame(QueryListener.NOP, QueryListener.composite());
        assertTrue(QueryListener.composite(recording, QueryListener.NOP).toString().startsWith("CompositeQueryListener"));
    }

    /** A listener that throws what {@code failure} makes, once per execution. */
    private static QueryListener throwing(java.util.function.Supplier<Throwable> failure) {
        return new QueryListener() {
            @Override
            public void afterExecution(QueryExecution execution) {
                sneakyThrow(failure.get());
            }

            @Override
            public String toString() {
                return "ThrowingListener";
            }
        };
    }

    /** A listener with a bug in every callback these tests reach: each throws. */
    // Overridden as query-bench's BenchmarkEngineTest overrides its listener: two listener interfaces, alike on purpose.
    private static final QueryListener BROKEN = new QueryListener() {
        @Override
        public void beforeExecution(QueryDescriptor query) {
            throw new IllegalStateException("before");
        }

        @Override
        public void afterExecution(QueryExecution execution) {
            throw new IllegalStateException("after");
        }

        @Override
        public void onEvent(String queryName, QueryEvent event) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onUnitOfWork(String unitName, int statements, long databaseNanos, boolean failed) {
            throw new IllegalStateException("listener bug");
        }
    };

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    private static int recurse(int depth) {
        return depth == Integer.MIN_VALUE ? depth : recurse(depth + 1) + 1;
    }

    @Test
    void aListenerThatOverflowsTheStackNeitherReachesTheCallerNorStopsTheOthers() {
        QueryListener deep = new QueryListener() {
            @Override
            public void afterExecution(QueryExecution execution) {
                recurse(0);
            }
        };
        QueryTracker tracker = tracker(deep, recording);
        try (CapturedLog log = new CapturedLog("io.querygov.listener")) {
            assertEquals("result", tracker.track(LOOKUP, () -> "result"));
            assertEquals(1, seen.size(), "the listener after it still ran");
            assertEquals(1, log.messages().size());
        }
        assertEquals("alone", tracker(deep).track(LOOKUP, () -> "alone"));
    }

    @Test
    void aListenerLinkageErrorNeverReachesTheCaller() {
        QueryTracker tracker = tracker(throwing(() -> new NoClassDefFoundError("io/example/Missing")), recording);
        try (CapturedLog log = new CapturedLog("io.querygov.listener")) {
            assertEquals("result", tracker.track(LOOKUP, () -> "result"));
            assertEquals(1, seen.size());
            assertEquals(List.of("Query listener ThrowingListener threw from afterExecution; the query itself was not affected"),
                    log.messages());
        }
        QueryTracker alone = tracker(throwing(() -> new AssertionError("listener bug")));
        assertEquals("result", alone.track(LOOKUP, () -> "result"));
    }

    @Test
    void aListenerOutOfMemoryReachesTheCallerCarryingTheOperationsOwnException() {
        QueryTracker tracker = tracker(throwing(() -> new OutOfMemoryError("listener")));
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> tracker.track(LOOKUP, () -> "lost"));
        assertEquals("listener", e.getMessage());

        IOException own = new IOException("the query's own");
        OutOfMemoryError withOwn = assertThrows(OutOfMemoryError.class, () -> tracker.track(LOOKUP, () -> {
            throw own;
        }));
        assertSame(own, withOwn.getSuppressed()[0]);
        assertThrows(InternalError.class,
                () -> tracker(throwing(() -> new InternalError("jvm"))).track(LOOKUP, () -> "lost"));
    }

    @Test
    void aListenerOfPrimitivesGetsNoRecordAndSeveralRecordListenersShareOne() {
        List<Long> durations = new ArrayList<>();
        QueryListener primitive = new QueryListener() {
            @Override
            public void onExecution(QueryDescriptor query, long startEpochMillis, long durationNanos, long rows,
                                    Throwable failure, boolean slow) {
                durations.add(durationNanos);
            }

            @Override
            public void afterExecution(QueryExecution execution) {
                throw new AssertionError("a listener of primitives is never handed a record");
            }
        };
        List<QueryExecution> second = new ArrayList<>();
        QueryTracker tracker = tracker(primitive, recording, new QueryListener() {
            @Override
            public void afterExecution(QueryExecution execution) {
                second.add(execution);
            }
        });
        try (CapturedLog log = new CapturedLog("io.querygov.listener")) {
            tracker.track(LOOKUP, () -> {
                clock.advanceNanos(42);
                return "x";
            });
            assertEquals(List.of(), log.messages());
        }
        assertEquals(List.of(42L), durations);
        assertSame(seen.get(0), second.get(0), "one record for both listeners that want one");
        assertEquals(1, tracker(primitive).track(LOOKUP, () -> 1));
        assertEquals(2, durations.size());
    }

    // Shaped like the units-of-work test below on purpose: the same guarantee, for another callback's signature.
    @Test
    void eventsReachEveryListenerAndAThrowingOneNeverTheCaller() {
        List<String> events = new ArrayList<>();
        QueryListener counting = new QueryListener() {
            @Override
            public void onEvent(String queryName, QueryEvent event) {
                events.add(queryName + " " + event.tagValue());
            }
        };
        QueryTracker tracker = tracker(BROKEN, counting);
        try (CapturedLog log = new CapturedLog("io.querygov.listener")) {
            tracker.event("load:Project.tasks", QueryEvent.N_PLUS_ONE);
            assertEquals(1, log.messages().size());
        }
        assertEquals(List.of("load:Project.tasks n_plus_one"), events);
        tracker(counting).event("q", QueryEvent.N_PLUS_ONE);
        assertEquals(2, events.size());
    }

    @Test
    void unitsOfWorkReachEveryListenerAsTheyCameAndAThrowingOneNeverTheCaller() {
        List<String> units = new ArrayList<>();
        QueryListener counting = new QueryListener() {
            @Override
            public void onUnitOfWork(String unitName, int statements, long databaseNanos, boolean failed) {
                units.add(unitName + " " + statements + " " + databaseNanos + " " + failed);
            }
        };
        QueryTracker tracker = tracker(BROKEN, counting);
        try (CapturedLog log = new CapturedLog("io.querygov.listener")) {
            tracker.unitOfWorkEnded("owners page", 12, 3_400_000, false);
            assertEquals(1, log.messages().size());
            assertTrue(log.messages().get(0).contains("onUnitOfWork"), log.messages().toString());
        }
        tracker(counting).unitOfWorkEnded("find:Owner", 0, 0, true);
        assertEquals(List.of("owners page 12 3400000 false", "find:Owner 0 0 true"), units);

        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> tracker.unitOfWorkEnded("owners page", -1, 0, false));
        assertEquals("unit of work 'owners page': statements cannot be negative, was -1", negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tracker.unitOfWorkEnded("owners page", 1, -5, false));
        assertEquals(2, units.size(), "a rejected unit reaches no listener");
        // a listener that implements nothing of units ignores them
        tracker(recording).unitOfWorkEnded("owners page", 3, 10, false);
        assertTrue(seen.isEmpty());
    }
}
