package io.querygov.metrics.internal;

import org.HdrHistogram.IntCountsHistogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * The objects each recording thread writes on every record, each followed by a cache line and more
 * of padding. Threads allocate them in their own allocation buffers, far apart, but a garbage
 * collection can copy two threads' objects next to each other; without padding, two threads that
 * never share data would then write the same cache line on every record (false sharing: JMH showed
 * a tracked call at 2 threads jump from about 65 to 157 ns after such a collection). Padding after
 * each object keeps the hot fields of any two of them at least 64 bytes apart. Subclasses are used
 * because the JVM lays out a subclass's fields after its superclass's.
 */
final class Padded {
    private Padded() {
    }

    /** {@link WriterReaderPhaser}, whose three epochs take two atomic increments per record. */
    static final class Phaser extends WriterReaderPhaser {
        @SuppressWarnings("unused")
        private long p01, p02, p03, p04, p05, p06, p07, p08, p09;
    }

    /** {@link IntCountsHistogram}, whose total count is written on every record. */
    static final class Histogram extends IntCountsHistogram {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private long p01, p02, p03, p04, p05, p06, p07, p08, p09;

        Histogram(int numberOfSignificantValueDigits) {
            super(numberOfSignificantValueDigits);
        }
    }

    /** {@link Interval.ThreadInterval}, whose counters are written on every record. */
    static final class ThreadInterval extends Interval.ThreadInterval {
        @SuppressWarnings("unused")
        private long p01, p02, p03, p04, p05, p06, p07, p08, p09;

        ThreadInterval(long limit) {
            super(limit);
        }
    }
}
