package io.querygov.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryExecution;
import io.querygov.core.QueryListener;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.raw.jdbi.NamedQueries;
import io.querygov.raw.jdbi.QueryTrackingPlugin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of tracking Jdbi statements: the same primary-key select through plain JDBC, plain Jdbi,
 * tracked Jdbi, SQL objects untracked and tracked, and a registered statement run by name, against
 * an embedded PostgreSQL started once per fork. Every variant borrows a connection from the same
 * HikariCP pool per call, as a service does.
 *
 * <p>The tracker's listener counts executions and sums their durations, the least a metrics
 * listener does, so the figure is tracking's own cost and not a histogram's.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar JdbiTrackingBenchmark -t 2
 * java -jar benchmarks/target/benchmarks.jar 'JdbiTrackingBenchmark.paired' -t 2   # the tracking ratio
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(3)
@Threads(2)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class JdbiTrackingBenchmark {
    static final int ROWS = 10_000;
    static final String SQL = "SELECT name FROM items WHERE id = :id";
    static final String JDBC_SQL = "SELECT name FROM items WHERE id = ?";

    /** The SQL object both the untracked and the tracked Jdbi attach. */
    public interface ItemDao {
        @SqlQuery(SQL)
        String name(@Bind("id") int id);
    }

    /** Counts executions and sums their durations: what any metrics listener does at the least. */
    static final class CountingListener implements QueryListener {
        final LongAdder executions = new LongAdder();
        final LongAdder nanos = new LongAdder();

        @Override
        public void afterExecution(QueryExecution execution) {
            executions.increment();
            nanos.add(execution.durationNanos());
        }
    }

    private PooledPostgres database;
    private HikariDataSource pool;
    private Jdbi plainJdbi;
    private Jdbi trackedJdbi;
    private ItemDao plainDao;
    private ItemDao trackedDao;
    private NamedQueries named;
    private CountingListener listener;

    @Setup(Level.Trial)
    public void start() throws Exception {
        database = PooledPostgres.start("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, " + ROWS + ") g",
                "VACUUM ANALYZE items");
        pool = database.pool();

        QueryDescriptor itemName = QueryDescriptor.builder("item_name", QueryType.RAW_SQL_ANALYTICS)
                .sql(SQL).parameter(QueryParameter.of("id", "int")).build();
        QueryCatalog catalog = QueryCatalog.of(itemName);
        listener = new CountingListener();
        plainJdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
        trackedJdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin())
                .installPlugin(QueryTrackingPlugin.create(QueryTracker.create(listener), catalog));
        plainDao = plainJdbi.onDemand(ItemDao.class);
        trackedDao = trackedJdbi.onDemand(ItemDao.class);
        named = NamedQueries.create(trackedJdbi, catalog);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        database.close();
    }

    private static int randomId() {
        return ThreadLocalRandom.current().nextInt(1, ROWS + 1);
    }

    @Benchmark
    public String plainJdbc() throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(JDBC_SQL)) {
            ps.setInt(1, randomId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Benchmark
    public String jdbiUntracked() {
        int id = randomId();
        return plainJdbi.withHandle(h -> h.createQuery(SQL).bind("id", id).mapTo(String.class).one());
    }

    @Benchmark
    public String jdbiTracked() {
        int id = randomId();
        return trackedJdbi.withHandle(h -> h.createQuery(SQL).bind("id", id).mapTo(String.class).one());
    }

    @Benchmark
    public String sqlObjectUntracked() {
        return plainDao.name(randomId());
    }

    @Benchmark
    public String sqlObjectTracked() {
        return trackedDao.name(randomId());
    }

    @Benchmark
    public Object namedQueryTracked() {
        return named.list("item_name", Map.of("id", randomId()), String.class);
    }

    /*
     * Paired variants: one thread untracked and one tracked, at the same time in the same JVM against
     * the same server (2 threads in all). Load from elsewhere on the machine hits both alike, so the
     * ratio of their per-iteration throughputs measures tracking, where the separate benchmarks above,
     * minutes apart, mostly measure the machine.
     */

    @Benchmark
    @Group("pairedJdbi")
    @GroupThreads(1)
    public String pairedJdbiUntracked() {
        return jdbiUntracked();
    }

    @Benchmark
    @Group("pairedJdbi")
    @GroupThreads(1)
    public String pairedJdbiTracked() {
        return jdbiTracked();
    }

    // Shaped like the pairedJdbi group on purpose: JMH runs threads side by side only within one @Group, so each API
    // needs a group of its own, with one method per thread
    @Benchmark
    @Group("pairedSqlObject")
    @GroupThreads(1)
    public String pairedSqlObjectUntracked() {
        return sqlObjectUntracked();
    }

    @Benchmark
    @Group("pairedSqlObject")
    @GroupThreads(1)
    public String pairedSqlObjectTracked() {
        return sqlObjectTracked();
    }
}
