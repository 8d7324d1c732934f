package io.querygov.metrics.internal;

import org.HdrHistogram.WriterReaderPhaser;

/**
 * Where writers record while a reader takes what they recorded: HdrHistogram's
 * {@link WriterReaderPhaser} protocol, the one its {@code Recorder} uses. A record costs the phaser's
 * two atomic increments; the reader swaps in an empty {@link Interval} and waits only for the
 * records already under way, so every harvested interval is complete and consistent (its counters
 * match its histogram), and writers never wait.
 */
final class IntervalBuffer {
    /** The only thread that records here, or null for the shared fallback that any thread may use. */
    final Thread owner;
    private final WriterReaderPhaser phaser = new Padded.Phaser();
    private volatile Interval active;

    IntervalBuffer(Thread owner, Interval first) {
        this.owner = owner;
        this.active = first;
    }

    /** False when the active interval is full: see {@link Interval#record}. */
    boolean record(long value, long nanos, long rows, boolean error, boolean slow) {
        long token = phaser.writerCriticalSectionEnter();
        try {
            return active.record(value, nanos, rows, error, slow);
        } finally {
            phaser.writerCriticalSectionExit(token);
        }
    }

    /**
     * Puts {@code empty} in place of the active interval and returns the one it replaced, which no
     * writer touches any more. One reader at a time.
     */
    Interval swap(Interval empty) {
        phaser.readerLock();
        try {
            Interval full = active;
            active = empty;
            phaser.flipPhase();
            return full;
        } finally {
            phaser.readerUnlock();
        }
    }
}
