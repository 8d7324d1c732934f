package io.querygov.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querygov.cache.InvalidationStatus;
import io.querygov.cache.QueryCache;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryListener;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How long after a commit in one instance another instance has evicted the result the write made
 * stale: the cache's notify latency. Two caches with pools of their own on one database, as two
 * service instances; instance B holds a cached result of a query on table {@code t}, instance A
 * updates {@code t} and commits, and the time runs from A's {@code commit()} returning to B's
 * eviction (its listener's {@code cacheEvicted} call, on B's listening thread). Also the price of
 * the notification on the writer: a commit that sends {@code pg_notify} inside its transaction,
 * against the same commit on a cache local to its JVM, alternating.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.querygov.benchmarks.CacheNotifyLatency [commits] [jdbc-url]
 * </pre>
 *
 * Without a URL it starts an embedded PostgreSQL 17.
 */
public final class CacheNotifyLatency {
    private static final QueryDescriptor VALUE = QueryDescriptor.builder("value_of", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT v FROM t WHERE id = ?")
            .cacheTtl(Duration.ofHours(1))
            .build();

    private CacheNotifyLatency() {
    }

    /** Counts B's evictions and remembers when the last one happened. */
    private static final class Evictions implements QueryListener {
        final AtomicLong count = new AtomicLong();
        volatile long lastNanos;

        @Override
        public void cacheEvicted(QueryDescriptor query, int entries) {
            lastNanos = System.nanoTime();
            count.addAndGet(entries);
        }
    }

    public static void main(String[] args) throws Exception {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        EmbeddedPostgres embedded = args.length > 1 ? null : EmbeddedPostgres.builder().start();
        String url = args.length > 1 ? args[1] : embedded.getJdbcUrl("postgres", "postgres");
        try {
            run(url, commits);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static void run(String url, int commits) throws Exception {
        PGSimpleDataSource plain = new PGSimpleDataSource();
        plain.setUrl(url);
        try (Connection c = plain.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS t; CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 0)");
        }
        Evictions evictions = new Evictions();
        try (HikariDataSource poolA = pool(plain, "a"); HikariDataSource poolB = pool(plain, "b");
             QueryCache a = QueryCache.builder(QueryTracker.create()).crossInstance(plain).build();
             QueryCache local = QueryCache.builder(QueryTracker.create()).build();
             QueryCache b = QueryCache.builder(QueryTracker.create(evictions)).crossInstance(plain).build()) {
            while (a.invalidationStatus() != InvalidationStatus.LISTENING || b.invalidationStatus() != InvalidationStatus.LISTENING) {
                Thread.sleep(10);
            }
            DataSource writerA = a.invalidatingDataSource(poolA);
            DataSource writerLocal = local.invalidatingDataSource(poolA);
            DataSource readerB = b.invalidatingDataSource(poolB);

            Histogram afterReturn = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            Histogram afterCall = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            Histogram commitNotifying = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            Histogram commitLocal = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            int warmup = Math.max(100, commits / 10);
            for (int i = 0; i < warmup + commits; i++) {
                boolean measured = i >= warmup;
                read(b, readerB);
                long before = evictions.count.get();
                long[] times = update(writerA, i);
                while (evictions.count.get() == before) {
                    Thread.onSpinWait();
                }
                long evicted = evictions.lastNanos;
                long[] localTimes = update(writerLocal, i);
                if (measured) {
                    afterReturn.recordValue(Math.max(0, evicted - times[1]));
                    afterCall.recordValue(Math.max(0, evicted - times[0]));
                    commitNotifying.recordValue(times[1] - times[0]);
                    commitLocal.recordValue(localTimes[1] - localTimes[0]);
                }
            }
            System.out.printf("%d commits on %s, after %d warm-up commits%n", commits, url.replaceAll("password=[^&]*", "password=***"), warmup);
            print("eviction in the other instance, from commit() returning", afterReturn);
            print("eviction in the other instance, from commit() called", afterCall);
            print("commit() with pg_notify inside the transaction", commitNotifying);
            print("commit() of a cache local to its JVM (no notify)", commitLocal);
            System.out.printf("notify cost on the writer: commit p50 %.2fx of the local one%n",
                    (double) commitNotifying.getValueAtPercentile(50) / commitLocal.getValueAtPercentile(50));
        }
    }

    private static HikariDataSource pool(DataSource plain, String name) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(plain);
        config.setMaximumPoolSize(2);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    private static void read(QueryCache cache, DataSource dataSource) throws SQLException {
        cache.get(VALUE, List.of(1), () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Updates t in a transaction; returns the nanoTime just before commit() and just after it returned. */
    private static long[] update(DataSource dataSource, int value) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE t SET v = ? WHERE id = 1")) {
                ps.setInt(1, value);
                ps.executeUpdate();
            }
            long called = System.nanoTime();
            c.commit();
            long returned = System.nanoTime();
            c.setAutoCommit(true);
            return new long[] {called, returned};
        }
    }

    private static void print(String what, Histogram h) {
        System.out.printf("  %-58s p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  max %7.3f ms%n", what,
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getMaxValue() / 1e6);
    }
}
