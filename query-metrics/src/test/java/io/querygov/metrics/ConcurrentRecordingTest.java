package io.querygov.metrics;

import static io.querygov.metrics.Executions.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryExecution;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ConcurrentRecordingTest {
    private static final QueryDescriptor Q = query("findProject");
    private static final int THREADS = 4;
    private static final int PER_THREAD = 250_000;

    /** What thread {@code t} records as its {@code k}-th execution. */
    private static QueryExecution execution(int t, int k) {
        long rows = k % 13 == 0 ? QueryExecution.UNKNOWN_ROWS : k % 7;
        return Executions.of(Q, (k % 1000 + 1) * 1_000L + t, rows, k % 10 == 0, k % 100 == 0);
    }

    @Test
    void fourThreadsRecordingTheSameQueryAreCountedExactly() throws Exception {
        QueryMetrics metrics = QueryMetrics.create();
        runThreads(metrics, null);

        QueryStats s = metrics.cumulativeSnapshot().query("findProject").orElseThrow();
        assertEquals(1_000_000, s.count());
        Expected e = expected();
        assertEquals(e.errors, s.errors());
        assertEquals(e.slow, s.slowCount());
        assertEquals(e.rows, s.rows());
        assertEquals(e.totalNanos, s.totalTime().toNanos());
        assertEquals(1_000_000, s.histogram().getTotalCount());
    }

    @Test
    void intervalSnapshotsTakenWhileThreadsRecordPartitionTheExecutionsExactly() throws Exception {
        QueryMetrics metrics = QueryMetrics.create();
        List<MetricsSnapshot> intervals = new ArrayList<>();
        runThreads(metrics, intervals);
        intervals.add(metrics.intervalSnapshot());

        long count = 0;
        long errors = 0;
        long slow = 0;
        long rows = 0;
        long total = 0;
        Histogram merged = new Histogram(2);
        for (MetricsSnapshot snapshot : intervals) {
            for (QueryStats s : snapshot.queries()) {
                count += s.count();
                errors += s.errors();
                slow += s.slowCount();
                rows += s.rows();
                total += s.totalTime().toNanos();
                merged.add(s.histogram());
            }
        }
        Expected e = expected();
        assertTrue(intervals.size() > 1, "snapshots were taken while recording");
        assertEquals(1_000_000, count);
        assertEquals(e.errors, errors);
        assertEquals(e.slow, slow);
        assertEquals(e.rows, rows);
        assertEquals(e.totalNanos, total);
        assertEquals(metrics.cumulativeSnapshot().query("findProject").orElseThrow().histogram(), merged);
    }

    /** Starts the threads together; while they run, takes interval snapshots into {@code intervals} if given. */
    private static void runThreads(QueryMetrics metrics, List<MetricsSnapshot> intervals) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS + 1);
        AtomicBoolean failed = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int k = 0; k < PER_THREAD; k++) {
                        metrics.afterExecution(execution(id, k));
                    }
                } catch (Exception e) {
                    failed.set(true);
                }
            }, "recorder-" + t);
            threads.add(thread);
            thread.start();
        }
        start.await();
        if (intervals != null) {
            while (threads.stream().anyMatch(Thread::isAlive)) {
                intervals.add(metrics.intervalSnapshot());
                Thread.sleep(1);
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertFalse(failed.get());
    }

    private record Expected(long errors, long slow, long rows, long totalNanos) {
    }

    private static Expected expected() {
        long errors = 0;
        long slow = 0;
        long rows = 0;
        long total = 0;
        for (int t = 0; t < THREADS; t++) {
            for (int k = 0; k < PER_THREAD; k++) {
                QueryExecution x = execution(t, k);
                errors += x.isError() ? 1 : 0;
                slow += x.slow() ? 1 : 0;
                rows += x.hasRowCount() ? x.rows() : 0;
                total += x.durationNanos();
            }
        }
        return new Expected(errors, slow, rows, total);
    }
}
