package io.querygov.metrics.internal;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import io.querygov.core.SqlFingerprint;
import io.querygov.metrics.QueryStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Everything recorded for one query name, in memory fixed when the name is first recorded: two
 * stripes of cells that writers record into, and the cumulative cells of what snapshots have
 * taken, each a {@code long} per {@link BucketLayout} bucket plus five counters. Neither the number
 * of threads nor the number of processors changes it.
 *
 * <p>Writers: a record takes one stripe's lock (one compare-and-set), adds to its cells with plain
 * writes and releases it. Each thread prefers one stripe: its home, from its id, unless another
 * thread made that one its own and the other stripe is free or already this thread's. Two threads
 * running the same query therefore settle on a stripe each and never touch each other's cells;
 * a third shares one, and a writer that finds a stripe locked takes the other; one that finds both
 * locked for a bounded spin yields its core to the holder rather than spin out its time slice. Nothing is
 * allocated.
 *
 * <p>False sharing: each stripe is one array whose lock and counters sit behind 128 bytes of
 * padding, and whose last bucket is followed by as much, so wherever a garbage collection moves the
 * stripes of two names or two threads' objects, no two writers share a cache line.
 *
 * <p>Reader: a snapshot takes each stripe's lock in turn for the time it takes to copy (and, for an
 * interval, to clear) its cells, about a microsecond, while writers use the other stripe. So every
 * interval is exact and consistent: its counters match its histogram. The reader methods must be
 * called by one thread at a time (the metrics' snapshot lock).
 *
 * <p>A unit of work's recorder ({@link #forUnitOfWork}) has a second set of buckets after the
 * first, for the statements per unit, in the same stripes: one record adds to both under one lock,
 * so a snapshot's statement distribution always counts the units its time distribution counts. Its
 * rows counter holds the statements in all.
 */
public final class QueryRecorder {
    // The layout of a stripe as named offsets, one constant each, like any table of constants: kept apart for the reader.
    /** Stripes per name: enough for two threads on one query to never meet, and no more. */
    static final int STRIPES = 2;
    /** Longs of padding on each side of a stripe's cells: two cache lines, for adjacent-line prefetch. */
    private static final int PAD = 16;
    private static final int LOCK = PAD;
    /** Failed attempts at a stripe lock (both stripes, in turn) before a waiting thread yields its core. */
    private static final int SPINS_BEFORE_YIELD = 64;
    /** Where the cells begin in a stripe: after the padding and the lock. */
    private static final int BASE = PAD + 1;
    private static final int COUNT = 0;
    private static final int TOTAL_NANOS = 1;
    private static final int ROWS = 2;
    private static final int ERRORS = 3;
    private static final int SLOW = 4;
    /** The first bucket's cell; the counters come before it. */
    private static final int BUCKETS = 5;
    /** Statements per unit above this are recorded as this in the statements histogram (the total keeps them). */
    public static final int HIGHEST_STATEMENTS = (1 << 20) - 1;
    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);

    private final String name;
    private final QueryType type;
    /** What the name stands for, in every snapshot: computed once, when the name is first recorded. */
    private final String fingerprintId;
    private final String statement;
    private final String origin;
    private final int buckets;
    /** Buckets of statements per unit after the time buckets: 0 for a query. */
    private final int statementBuckets;
    private final long[] stripe0;
    private final long[] stripe1;
    /** The id of the thread that last recorded into each stripe, 0 for none: a hint, read and written opaquely. */
    private final long[] lastWriter = new long[STRIPES];
    /** What snapshots have taken from the stripes so far: the counters, then the buckets. Reader only. */
    private final long[] taken;

    /** The recorder of {@code query}'s name, whose snapshots carry its fingerprint and origin. */
    public QueryRecorder(QueryDescriptor query, long highestValue) {
        this(query.name(), query.type(), highestValue, query, 0);
    }

    /** The recorder of a unit of work's name (or of the units' overflow entry): database time and statements per unit. */
    public static QueryRecorder forUnitOfWork(String name, long highestValue) {
        return new QueryRecorder(name, null, highestValue, null, BucketLayout.bucketsUpTo(HIGHEST_STATEMENTS));
    }

    /**
     * A recorder with no statement: the overflow entry.
     *
     * @param type null for the overflow entry, which mixes types
     * @param highestValue the highest value recorded, in the metrics' unit: higher ones are clamped by the caller
     */
    public QueryRecorder(String name, QueryType type, long highestValue) {
        this(name, type, highestValue, null, 0);
    }

    private QueryRecorder(String name, QueryType type, long highestValue, QueryDescriptor query, int statementBuckets) {
        SqlFingerprint fingerprint = query == null ? null : query.fingerprint().orElse(null);
        this.name = name;
        this.type = type;
        this.fingerprintId = fingerprint == null ? null : fingerprint.id();
        this.statement = fingerprint == null ? null : fingerprint.normalized();
        this.origin = query == null ? null : query.origin().orElse(null);
        this.buckets = BucketLayout.bucketsUpTo(highestValue);
        this.statementBuckets = statementBuckets;
        this.stripe0 = new long[BASE + BUCKETS + buckets + statementBuckets + PAD];
        this.stripe1 = new long[BASE + BUCKETS + buckets + statementBuckets + PAD];
        this.taken = new long[BUCKETS + buckets + statementBuckets];
    }

    /** The bytes this recorder keeps, whatever it records and however many threads record it. */
    public static long retainedBytes(long highestValue) {
        int cells = BucketLayout.bucketsUpTo(highestValue) + BUCKETS;
        long arrays = 2 * align(16 + 8L * (cells + BASE + PAD)) + align(16 + 8L * cells) + align(16 + 8L * STRIPES);
        return arrays + 48; // the recorder's own fields; its strings belong to the query's descriptor
    }

    /** The bytes a unit of work's recorder keeps: {@link #retainedBytes} and its statement buckets. */
    public static long retainedBytesOfUnitOfWork(long highestValue) {
        return retainedBytes(highestValue) + 3L * 8 * BucketLayout.bucketsUpTo(HIGHEST_STATEMENTS);
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    public String name() {
        return name;
    }

    /** The query's type, or null for the overflow entry, which mixes types. */
    public QueryType type() {
        return type;
    }

    /**
     * Records one execution. Never blocks for longer than another writer's record, never allocates.
     *
     * @param value the duration in the metrics' unit, already clamped to the highest value
     * @param nanos the exact duration, for the total
     * @param rows the row count, or a negative value when unknown
     */
    public void record(long value, long nanos, long rows, boolean error, boolean slow) {
        record(value, nanos, rows, error, slow, -1);
    }

    /**
     * Records one unit of work into a recorder made by {@link #forUnitOfWork}. Never allocates.
     *
     * @param value the database time in the metrics' unit, already clamped to the highest value
     * @param nanos the exact database time, for the total
     * @param statements the unit's statements, zero or more
     */
    public void recordUnitOfWork(long value, long nanos, int statements, boolean failed) {
        int statementBucket = BASE + BUCKETS + buckets + BucketLayout.index(Math.min(statements, HIGHEST_STATEMENTS));
        record(value, nanos, statements, failed, false, statementBucket);
    }

    private void record(long value, long nanos, long rows, boolean error, boolean slow, int secondBucket) {
        int bucket = BASE + BUCKETS + BucketLayout.index(value);
        long me = Thread.currentThread().getId();
        int i = (int) ((me * 0x9E3779B97F4A7C15L) >>> 63);
        long home = (long) CELLS.getOpaque(lastWriter, i);
        if (home != me && home != 0) {
            long other = (long) CELLS.getOpaque(lastWriter, i ^ 1);
            if (other == me || other == 0) {
                i ^= 1;
            }
        }
        long[] s = i == 0 ? stripe0 : stripe1;
        int attempts = 0;
        while (!CELLS.compareAndSet(s, LOCK, 0L, 1L)) {
            i ^= 1;
            s = i == 0 ? stripe0 : stripe1;
            backOff(++attempts);
        }
        s[BASE + COUNT]++;
        s[BASE + TOTAL_NANOS] += nanos;
        if (rows > 0) {
            s[BASE + ROWS] += rows;
        }
        if (error) {
            s[BASE + ERRORS]++;
        }
        if (slow) {
            s[BASE + SLOW]++;
        }
        s[bucket]++;
        if (secondBucket >= 0) {
            s[secondBucket]++;
        }
        if ((long) CELLS.getOpaque(lastWriter, i) != me) {
            CELLS.setOpaque(lastWriter, i, me);
        }
        CELLS.setRelease(s, LOCK, 0L);
    }

    private static void lock(long[] stripe) {
        int attempts = 0;
        while (!CELLS.compareAndSet(stripe, LOCK, 0L, 1L)) {
            backOff(++attempts);
        }
    }

    /**
     * A stripe is held for a few dozen nanoseconds, so a short spin nearly always finds it free. When it does
     * not, its holder has most likely been descheduled mid-record (more runnable threads than cores): spinning
     * on then burns the rest of this thread's time slice for nothing, so after a bounded spin it yields the
     * core, which lets the holder run and finish.
     */
    private static void backOff(int attempts) {
        if (attempts < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /**
     * What was recorded since the previous call (or since creation), or null if nothing was; from
     * then on it counts as taken. Reader only.
     */
    public QueryStats takeInterval(TimeUnit unit) {
        long[] interval = new long[taken.length];
        drainInto(stripe0, interval);
        drainInto(stripe1, interval);
        if (interval[COUNT] == 0) {
            return null;
        }
        for (int j = 0; j < taken.length; j++) {
            taken[j] += interval[j];
        }
        // thread ids are reused and threads end: let them choose their stripes again
        CELLS.setOpaque(lastWriter, 0, 0L);
        CELLS.setOpaque(lastWriter, 1, 0L);
        return stats(interval, unit);
    }

    private static void drainInto(long[] stripe, long[] into) {
        lock(stripe);
        try {
            for (int j = 0; j < into.length; j++) {
                into[j] += stripe[BASE + j];
            }
            Arrays.fill(stripe, BASE, BASE + into.length, 0L);
        } finally {
            CELLS.setRelease(stripe, LOCK, 0L);
        }
    }

    /** Everything recorded since creation, or null if nothing was. Does not start a new interval. Reader only. */
    public QueryStats cumulative(TimeUnit unit) {
        long[] all = taken.clone();
        addInto(stripe0, all);
        addInto(stripe1, all);
        return all[COUNT] == 0 ? null : stats(all, unit);
    }

    private static void addInto(long[] stripe, long[] into) {
        lock(stripe);
        try {
            for (int j = 0; j < into.length; j++) {
                into[j] += stripe[BASE + j];
            }
        } finally {
            CELLS.setRelease(stripe, LOCK, 0L);
        }
    }

    /**
     * The cells as stats: each bucket's count is recorded at the bucket's highest value into an
     * HdrHistogram with two significant digits, whose buckets nest in ours, so its percentiles are
     * exactly our buckets' highest values.
     */
    private QueryStats stats(long[] cells, TimeUnit unit) {
        Histogram h = new Histogram(1, Math.max(2, BucketLayout.highestValue(buckets - 1)), 2);
        for (int b = 0; b < buckets; b++) {
            long n = cells[BUCKETS + b];
            if (n > 0) {
                h.recordValueWithCount(BucketLayout.highestValue(b), n);
            }
        }
        if (statementBuckets > 0) {
            Histogram perUnit = new Histogram(1, Math.max(2, BucketLayout.highestValue(statementBuckets - 1)), 2);
            for (int b = 0; b < statementBuckets; b++) {
                long n = cells[BUCKETS + buckets + b];
                if (n > 0) {
                    // below 64 statements each count has its bucket: recorded as itself, zero included
                    perUnit.recordValueWithCount(BucketLayout.highestValue(b), n);
                }
            }
            return QueryStats.ofUnitOfWork(name, cells[ERRORS], cells[ROWS], cells[TOTAL_NANOS], h, perUnit, unit);
        }
        QueryStats stats = QueryStats.of(name, type, cells[ERRORS], cells[SLOW], cells[ROWS], cells[TOTAL_NANOS], h, unit);
        return fingerprintId == null && origin == null ? stats : stats.withStatement(fingerprintId, statement, origin);
    }
}
