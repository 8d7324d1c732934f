package io.querygov.benchmarks;

import io.querygov.core.QueryTracker;
import io.querygov.orm.HibernateTracking;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.IOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What tracking costs a Hibernate {@code Session.find} by primary key, the cheapest call there is and
 * so the one where an overhead shows most: one new session per call, autocommit reads, HikariCP,
 * against an embedded PostgreSQL 17 on this machine. {@code mode=tracked} applies
 * {@link HibernateTracking} with a tracker whose listener does nothing, so the figure is the
 * integration's own cost (naming, JDBC wrapping, row counting, N+1 bookkeeping), not a metrics
 * backend's. Compare the two modes' throughput; the target is tracked at least 0.97x untracked.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar HibernateTrackingBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 3)
public class HibernateTrackingBenchmark {
    private static final int ROWS = 10_000;

    @Param({"untracked", "tracked"})
    public String mode;

    private PooledPostgres database;
    private SessionFactory sessionFactory;

    /** The row every call reads one of. */
    // Mapped like the ORM tests' entities only because every JPA entity is ids, columns and getters
    @Entity
    @Table(name = "bench_item")
    public static class BenchItem {
        @Id
        private Long id;

        @Column(nullable = false)
        private String name;

        @Column(nullable = false)
        private long quantity;

        protected BenchItem() {
        }

        public String getName() {
            return name;
        }

        public long getQuantity() {
            return quantity;
        }
    }

    @Setup(Level.Trial)
    public void start() throws IOException, SQLException {
        database = PooledPostgres.start(
                "create table bench_item (id bigint primary key, name text not null, quantity bigint not null)",
                "insert into bench_item select g, 'item ' || g, g * 7 from generate_series(1, " + ROWS + ") g",
                "analyze bench_item");

        Map<String, Object> settings = new HashMap<>();
        settings.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, database.pool());
        switch (mode) {
            case "tracked":
                HibernateTracking.create(QueryTracker.create()).applyTo(settings);
                break;
            case "untracked":
                break;
            default:
                throw new IllegalArgumentException("mode must be tracked or untracked, was " + mode);
        }
        sessionFactory = new MetadataSources(new StandardServiceRegistryBuilder().applySettings(settings).build())
                .addAnnotatedClass(BenchItem.class).buildMetadata().buildSessionFactory();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        sessionFactory.close();
        database.close();
    }

    @Benchmark
    public long find() {
        long id = ThreadLocalRandom.current().nextLong(1, ROWS + 1);
        try (Session session = sessionFactory.openSession()) {
            return session.find(BenchItem.class, id).getQuantity();
        }
    }
}
