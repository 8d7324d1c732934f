package io.querygov.metrics.internal;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * What one buffer recorded between two harvests: a histogram of durations in the metrics' unit and
 * the counters that go with it. Only the writers of an {@link IntervalBuffer} call {@link #record};
 * only the harvesting reader calls the rest, after the buffer has swapped the interval out.
 */
abstract class Interval {
    static final int SIGNIFICANT_DIGITS = 3;

    /**
     * Records one execution; false when this interval cannot take it (see {@link ThreadInterval}),
     * and the caller records it elsewhere.
     */
    abstract boolean record(long value, long nanos, long rows, boolean error, boolean slow);

    abstract long count();

    abstract void addTo(Totals totals);

    abstract void reset();

    /**
     * Written by one thread only, so plain fields suffice. Int counts halve the memory of what a query
     * holds once per recording thread; HdrHistogram's packed histograms would take less again but cost
     * twice as much per record. No count can overflow while the interval's total stays below the
     * limit, and the interval refuses records beyond it.
     */
    static class ThreadInterval extends Interval {
        private final IntCountsHistogram histogram = new Padded.Histogram(SIGNIFICANT_DIGITS);
        private final long limit;
        private long errors;
        private long slow;
        private long rows;
        private long totalNanos;

        ThreadInterval(long limit) {
            this.limit = limit;
        }

        @Override
        boolean record(long value, long nanos, long rows, boolean error, boolean slow) {
            if (histogram.getTotalCount() >= limit) {
                return false;
            }
            histogram.recordValue(value);
            totalNanos += nanos;
            if (rows > 0) {
                this.rows += rows;
            }
            if (error) {
                errors++;
            }
            if (slow) {
                this.slow++;
            }
            return true;
        }

        @Override
        long count() {
            return histogram.getTotalCount();
        }

        @Override
        void addTo(Totals t) {
            t.add(histogram, errors, slow, rows, totalNanos);
        }

        @Override
        void reset() {
            histogram.reset();
            errors = 0;
            slow = 0;
            rows = 0;
            totalNanos = 0;
        }
    }

    /** Written by any number of threads: the fallback for threads that found no buffer of their own. */
    static final class SharedInterval extends Interval {
        private final ConcurrentHistogram histogram = new ConcurrentHistogram(SIGNIFICANT_DIGITS);
        private final LongAdder errors = new LongAdder();
        private final LongAdder slow = new LongAdder();
        private final LongAdder rows = new LongAdder();
        private final LongAdder totalNanos = new LongAdder();

        @Override
        boolean record(long value, long nanos, long rows, boolean error, boolean slow) {
            histogram.recordValue(value);
            totalNanos.add(nanos);
            if (rows > 0) {
                this.rows.add(rows);
            }
            if (error) {
                errors.increment();
            }
            if (slow) {
                this.slow.increment();
            }
            return true;
        }

        @Override
        long count() {
            return histogram.getTotalCount();
        }

        @Override
        void addTo(Totals t) {
            t.add(histogram, errors.sum(), slow.sum(), rows.sum(), totalNanos.sum());
        }

        @Override
        void reset() {
            histogram.reset();
            errors.reset();
            slow.reset();
            rows.reset();
            totalNanos.reset();
        }
    }
}
