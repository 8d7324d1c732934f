package io.querygov.cli.dashboard;

import io.querygov.inspect.NameMatch;
import io.querygov.inspect.PgStatStatements;
import io.querygov.inspect.StatementNames;
import io.querygov.inspect.StatementStats;
import io.querygov.inspect.StatementStatsSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads pg_stat_statements once per interval and keeps what changed in between, for the last hour: per interval
 * and statement, the calls and execution time. The target pays one reading of the view per interval, whoever looks
 * at the pages and however often. Memory is a few bytes per statement that ran in an interval, times the intervals
 * of an hour (360 at the default 10 s). Thread-safe.
 */
public final class StatementSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatementSampler.class);
    /** How much history the pages show. */
    public static final Duration KEPT = Duration.ofHours(1);

    private final PgStatStatements stats;
    private final StatementNames names;
    private final Duration interval;
    private final int capacity;
    private final ScheduledExecutorService timer;

    // guarded by this
    private StatementStatsSnapshot latest;
    private final ArrayDeque<Interval> intervals = new ArrayDeque<>();
    private final Map<Key, Integer> index = new HashMap<>();
    private final List<Statement> statements = new ArrayList<>();
    private String problem;
    private long readings;

    /**
     * @param names what maps an entry to a registered query; asked once per statement, when first seen
     */
    public StatementSampler(PgStatStatements stats, StatementNames names, Duration interval) {
        this.stats = Objects.requireNonNull(stats, "stats");
        this.names = Objects.requireNonNull(names, "names");
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException("the sampling interval must be at least 100ms, was " + interval);
        }
        this.interval = interval;
        this.capacity = (int) Math.max(1, KEPT.toMillis() / interval.toMillis());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "querytool-dashboard-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes the first reading now, then one per interval. */
    public void start() {
        timer.scheduleWithFixedDelay(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One reading: the difference from the previous one becomes an interval. */
    void sample() {
        StatementStatsSnapshot reading;
        try {
            reading = stats.read();
        } catch (RuntimeException e) {
            LOG.debug("pg_stat_statements could not be read", e);
            synchronized (this) {
                problem = e.getMessage();
                readings++;
            }
            return;
        }
        synchronized (this) {
            problem = null;
            readings++;
            StatementStatsSnapshot previous = latest;
            latest = reading;
            if (previous == null) {
                for (StatementStats s : reading.entries()) {
                    statement(s);
                }
                return;
            }
            List<StatementStats> delta = reading.since(previous).entries();
            int[] ids = new int[delta.size()];
            long[] calls = new long[delta.size()];
            double[] millis = new double[delta.size()];
            for (int i = 0; i < delta.size(); i++) {
                StatementStats d = delta.get(i);
                ids[i] = statement(d);
                calls[i] = d.calls();
                millis[i] = d.totalExecTimeMillis();
            }
            intervals.addLast(new Interval(previous.takenAt(), reading.takenAt(), ids, calls, millis));
            while (intervals.size() > capacity) {
                intervals.removeFirst();
            }
        }
    }

    private int statement(StatementStats s) {
        Key key = new Key(s.queryId(), s.user(), s.topLevel());
        Integer id = index.get(key);
        if (id != null) {
            return id;
        }
        int next = statements.size();
        String name = names.match(s).map(NameMatch::queryName).orElse(null);
        statements.add(new Statement(next, s.queryId(), s.query(), s.user(), name));
        index.put(key, next);
        return next;
    }

    /** What the pages show: a consistent copy, cheap to take. */
    public synchronized History history() {
        return new History(List.copyOf(intervals), List.copyOf(statements), latest, problem, readings, interval);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private record Key(long queryId, String user, boolean topLevel) {
    }

    /**
     * A statement pg_stat_statements has shown.
     *
     * @param id its position in {@link History#statements()}, used by {@link Interval#statement()}
     * @param text as pg_stat_statements shows it, constants as $1
     * @param queryName the registered query it belongs to, or null
     */
    public record Statement(int id, long queryId, String text, String user, String queryName) {
    }

    /**
     * What ran between two readings: per statement that ran, its calls and execution time.
     *
     * @param statement ids of {@link Statement}s, with {@code calls} and {@code totalMillis} at the same positions
     */
    public record Interval(Instant from, Instant to, int[] statement, long[] calls, double[] totalMillis) {
        public double seconds() {
            return Math.max(1e-3, Duration.between(from, to).toMillis() / 1000.0);
        }
    }

    /**
     * The intervals kept, oldest first, the statements they refer to, and the latest reading.
     *
     * @param latest the latest reading, counting since pg_stat_statements' last reset; null before the first
     * @param problem why the latest reading failed, or null
     * @param readings readings attempted so far
     */
    public record History(List<Interval> intervals, List<Statement> statements, StatementStatsSnapshot latest,
                          String problem, long readings, Duration interval) {
    }
}
