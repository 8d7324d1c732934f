package io.querygov.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowQueryLogListenerTest {

    @Test
    void logsSlowExecutionsWithTheFingerprintNeverTheValues() {
        QueryDescriptor adhoc = QueryDescriptor.adhocSql(
                "SELECT * FROM users WHERE email = 'alice@example.com' AND id IN (1, 2, 3)", QueryType.RAW_SQL_ANALYTICS);
        SlowQueryPolicy policy = SlowQueryPolicy.defaults().withThreshold(QueryType.RAW_SQL_ANALYTICS, Duration.ofMillis(100));
        ManualClock clock = new ManualClock();
        QueryTracker tracker = QueryTracker.builder().clock(clock).slowQueryPolicy(policy)
                .listener(new SlowQueryLogListener(policy)).build();

        try (CapturedLog log = new CapturedLog(SlowQueryLogListener.LOGGER_NAME)) {
            tracker.track(adhoc, () -> clock.advance(Duration.ofMillis(99)));
            tracker.track(adhoc, () -> {
                clock.advance(Duration.ofMillis(250));
                return List.of(1, 2);
            });
            assertEquals(List.of("slow query " + adhoc.name() + " (RAW_SQL_ANALYTICS) took 250.0 ms (threshold 100.0 ms),"
                    + " rows 2, sql: select * from users where email = ? and id in (...)"), log.messages());
            assertEquals(List.of(Level.WARN), log.levels());
            assertFalse(log.messages().get(0).contains("alice"));
        }
    }

    @Test
    void saysWhenTheSlowExecutionFailed() {
        QueryDescriptor bulk = QueryDescriptor.of("archive_old_jobs", QueryType.RAW_SQL_BULK);
        ManualClock clock = new ManualClock();
        QueryTracker tracker = QueryTracker.builder().clock(clock).listener(new SlowQueryLogListener()).build();
        try (CapturedLog log = new CapturedLog(SlowQueryLogListener.LOGGER_NAME)) {
            try {
                tracker.track(bulk, () -> {
                    clock.advance(Duration.ofSeconds(31));
                    throw new IllegalStateException("canceling statement due to statement timeout");
                });
            } catch (IllegalStateException expected) {
                // the tracked call's own exception
            }
            assertEquals(List.of("slow query archive_old_jobs (RAW_SQL_BULK) took 31000.0 ms (threshold 30000.0 ms),"
                    + " rows unknown, failed with java.lang.IllegalStateException, no statement known"), log.messages());
        }
    }

    @Test
    void quotesTheThresholdOfTheTrackerItIsAddedTo() {
        QueryDescriptor find = QueryDescriptor.of("find:Parcel", QueryType.ORM_SIMPLE);
        SlowQueryPolicy strict = SlowQueryPolicy.defaults().withThreshold(QueryType.ORM_SIMPLE, Duration.ofMillis(1));
        ManualClock clock = new ManualClock();
        SlowQueryLogListener shared = new SlowQueryLogListener();
        QueryTracker strictTracker = QueryTracker.builder().clock(clock).slowQueryPolicy(strict).listener(shared).build();
        QueryTracker lenientTracker = QueryTracker.builder().clock(clock).listener(shared).build();
        try (CapturedLog log = new CapturedLog(SlowQueryLogListener.LOGGER_NAME)) {
            strictTracker.track(find, () -> clock.advance(Duration.ofMillis(5)));
            lenientTracker.track(find, () -> clock.advance(Duration.ofMillis(5)));
            lenientTracker.track(find, () -> clock.advance(Duration.ofMillis(150)));
            assertEquals(List.of(
                    "slow query find:Parcel (ORM_SIMPLE) took 5.0 ms (threshold 1.0 ms), rows unknown, no statement known",
                    "slow query find:Parcel (ORM_SIMPLE) took 150.0 ms (threshold 100.0 ms), rows unknown,"
                            + " no statement known"), log.messages());
        }
    }
}
