package io.querygov.benchmarks;

import io.querygov.core.Outcome;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryExecution;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.metrics.QueryMetrics;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@link QueryMetrics} keeps per query name: 1,000 names, 10,000 executions each with
 * log-normal durations (median 2 ms, some up to the hour the histograms track), recorded by a
 * number of threads that stay alive while the heap is measured after garbage collection.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.querygov.benchmarks.MemoryPerName 64}
 * (the argument is the number of recording threads; add {@code -XX:ActiveProcessorCount=16} before
 * {@code -cp} to size what depends on processors as on a 16-processor machine).
 */
public final class MemoryPerName {
    private static final int NAMES = 1_000;
    private static final int EXECUTIONS_PER_NAME = 10_000;

    private MemoryPerName() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        List<QueryDescriptor> names = new ArrayList<>();
        for (int i = 0; i < NAMES; i++) {
            names.add(QueryDescriptor.builder("query_" + i, QueryType.values()[i % 4])
                    .sql("select * from t" + i + " where id = ?").build());
        }
        names.forEach(QueryDescriptor::fingerprint);
        QueryMetrics metrics = QueryMetrics.create();
        QueryTracker tracker = QueryTracker.create(metrics);
        long before = usedAfterGc();

        CountDownLatch recorded = new CountDownLatch(threads);
        CountDownLatch measured = new CountDownLatch(1);
        List<Thread> recorders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(id);
                for (QueryDescriptor q : names) {
                    for (int k = id; k < EXECUTIONS_PER_NAME; k += threads) {
                        long nanos = k == 0 ? TimeUnit.HOURS.toNanos(1)
                                : (long) (2e6 * Math.exp(2.0 * gaussian(random)));
                        tracker.listener().afterExecution(new QueryExecution(q, 0, Math.min(nanos, TimeUnit.HOURS.toNanos(1)),
                                1, Outcome.SUCCESS, null, false));
                    }
                }
                recorded.countDown();
                try {
                    measured.await(); // alive while measured: buffers of live threads count
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            recorders.add(thread);
            thread.start();
        }
        recorded.await();
        long recording = usedAfterGc();
        int queries = metrics.intervalSnapshot().queries().size();
        long afterSnapshot = usedAfterGc();
        measured.countDown();
        for (Thread thread : recorders) {
            thread.join();
        }
        System.out.printf(Locale.ROOT, "%d names x %d executions, %d recording threads, %d processors: %.1f KB per name"
                        + " while recording, %.1f KB after an interval snapshot (%d queries in it)%n",
                NAMES, EXECUTIONS_PER_NAME, threads, Runtime.getRuntime().availableProcessors(),
                (recording - before) / 1024.0 / NAMES, (afterSnapshot - before) / 1024.0 / NAMES, queries);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
