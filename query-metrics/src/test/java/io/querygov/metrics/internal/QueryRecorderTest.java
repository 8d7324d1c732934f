package io.querygov.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void slotsAreFourPerProcessorAtLeastEightAPowerOfTwo() {
        assertEquals(8, QueryRecorder.slotsFor(1));
        assertEquals(8, QueryRecorder.slotsFor(2));
        assertEquals(16, QueryRecorder.slotsFor(3));
        assertEquals(64, QueryRecorder.slotsFor(16));
    }

    @Test
    void threadsBeyondTheSlotsShareOneBufferAndStayExact() throws Exception {
        QueryRecorder r = new QueryRecorder("q", QueryType.ORM_SIMPLE, 2, Integer.MAX_VALUE);
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
        assertTrue(r.threadBuffers() <= 2);
        assertTrue(r.hasSharedBuffer());
        r.harvest();
        QueryStats s = r.cumulative(US);
        assertEquals(threads * each, s.count());
        assertEquals(threads * each / 4, s.errors());
        assertEquals(threads * each, s.rows());
        assertEquals(threads * (long) each / 100 * 4_950_000L, s.totalTime().toNanos());
        assertEquals(0, r.threadBuffers(), "the dead threads' slots are free again");
    }

    @Test
    void aFullThreadIntervalSendsTheRestToTheSharedBuffer() {
        QueryRecorder r = new QueryRecorder("q", QueryType.ORM_SIMPLE, 8, 100);
        for (int k = 0; k < 250; k++) {
            r.record(10, 10_000, -1, false, false);
        }
        assertTrue(r.hasSharedBuffer());
        r.harvest();
        QueryStats s = r.takeInterval(US);
        assertEquals(250, s.count());
        assertEquals(2_500_000, s.totalTime().toNanos());
        assertEquals(0, s.rows());

        // the interval was swapped out, so the thread records into its own buffer again
        for (int k = 0; k < 100; k++) {
            r.record(10, 10_000, -1, false, false);
        }
        r.harvest();
        assertEquals(100, r.takeInterval(US).count());
        assertEquals(350, r.cumulative(US).count());
    }

    @Test
    void aDeadThreadsBufferIsHarvestedOnceThenFreed() throws Exception {
        QueryRecorder r = new QueryRecorder("q", QueryType.ORM_SIMPLE);
        Thread worker = new Thread(() -> {
            for (int k = 0; k < 1000; k++) {
                r.record(5, 5_000, 2, false, k % 2 == 0);
            }
        });
        worker.start();
        worker.join();
        assertEquals(1, r.threadBuffers());

        r.harvest();
        assertEquals(0, r.threadBuffers());
        QueryStats first = r.takeInterval(US);
        assertEquals(1000, first.count());
        assertEquals(500, first.slowCount());
        assertEquals(2000, first.rows());

        r.harvest();
        assertNull(r.takeInterval(US));
        assertEquals(1000, r.cumulative(US).count());
        assertFalse(r.hasSharedBuffer());
    }

    @Test
    void aLiveThreadKeepsItsBufferAcrossHarvests() {
        QueryRecorder r = new QueryRecorder("q", QueryType.ORM_SIMPLE);
        r.record(1, 1_000, 1, false, false);
        r.harvest();
        r.record(2, 2_000, 1, false, false);
        r.harvest();
        assertEquals(1, r.threadBuffers());
        assertEquals(2, r.takeInterval(US).count());
    }
}
