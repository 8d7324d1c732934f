package io.querygov.cli.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querygov.bench.BenchParameters;
import io.querygov.bench.ParameterSupplier;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import io.querygov.jdbc.ConnectionWait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * Runs one workload on HikariCP pools of several sizes at one offered load (a fixed number of threads that each
 * call, one after another, the queries in turn), and finds the knee: the smallest pool whose throughput is within
 * {@link #KNEE_SHARE} of the best. Each call's time is split into the wait for a connection (timed by
 * {@link ConnectionWait} around the pool's {@code getConnection()}) and the rest: the query and its round trips.
 */
public final class PoolSizing {
    /** The knee: the smallest size whose throughput is at least this share of the best size's. */
    public static final double KNEE_SHARE = 0.9;
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

    private PoolSizing() {
    }

    /** What one pool size did in its measured window. */
    public record SizeResult(int poolSize, int threads, long calls, long errors, Duration measured,
                             Histogram latency, Histogram connectionWait, Histogram query, String firstError) {
        public double callsPerSecond() {
            return calls / (measured.toNanos() / 1e9);
        }

        /** The share of the calls' time spent waiting for a connection, from 0 to 1. */
        public double waitShare() {
            double total = latency.getMean() * latency.getTotalCount();
            return total == 0 ? 0 : connectionWait.getMean() * connectionWait.getTotalCount() / total;
        }

        /** This size's figures and {@code other}'s (the same size in another round) as one. */
        public SizeResult plus(SizeResult other) {
            Histogram l = latency.copy();
            l.add(other.latency);
            Histogram w = connectionWait.copy();
            w.add(other.connectionWait);
            Histogram q = query.copy();
            q.add(other.query);
            return new SizeResult(poolSize, threads, calls + other.calls, errors + other.errors,
                    measured.plus(other.measured), l, w, q, firstError != null ? firstError : other.firstError);
        }

        public static double millis(Histogram h, double percentile) {
            return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
        }
    }

    /** Each thread's values for each of {@code queries}, drawn once (sampling runs queries) and used at every size. */
    public static List<List<ParameterSupplier>> values(BenchParameters values, List<QueryDescriptor> queries, int threads) {
        List<List<ParameterSupplier>> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<ParameterSupplier> mine = new ArrayList<>();
            for (QueryDescriptor q : queries) {
                mine.add(values.forThread(q, t));
            }
            all.add(mine);
        }
        return all;
    }

    /**
     * A HikariCP pool of {@code size} connections of {@code source}, filled before it is used, whose waits for a
     * connection are added up per thread: {@link #measure} reads and resets them around each call.
     */
    public static final class TimedPool implements AutoCloseable {
        private final HikariDataSource pool;
        private final DataSource timed;
        private final ThreadLocal<long[]> waited = ThreadLocal.withInitial(() -> new long[1]);
        private final int size;

        public TimedPool(DataSource source, int size) {
            HikariConfig config = new HikariConfig();
            config.setDataSource(source);
            config.setPoolName("querytool-pool-" + size);
            config.setMaximumPoolSize(size);
            config.setMinimumIdle(size);
            config.setConnectionTimeout(TimeUnit.MINUTES.toMillis(2));
            config.setInitializationFailTimeout(TimeUnit.SECONDS.toMillis(30));
            this.pool = new HikariDataSource(config);
            this.timed = ConnectionWait.timing(pool, nanos -> waited.get()[0] += nanos);
            this.size = size;
        }

        // Plain accessors, as other modules' classes have them: alike in form only.
        /** The pool, with each wait for a connection timed. */
        public DataSource dataSource() {
            return timed;
        }

        public int size() {
            return size;
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    /**
     * Measures {@code queries} run by {@code runner} on {@code pool}, with one thread per entry of
     * {@code valuesPerThread}, for {@code warmup} unmeasured and then {@code duration}.
     */
    public static SizeResult measure(TimedPool pool, QueryRunner runner, List<QueryDescriptor> queries,
                                     List<List<ParameterSupplier>> valuesPerThread, Duration warmup, Duration duration)
            throws InterruptedException {
        int threads = valuesPerThread.size();
        // the window is fixed once everything is ready: drawing parameter values runs queries of its own
        long from = System.nanoTime() + warmup.toNanos();
        long until = from + duration.toNanos();
        List<Worker> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Worker(t, runner, queries, valuesPerThread.get(t), pool.waited, from, until));
        }
        for (Worker w : workers) {
            w.thread.start();
        }
        for (Worker w : workers) {
            w.thread.join();
        }
        Histogram latency = histogram();
        Histogram wait = histogram();
        Histogram query = histogram();
        long calls = 0;
        long errors = 0;
        String firstError = null;
        for (Worker w : workers) {
            latency.add(w.latency);
            wait.add(w.wait);
            query.add(w.query);
            calls += w.calls;
            errors += w.errors;
            if (firstError == null) {
                firstError = w.firstError.get();
            }
        }
        return new SizeResult(pool.size(), threads, calls, errors, duration, latency, wait, query, firstError);
    }

    /**
     * The index of the knee in {@code results}, which are in increasing pool size: the first whose throughput is at
     * least {@link #KNEE_SHARE} of the best's; -1 when none measured a call.
     */
    public static int knee(List<SizeResult> results) {
        double best = results.stream().mapToDouble(SizeResult::callsPerSecond).max().orElse(0);
        if (best <= 0) {
            return -1;
        }
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).callsPerSecond() >= KNEE_SHARE * best) {
                return i;
            }
        }
        return results.size() - 1;
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST_NANOS, 3);
    }

    private static final class Worker implements Runnable {
        final Thread thread;
        final Histogram latency = histogram();
        final Histogram wait = histogram();
        final Histogram query = histogram();
        long calls;
        long errors;
        final AtomicReference<String> firstError = new AtomicReference<>();
        private final int index;
        private final QueryRunner runner;
        private final List<QueryDescriptor> queries;
        private final List<ParameterSupplier> suppliers;
        private final ThreadLocal<long[]> waited;
        private final long from;
        private final long until;

        // Sets a worker's own fields, as AdviceEvidence's constructor sets its: nothing but the form is shared.
        Worker(int index, QueryRunner runner, List<QueryDescriptor> queries, List<ParameterSupplier> suppliers,
               ThreadLocal<long[]> waited, long from, long until) {
            this.index = index;
            this.runner = runner;
            this.queries = queries;
            this.suppliers = suppliers;
            this.waited = waited;
            this.from = from;
            this.until = until;
            this.thread = new Thread(this, "querytool-pool-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            long[] mine = waited.get();
            // each thread starts at another query, so that every query runs at every moment of the window
            int next = index % queries.size();
            while (true) {
                int i = next;
                next = (next + 1) % queries.size();
                mine[0] = 0;
                long start = System.nanoTime();
                if (start >= until) {
                    return;
                }
                boolean failed = false;
                try {
                    runner.execute(queries.get(i), suppliers.get(i).next());
                } catch (Exception e) {
                    failed = true;
                    firstError.compareAndSet(null, queries.get(i).name() + ": " + e.getMessage());
                }
                long end = System.nanoTime();
                // the calls that end in the window, as pgbench counts transactions: with a long queue at a small
                // pool, a call that started in the window may wait longer than the window lasts
                if (end >= from && end < until) {
                    if (failed) {
                        errors++;
                        continue;
                    }
                    long total = end - start;
                    long w = Math.min(mine[0], total);
                    latency.recordValue(Math.min(total, HIGHEST_NANOS));
                    wait.recordValue(Math.min(w, HIGHEST_NANOS));
                    query.recordValue(Math.min(total - w, HIGHEST_NANOS));
                    calls++;
                }
            }
        }
    }
}
