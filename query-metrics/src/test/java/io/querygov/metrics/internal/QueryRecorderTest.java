package io.querygov.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryType;
import io.querygov.metrics.QueryStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueryRecorderTest {
    private static final TimeUnit US = TimeUnit.MICROSECONDS;
    private static final long ONE_HOUR_US = 3_600_000_000L;

    @Test
    void manyMoreThreadsThanStripesAreCountedExactly() throws Exception {
        QueryRecorder r = new QueryRecorder("q", QueryType.ORM_SIMPLE, ONE_HOUR_US);
        int threads = 6;
        int each = 20_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int k = 0; k < each; k++) {
                    r.record(k % 100, k % 100 * 1000L, 1, k % 4 == 0, false);
                }
            });
            started.add(thread);
            thread.start();
        }
        for (Thread thread : started) {
            thread.join();
        }
        QueryStats s = r.cumulative(US);
        assertEquals(threads * each, s.count());
        assertEquals(threads * each / 4, s.errors());
        assertEquals(threads * each, s.rows());
        assertEquals(threads * (long) each / 100 * 4_950_000L, s.totalTime().toNanos());
        assertEquals(threads * each, s.histogram().getTotalCount());
    }

    @Test
    void anIntervalTakesWhatWasRecordedAndTheNextStartsEmpty() {
        QueryRecorder r = new QueryRecorder("q", QueryType.ORM_SIMPLE, ONE_HOUR_US);
        for (int k = 0; k < 250; k++) {
            r.record(10, 10_000, -1, false, false);
        }
        QueryStats s = r.takeInterval(US);
        assertEquals(250, s.count());
        assertEquals(2_500_000, s.totalTime().toNanos());
        assertEquals(0, s.rows(), "unknown row counts add nothing");
        assertNull(r.takeInterval(US), "nothing ran since");

        r.record(2_000_000, 2_000_000_000L, 3, true, true);
        QueryStats second = r.takeInterval(US);
        assertEquals(1, second.count());
        assertEquals(1, second.errors());
        assertEquals(1, second.slowCount());
        assertEquals(3, second.rows());
        QueryStats all = r.cumulative(US);
        assertEquals(251, all.count());
        assertEquals(2_002_500_000L, all.totalTime().toNanos());
        assertEquals(251, r.cumulative(US).count(), "a cumulative snapshot takes nothing away");
    }

    @Test
    void theMemoryKeptDependsOnTheRangeAloneAndStaysUnder32KilobytesUpTo2To45Units() {
        assertEquals(22_040, QueryRecorder.retainedBytes(ONE_HOUR_US));
        assertEquals(29_696, QueryRecorder.retainedBytes(TimeUnit.HOURS.toNanos(1)));
        assertTrue(QueryRecorder.retainedBytes((1L << 45) - 1) <= 32 * 1024);
        assertTrue(QueryRecorder.retainedBytes(TimeUnit.DAYS.toMicros(7)) <= 32 * 1024);
        assertEquals(35_408, QueryRecorder.retainedBytes(TimeUnit.DAYS.toNanos(7)));
    }
}
