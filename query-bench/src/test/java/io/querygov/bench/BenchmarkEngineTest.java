package io.querygov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.ManualClock;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryGovException;
import io.querygov.core.QueryType;
import io.querygov.bench.internal.Worker;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchmarkEngineTest {
    private static final long MS = 1_000_000L;
    private static final QueryDescriptor LOOKUP = QueryDescriptor.of("find:Project", QueryType.ORM_SIMPLE);
    private static final QueryDescriptor REPORT = QueryDescriptor.of("project_stats", QueryType.RAW_SQL_ANALYTICS);
    private static final QueryDescriptor FLAKY = QueryDescriptor.of("flaky", QueryType.RAW_SQL_ANALYTICS);
    private static final QueryDescriptor BROKEN = QueryDescriptor.of("broken", QueryType.RAW_SQL_BULK);

    private final ManualClock clock = new ManualClock();
    private final ScriptedRunner runner = new ScriptedRunner(clock);

    private BenchmarkEngine.Builder engine(BenchOptions options) {
        return BenchmarkEngine.builder(runner).options(options).clock(clock).sleeper(clock::advanceNanos);
    }

    private static BenchOptions.Builder noTimedWarmup() {
        return BenchOptions.builder().warmup(Duration.ZERO);
    }

    @Test
    void iterationsModeMakesExactlyThatManyCallsOnEveryThread() {
        BenchOptions options = noTimedWarmup().warmupIterations(5).iterations(250).concurrency(4).build();

        QueryBenchResult r = engine(options).build().runQuery(LOOKUP);

        assertEquals(BenchStatus.MEASURED, r.status());
        assertEquals(1000, r.calls());
        assertEquals(0, r.errors());
        assertEquals(1000, r.latency().count());
        assertEquals(20, r.warmup().calls());
        assertEquals(1020, runner.calls(LOOKUP.name()));
        for (int i = 0; i < 4; i++) {
            assertEquals(255, runner.callsOnThread(LOOKUP.name(), "querygov-bench-" + i), "thread " + i);
        }
    }

    /** A query measured for one second, after its warmup calls, each call taking the same time. */
    private QueryBenchResult oneSecondOfCallsOf(long callMillis, int warmupIterations) {
        runner.script(REPORT.name(), n -> ScriptedRunner.Step.millis(callMillis, 1));
        BenchOptions options = noTimedWarmup().warmupIterations(warmupIterations).duration(Duration.ofSeconds(1))
                .build();
        return engine(options).build().runQuery(REPORT);
    }

    @Test
    void durationModeStopsAtTheDeadlineAndThroughputComesFromTheWindow() {
        QueryBenchResult r = oneSecondOfCallsOf(10, 3);

        assertEquals(100, r.calls());
        assertEquals(3, r.warmup().calls());
        assertEquals(30 * MS, r.warmup().nanos());
        assertEquals(1000 * MS, r.measuredNanos());
        assertEquals(100.0, r.throughputPerSecond(), 1e-9);
        assertEquals(10_000, r.latency().p50Micros(), 10);
        assertEquals(10_000, r.latency().meanMicros(), 10);
        assertEquals(103, runner.calls(REPORT.name()));
    }

    @Test
    void aCallThatStartedBeforeTheDeadlineCountsAndExtendsTheWindow() {
        QueryBenchResult r = oneSecondOfCallsOf(300, 0);

        assertEquals(4, r.calls());
        assertEquals(1200 * MS, r.measuredNanos());
        assertEquals(4 / 1.2, r.throughputPerSecond(), 1e-9);
    }

    @Test
    void warmupCallsAreNotInTheResults() {
        // The first five calls are slow, as before the generic plan; the rest are fast.
        runner.script(REPORT.name(), n -> ScriptedRunner.Step.millis(n < 5 ? 100 : 1, 7));
        BenchOptions options = noTimedWarmup().warmupIterations(5).iterations(50).build();

        QueryBenchResult r = engine(options).build().runQuery(REPORT);

        assertEquals(5, r.warmup().calls());
        assertEquals(500 * MS, r.warmup().nanos());
        assertEquals(50, r.calls());
        assertEquals(1000, r.latency().maxMicros(), 1);
        assertEquals(50 * 7, r.rows());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a timed warmup runs until its time has passed and its calls are made |   10 |   95 |  2 | true  | 10 | 10 |  100
            a slow query makes as many calls as fit in the 1 s budget, 300 ms on  |  200 |  300 | 20 | true  |  3 |  5 | 1000
            a call of seconds is its own warmup                                   | 2500 | 2000 | 20 | true  |  2 |  1 | 2500
            without adaptive warmup a slow query makes every warmup call          |  200 |    0 | 20 | false |  1 | 20 | 4000
            """)
    void theWarmupFitsTheQuerysSpeed(String behaviour, long callMillis, long warmupMillis, int warmupIterations,
                                     boolean adaptive, long iterations, long warmupCalls, long warmupMillisTaken) {
        runner.script(REPORT.name(), n -> ScriptedRunner.Step.millis(callMillis, 1));
        BenchOptions options = BenchOptions.builder().warmup(Duration.ofMillis(warmupMillis))
                .warmupIterations(warmupIterations).adaptiveWarmup(adaptive).iterations(iterations).build();

        QueryBenchResult r = engine(options).build().runQuery(REPORT);

        assertEquals(warmupCalls, r.warmup().calls());
        assertEquals(warmupMillisTaken * MS, r.warmup().nanos());
        assertEquals(iterations, r.calls());
        assertEquals(warmupCalls + iterations, runner.calls(REPORT.name()));
    }

    @Test
    void aQueryUpToTheFastLimitKeepsItsWholeWarmup() {
        runner.script(REPORT.name(), n -> ScriptedRunner.Step.millis(BenchOptions.ADAPTIVE_FAST_CALL.toMillis(), 1));
        BenchOptions options = noTimedWarmup().warmupIterations(20).iterations(1).build();

        QueryBenchResult r = engine(options).build().runQuery(REPORT);

        assertEquals(20, r.warmup().calls());
    }

    @Test
    void theWarmupIsFittedByTheFirstCallThatWorked() {
        // a fast failure first says nothing of the query's speed; the 250 ms call after it does
        runner.script(REPORT.name(), n -> {
            if (n == 0) {
                throw new SQLException("could not serialize access", "40001");
            }
            return ScriptedRunner.Step.millis(250, 1);
        });
        BenchOptions options = noTimedWarmup().warmupIterations(20).iterations(1).concurrency(1).build();

        QueryBenchResult r = engine(options).build().runQuery(REPORT);

        assertEquals(1, r.warmup().errors());
        // 4 calls fit in the budget; the failed one counts among the warmup's calls
        assertEquals(3, r.warmup().calls());
    }

    @Test
    void errorsAreCountedTheFirstIsKeptAndTheRunGoesOnWithTheNextQuery() {
        runner.script(FLAKY.name(), n -> {
            if (n % 3 == 2) {
                throw new SQLException("canceling statement due to statement timeout #" + n, "57014");
            }
            return ScriptedRunner.Step.millis(2, 1);
        });
        runner.script(BROKEN.name(), n -> {
            throw new SQLException("relation \"missing\" does not exist", "42P01");
        });
        BenchOptions options = noTimedWarmup().warmupIterations(3).iterations(30).build();

        BenchReport report = engine(options).build().run(QueryCatalog.of(LOOKUP, FLAKY, BROKEN, REPORT));

        assertEquals(List.of("find:Project", "flaky", "broken", "project_stats"),
                report.queries().stream().map(QueryBenchResult::name).toList());
        QueryBenchResult flaky = report.find("flaky").orElseThrow();
        assertEquals(BenchStatus.MEASURED, flaky.status());
        assertEquals(2, flaky.warmup().calls());
        assertEquals(1, flaky.warmup().errors());
        assertEquals(20, flaky.calls());
        assertEquals(10, flaky.errors());
        assertEquals(20, flaky.latency().count());
        assertEquals(new ErrorSample("java.sql.SQLException", "canceling statement due to statement timeout #2"),
                flaky.firstError().orElseThrow());

        // the same figures of the broken query as of the flaky one above: the run must keep the two outcomes apart
        QueryBenchResult broken = report.find("broken").orElseThrow();
        assertEquals(BenchStatus.FAILED, broken.status());
        assertEquals(0, broken.warmup().calls());
        // Its three warmup calls all failed, so it is not measured.
        assertEquals(3, broken.warmup().errors());
        assertEquals(0, broken.calls());
        assertEquals(0, broken.measuredNanos());
        assertEquals("relation \"missing\" does not exist", broken.firstError().orElseThrow().message());

        assertEquals(BenchStatus.MEASURED, report.find("find:Project").orElseThrow().status());
        assertEquals(30, report.find("project_stats").orElseThrow().calls());
    }

    @Test
    void aLongWarmupGivesUpAfterThreeCallsInARowThatFailed() {
        runner.script(BROKEN.name(), n -> {
            clock.advanceNanos(MS);
            throw new SQLException("permission denied for table projects", "42501");
        });
        BenchOptions options = BenchOptions.builder().warmup(Duration.ofMinutes(1)).warmupIterations(3).iterations(5)
                .concurrency(2).build();

        QueryBenchResult r = engine(options).build().runQuery(BROKEN);

        assertEquals(BenchStatus.FAILED, r.status());
        assertEquals(6, r.warmup().errors());
        assertEquals(6, runner.calls(BROKEN.name()));
        assertEquals(0, r.calls() + r.errors());
    }

    @Test
    void aQueryThatAlwaysHitsItsTimeoutCostsThreeTimeoutsNotTheWholeWarmup() {
        // issue 10 item 8: -- timeout: 1s on pg_sleep(5) failed after 20 warmup calls, 21.8 s
        runner.script(BROKEN.name(), n -> {
            clock.advanceNanos(Duration.ofSeconds(1).toNanos());
            throw new SQLException("canceling statement due to statement timeout", "57014");
        });
        BenchOptions options = BenchOptions.builder().warmup(Duration.ofMillis(300)).warmupIterations(20)
                .iterations(5).build();
        long start = clock.monotonicNanos();

        QueryBenchResult r = engine(options).build().runQuery(BROKEN);

        assertEquals(BenchStatus.FAILED, r.status());
        assertEquals(Worker.FAIL_FAST_CALLS, runner.calls(BROKEN.name()));
        assertEquals(Duration.ofSeconds(Worker.FAIL_FAST_CALLS).toNanos(), clock.monotonicNanos() - start);
        assertEquals("canceling statement due to statement timeout", r.firstError().orElseThrow().message());
    }

    @Test
    void aWarmupCallThatFailsBetweenGoodOnesDoesNotEndTheWarmup() {
        runner.script(BROKEN.name(), n -> {
            clock.advanceNanos(MS);
            if (n % 3 == 0) {
                throw new SQLException("deadlock detected", "40P01");
            }
            return ScriptedRunner.Step.millis(1, 1);
        });
        BenchOptions options = noTimedWarmup().warmupIterations(12).iterations(5).build();

        QueryBenchResult r = engine(options).build().runQuery(BROKEN);

        assertEquals(BenchStatus.MEASURED, r.status());
        assertEquals(12, r.warmup().calls() + r.warmup().errors());
    }

    @Test
    void aQueryWhoseMeasuredCallsAllFailIsFailedWithItsErrorsCounted() {
        runner.script(BROKEN.name(), n -> {
            throw new IllegalStateException("no connection");
        });
        BenchOptions options = noTimedWarmup().warmupIterations(0).iterations(25).concurrency(2).build();

        QueryBenchResult r = engine(options).build().runQuery(BROKEN);

        assertEquals(BenchStatus.FAILED, r.status());
        assertEquals(0, r.calls());
        assertEquals(50, r.errors());
        assertEquals(1.0, r.errorRate());
        assertEquals("java.lang.IllegalStateException: no connection", r.firstError().orElseThrow().toString());
    }

    @Test
    void rowsPerCallIsTheMeanOverSuccessfulCalls() {
        runner.script(REPORT.name(), n -> ScriptedRunner.Step.millis(1, n % 3 + 1));
        BenchOptions options = noTimedWarmup().warmupIterations(0).iterations(300).build();

        QueryBenchResult r = engine(options).build().runQuery(REPORT);

        assertEquals(600, r.rows());
        assertEquals(2.0, r.rowsPerCall());
    }

    @Test
    void unsupportedQueriesAreReportedAndNotRun() {
        runner.unsupported(REPORT.name());

        BenchReport report = engine(noTimedWarmup().warmupIterations(1).iterations(5).build()).build()
                .run(List.of(REPORT, LOOKUP));

        assertEquals(BenchStatus.UNSUPPORTED, report.queries().get(0).status());
        assertEquals(0, runner.calls(REPORT.name()));
        assertEquals(BenchStatus.MEASURED, report.queries().get(1).status());
    }

    @Test
    void everyThreadGetsItsOwnParameterSupplier() {
        BenchParameters parameters = (query, thread) -> {
            long[] next = {thread * 1000L};
            return () -> Map.of("project_id", next[0]++);
        };
        BenchOptions options = noTimedWarmup().warmupIterations(0).iterations(3).concurrency(2).build();

        engine(options).parameters(parameters).build().runQuery(LOOKUP);

        List<Object> seen = new ArrayList<>();
        runner.seenParameters.forEach(m -> seen.add(m.get("project_id")));
        seen.sort(null);
        assertEquals(List.of(0L, 1L, 2L, 1000L, 1001L, 1002L), seen);
    }

    @Test
    void parametersThatCannotBeSetUpFailTheQueryOnly() {
        BenchParameters parameters = (query, thread) -> {
            if (query.name().equals(REPORT.name())) {
                throw new IllegalArgumentException("Parameter 'project_id' of query 'project_stats' has no value");
            }
            return Map::of;
        };
        BenchReport report = engine(noTimedWarmup().warmupIterations(0).iterations(5).build()).parameters(parameters)
                .build().run(List.of(REPORT, LOOKUP));

        QueryBenchResult failed = report.queries().get(0);
        assertEquals(BenchStatus.FAILED, failed.status());
        assertEquals("Parameter 'project_id' of query 'project_stats' has no value",
                failed.firstError().orElseThrow().message());
        assertEquals(5, report.queries().get(1).calls());
    }

    @Test
    void aParameterDrawThatFailsCountsAsAnErrorOfThatCall() {
        BenchParameters parameters = (query, thread) -> {
            long[] n = {0};
            return () -> {
                if (n[0]++ == 4) {
                    throw new IllegalStateException("sample query returned no rows");
                }
                return Map.of();
            };
        };
        QueryBenchResult r = engine(noTimedWarmup().warmupIterations(0).iterations(10).build())
                .parameters(parameters).build().runQuery(LOOKUP);

        assertEquals(9, r.calls());
        assertEquals(1, r.errors());
        assertEquals(9, runner.calls(LOOKUP.name()));
    }

    /** A run of 100 calls/s over the window, each call 1 ms but the one that stalls. */
    private QueryBenchResult hundredPerSecondWithAStall(Duration window, int stalledCall, long stallMillis) {
        runner.script(REPORT.name(), n -> ScriptedRunner.Step.millis(n == stalledCall ? stallMillis : 1, 1));
        BenchOptions options = noTimedWarmup().warmupIterations(0).duration(window).rate(100).build();
        return engine(options).build().runQuery(REPORT);
    }

    @Test
    void fixedRateLatencyShowsTheBacklogOfAStallThatServiceTimeHides() {
        // 100 calls/s, 1 ms each, except call 50 (due at 500 ms) which stalls for 500 ms.
        QueryBenchResult r = hundredPerSecondWithAStall(Duration.ofSeconds(2), 50, 500);

        // Every slot of the 2 s schedule ran; the last was due at 1990 ms and ended at 1991 ms.
        assertEquals(200, r.calls());
        assertEquals(1991 * MS, r.measuredNanos());
        RateResult rate = r.rate().orElseThrow();
        assertEquals(100.0, rate.targetPerSecond());
        assertEquals(0, rate.missedStarts());

        // The 44 calls due during the stall waited 491 ms down to 104 ms; with the stall itself, 45 values >= 100 ms.
        Histogram latency = r.decodeLatencyHistogram();
        assertEquals(45, latency.getCountBetweenValues(100 * MS, latency.getMaxValue()));
        assertEquals(500_000, r.latency().maxMicros(), 500);
        assertTrue(r.latency().p99Micros() >= 400_000, "p99 " + r.latency().p99Micros());

        // Service time sees one slow call and nothing else.
        Histogram service = rate.decodeServiceTimeHistogram();
        assertEquals(1, service.getCountBetweenValues(100 * MS, service.getMaxValue()));
        assertEquals(1_000, rate.serviceTime().p99Micros(), 1);
        assertEquals(500_000, rate.serviceTime().maxMicros(), 500);

        // Lag: 55 calls started late, by 490 ms down to 4 ms in steps of 9 ms: 13585 ms over 200 calls.
        assertEquals(490_000, rate.scheduleLag().maxMicros(), 490);
        assertEquals(13_585_000.0 / 200, rate.scheduleLag().meanMicros(), 70);
        assertEquals(200, rate.scheduleLag().count());
    }

    @Test
    void fixedRateSpreadsTheThreadsCallsOverTheSchedule() {
        // Total 100/s on 4 threads: each thread calls every 40 ms, the threads 10 ms apart.
        runner.script(REPORT.name(), n -> ScriptedRunner.Step.millis(0, 1));
        BenchOptions options = noTimedWarmup().warmupIterations(0).duration(Duration.ofSeconds(1)).rate(100)
                .concurrency(4).build();

        QueryBenchResult r = engine(options).build().runQuery(REPORT);

        assertEquals(100, r.calls());
        for (int i = 0; i < 4; i++) {
            assertEquals(25, runner.callsOnThread(REPORT.name(), "querygov-bench-" + i), "thread " + i);
        }
    }

    @Test
    void callsStillDueWhenTheWindowClosesAreReportedAsMissed() {
        // 100/s for 1 s; call 10 stalls for 1.5 s, past the deadline, so slots 11..99 never start.
        QueryBenchResult r = hundredPerSecondWithAStall(Duration.ofSeconds(1), 10, 1500);

        assertEquals(11, r.calls());
        assertEquals(89, r.rate().orElseThrow().missedStarts());
    }

    @Test
    void unthrottledRunsHaveNoRateResult() {
        QueryBenchResult r = engine(noTimedWarmup().warmupIterations(0).iterations(3).build()).build()
                .runQuery(LOOKUP);

        assertTrue(r.rate().isEmpty());
    }

    @Test
    void progressEndsEachPhaseWithExactCounts() {
        List<String> events = new CopyOnWriteArrayList<>();
        List<BenchProgress> last = new CopyOnWriteArrayList<>();
        BenchProgressListener listener = new BenchProgressListener() {
            @Override
            public void queryStarted(QueryDescriptor query, int queryIndex, int queryCount) {
                events.add("start " + query.name() + " " + queryIndex + "/" + queryCount);
            }

            @Override
            public void progress(BenchProgress progress) {
                if (progress.last()) {
                    last.add(progress);
                    events.add(progress.phase() + " " + progress.query());
                }
            }

            @Override
            public void queryFinished(QueryBenchResult result) {
                events.add("end " + result.name());
            }
        };
        runner.script(REPORT.name(), n -> ScriptedRunner.Step.millis(10, 1));
        BenchOptions options = noTimedWarmup().warmupIterations(4).iterations(100).concurrency(2).build();

        engine(options).progressListener(listener).build().run(List.of(REPORT));

        assertEquals(List.of("start project_stats 0/1", "WARMUP project_stats", "MEASURE project_stats",
                "end project_stats"), events);
        assertEquals(8, last.get(0).calls());
        BenchProgress measured = last.get(1);
        assertEquals(200, measured.calls());
        assertEquals(0, measured.errors());
        assertEquals(QueryType.RAW_SQL_ANALYTICS, measured.type());
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheRun() {
        // a listener of its own, overriding what core's tests of listeners override too: the interfaces are alike
        BenchProgressListener listener = new BenchProgressListener() {
            @Override
            public void progress(BenchProgress progress) {
                throw new IllegalStateException("terminal closed");
            }

            @Override
            public void queryFinished(QueryBenchResult result) {
                throw new IllegalStateException("terminal closed");
            }
        };
        BenchReport report = engine(noTimedWarmup().warmupIterations(1).iterations(5).build())
                .progressListener(listener).build().run(List.of(LOOKUP, REPORT));

        assertEquals(2, report.queries().size());
        assertEquals(5, report.queries().get(1).calls());
    }

    @Test
    void anErrorFromTheRunnerEndsTheRun() {
        runner.script(REPORT.name(), n -> {
            throw new OutOfMemoryError("Java heap space");
        });
        BenchmarkEngine e = engine(noTimedWarmup().warmupIterations(1).iterations(5).build()).build();

        QueryGovException thrown = assertThrows(QueryGovException.class, () -> e.runQuery(REPORT));
        assertTrue(thrown.getMessage().startsWith("Benchmark of query 'project_stats' stopped: thread 0 failed with"
                + " java.lang.OutOfMemoryError"), thrown.getMessage());
    }

    @Test
    void theReportHoldsTheCallersFactsAndTheMachinesAndTheRunsTimes() {
        runner.script(LOOKUP.name(), n -> ScriptedRunner.Step.millis(1, 1));
        BenchmarkEngine e = engine(noTimedWarmup().warmupIterations(0).iterations(1000).build())
                .environment("postgres.version", "17.6").environment(Map.of("os.name", "as the caller says"))
                .build();

        BenchReport report = e.run(List.of(LOOKUP));

        assertEquals("17.6", report.environment().get("postgres.version"));
        assertEquals("as the caller says", report.environment().get("os.name"));
        assertEquals(System.getProperty("java.runtime.version"), report.environment().get("jvm.version"));
        assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()),
                report.environment().get("cpu.availableProcessors"));
        assertEquals(Duration.ofSeconds(1), Duration.between(report.startedAt(), report.finishedAt()));
        assertFalse(report.queries().isEmpty());
    }

    @Test
    void theMeasuredWindowIsCutIntoIntervalsWithTheirOwnStatistics() {
        // 10 ms calls for the first half second, 30 ms calls for the second
        runner.script(REPORT.name(), n -> ScriptedRunner.Step.millis(n <= 50 ? 10 : 30, 1));
        BenchOptions options = noTimedWarmup().warmupIterations(0).duration(Duration.ofSeconds(1)).build();

        QueryBenchResult r = engine(options).build().runQuery(REPORT);

        LatencyIntervals intervals = r.intervals();
        assertEquals(50 * MS, intervals.lengthNanos());
        assertEquals(20, intervals.size());
        assertEquals(10_000, intervals.summaries().get(0).p95Micros(), 100);
        assertEquals(30_000, intervals.summaries().get(19).p95Micros(), 300);
        assertEquals(r.calls(), intervals.summaries().stream().mapToLong(LatencySummary::count).sum());
    }

    @Test
    void theWorkProbeRunsAfterTheMeasurementAndItsCostIsTimedByTheEngine() {
        runner.script(REPORT.name(), n -> ScriptedRunner.Step.millis(10, 1));
        BenchOptions options = noTimedWarmup().warmupIterations(0).iterations(5).build();
        List<Long> callsSeen = new ArrayList<>();
        WorkProbe probe = (query, measured) -> {
            callsSeen.add(measured.calls());
            clock.advanceNanos(7 * MS);
            return java.util.Optional.of(QueryWork.none("nothing to see", 0));
        };
        WorkProbe failing = (query, measured) -> {
            throw new IllegalStateException("no EXPLAIN today");
        };

        QueryBenchResult r = engine(options).workProbe(probe).build().runQuery(REPORT);
        QueryBenchResult f = engine(options).workProbe(failing).build().runQuery(REPORT);

        assertEquals(List.of(5L), callsSeen);
        assertEquals(7 * MS, r.work().orElseThrow().captureNanos());
        assertEquals("nothing to see", r.work().orElseThrow().note().orElseThrow());
        assertEquals(BenchStatus.MEASURED, f.status());
        assertTrue(f.work().orElseThrow().note().orElseThrow().contains("no EXPLAIN today"));
    }

    @Test
    void poissonArrivalsKeepTheRateOnAverageRepeatAndStillReportTheirLag() {
        runner.script(REPORT.name(), n -> ScriptedRunner.Step.millis(0, 1));
        BenchOptions options = noTimedWarmup().warmupIterations(0).duration(Duration.ofSeconds(10)).rate(1000)
                .arrivals(Arrivals.POISSON).build();

        QueryBenchResult first = engine(options).build().runQuery(REPORT);
        QueryBenchResult again = engine(options).build().runQuery(REPORT);

        // 10,000 arrivals expected; a Poisson count's standard deviation is 100
        assertTrue(Math.abs(first.calls() - 10_000) < 500, first.calls() + " calls");
        assertEquals(first.calls(), again.calls(), "seeded: the same schedule every run");
        RateResult rate = first.rate().orElseThrow();
        assertEquals(0, rate.missedStarts());
        assertEquals(0, rate.scheduleLag().maxMicros(), 1e-9, "the manual clock is never late");

        BenchOptions even = options.toBuilder().arrivals(Arrivals.EVEN).build();
        assertEquals(10_000, engine(even).build().runQuery(REPORT).calls());
    }
}
