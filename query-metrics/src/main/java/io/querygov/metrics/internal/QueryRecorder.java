package io.querygov.metrics.internal;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import io.querygov.core.SqlFingerprint;
import io.querygov.metrics.QueryStats;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Everything recorded for one query name.
 *
 * <p>Writers: each thread records into a buffer of its own, so threads running the same query never
 * contend. Buffers live in a small table indexed by thread id, with an owner check; a thread takes a
 * free slot the first time it records this query. The table is bounded (4 per available processor,
 * at least 8), so big pools and virtual threads cannot make memory grow without limit: a thread that
 * finds no free slot near its own records into one shared multi-writer buffer instead, exact but
 * slower under contention.
 *
 * <p>Reader: {@link #harvest()} swaps every buffer's interval for an empty one and adds what it held
 * to the pending totals; buffers of threads that have died are harvested one last time and their
 * slots freed for new threads. The reader methods must be called by one thread at a time (the
 * metrics' snapshot lock).
 */
public final class QueryRecorder {
    /** Slots a thread looks at, from the one its id points to, before it uses the shared buffer. */
    private static final int PROBES = 8;
    private static final int DEFAULT_SLOTS = slotsFor(Runtime.getRuntime().availableProcessors());

    private final String name;
    private final QueryType type;
    /** What the name stands for, in every snapshot: computed once, when the name is first recorded. */
    private final String fingerprintId;
    private final String statement;
    private final String origin;
    private final AtomicReferenceArray<IntervalBuffer> slots;
    private final int mask;
    private final long threadIntervalLimit;
    private volatile IntervalBuffer shared;

    // Reader side. Buffers do not keep a spare interval each: one spare per kind is swapped round,
    // so N thread buffers cost N + 1 intervals, not 2N.
    private Interval spareThreadInterval;
    private Interval spareSharedInterval;
    /** Harvested since the last {@link #takeInterval}; null while nothing is, to save its memory. */
    private Totals pending;
    /** Everything before {@link #pending}: the two together are the cumulative totals. */
    private final Totals past = new Totals();

    public QueryRecorder(String name, QueryType type) {
        this(name, type, DEFAULT_SLOTS, Integer.MAX_VALUE);
    }

    /** The recorder of {@code query}'s name, whose snapshots carry its fingerprint and origin. */
    public QueryRecorder(QueryDescriptor query) {
        this(query.name(), query.type(), DEFAULT_SLOTS, Integer.MAX_VALUE, query);
    }

    /**
     * @param slotCount thread buffers at most, a power of two
     * @param threadIntervalLimit records a thread buffer takes between two harvests; the rest go to
     *     the shared buffer. {@link Integer#MAX_VALUE} keeps its int counts from overflowing.
     */
    QueryRecorder(String name, QueryType type, int slotCount, long threadIntervalLimit) {
        this(name, type, slotCount, threadIntervalLimit, null);
    }

    private QueryRecorder(String name, QueryType type, int slotCount, long threadIntervalLimit, QueryDescriptor query) {
        SqlFingerprint fingerprint = query == null ? null : query.fingerprint().orElse(null);
        this.fingerprintId = fingerprint == null ? null : fingerprint.id();
        this.statement = fingerprint == null ? null : fingerprint.normalized();
        this.origin = query == null ? null : query.origin().orElse(null);
        if (Integer.bitCount(slotCount) != 1) {
            throw new IllegalArgumentException("slotCount must be a power of two, was " + slotCount);
        }
        this.name = name;
        this.type = type;
        this.slots = new AtomicReferenceArray<>(slotCount);
        this.mask = slotCount - 1;
        this.threadIntervalLimit = threadIntervalLimit;
    }

    /** 4 per processor, at least 8, rounded up to a power of two. */
    static int slotsFor(int processors) {
        int wanted = Math.max(8, 4 * processors);
        return Integer.highestOneBit(wanted - 1) << 1;
    }

    public String name() {
        return name;
    }

    /** The query's type, or null for the overflow entry, which mixes types. */
    public QueryType type() {
        return type;
    }

    /**
     * Records one execution. Never blocks; allocates only when a thread records this query for the
     * first time or a histogram grows.
     *
     * @param value the duration in the metrics' unit, already clamped to the highest trackable value
     * @param nanos the exact duration, for the total
     * @param rows the row count, or a negative value when unknown
     */
    public void record(long value, long nanos, long rows, boolean error, boolean slow) {
        Thread t = Thread.currentThread();
        IntervalBuffer b = slots.get(home(t));
        if (b == null || b.owner != t) {
            b = bufferOf(t);
        }
        if (!b.record(value, nanos, rows, error, slow)) {
            shared().record(value, nanos, rows, error, slow);
        }
    }

    private int home(Thread t) {
        return (int) t.getId() & mask;
    }

    private IntervalBuffer bufferOf(Thread t) {
        int home = home(t);
        int free = -1;
        for (int i = 0, n = Math.min(PROBES, slots.length()); i < n; i++) {
            int slot = (home + i) & mask;
            IntervalBuffer b = slots.get(slot);
            if (b == null) {
                if (free < 0) {
                    free = slot;
                }
            } else if (b.owner == t) {
                return b;
            }
        }
        if (free >= 0) {
            IntervalBuffer mine = new IntervalBuffer(t, new Padded.ThreadInterval(threadIntervalLimit));
            if (slots.compareAndSet(free, null, mine)) {
                return mine;
            }
        }
        return shared();
    }

    private IntervalBuffer shared() {
        IntervalBuffer s = shared;
        if (s == null) {
            synchronized (this) {
                s = shared;
                if (s == null) {
                    s = new IntervalBuffer(null, new Interval.SharedInterval());
                    shared = s;
                }
            }
        }
        return s;
    }

    /** Moves everything recorded so far into the pending totals. Reader only. */
    public void harvest() {
        for (int i = 0; i < slots.length(); i++) {
            IntervalBuffer b = slots.get(i);
            if (b == null) {
                continue;
            }
            // Ask before swapping: a thread seen dead has made its last record, and that record is
            // visible here (Thread.isAlive() returning false happens-after all of its actions).
            boolean ownerDead = !b.owner.isAlive();
            if (spareThreadInterval == null) {
                spareThreadInterval = new Padded.ThreadInterval(threadIntervalLimit);
            }
            spareThreadInterval = drain(b, spareThreadInterval);
            if (ownerDead) {
                slots.compareAndSet(i, b, null);
            }
        }
        IntervalBuffer s = shared;
        if (s != null) {
            if (spareSharedInterval == null) {
                spareSharedInterval = new Interval.SharedInterval();
            }
            spareSharedInterval = drain(s, spareSharedInterval);
        }
    }

    /** Swaps {@code empty} into the buffer, adds what it held to the pending totals, returns it emptied. */
    private Interval drain(IntervalBuffer b, Interval empty) {
        Interval full = b.swap(empty);
        if (full.count() > 0) {
            if (pending == null) {
                pending = new Totals();
            }
            full.addTo(pending);
            full.reset();
        }
        return full;
    }

    /**
     * What was harvested since the previous call, or null if nothing was; it then counts as past.
     * Reader only, after {@link #harvest()}.
     */
    public QueryStats takeInterval(TimeUnit unit) {
        if (pending == null) {
            return null;
        }
        QueryStats stats = described(pending.toStats(name, type, unit));
        past.add(pending);
        pending = null;
        return stats;
    }

    /** Everything harvested since creation, or null if nothing was. Reader only, after {@link #harvest()}. */
    public QueryStats cumulative(TimeUnit unit) {
        if (pending == null) {
            return past.count() == 0 ? null : described(past.toStats(name, type, unit));
        }
        if (past.count() == 0) {
            return described(pending.toStats(name, type, unit));
        }
        Totals all = new Totals();
        all.add(past);
        all.add(pending);
        return described(all.toStats(name, type, unit));
    }

    private QueryStats described(QueryStats stats) {
        return fingerprintId == null && origin == null ? stats : stats.withStatement(fingerprintId, statement, origin);
    }

    /** Thread buffers in use: for tests. */
    int threadBuffers() {
        int n = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    boolean hasSharedBuffer() {
        return shared != null;
    }
}
