package io.querygov.core;

/**
 * Where the tracker reads time. Durations come from the monotonic clock only; the wall clock is read
 * once, when a tracker is built, to date executions. Tests inject a {@link ManualClock}.
 */
public interface QueryClock {

    /** The JVM's clocks: {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
    // The two clocks read as every QueryClock reads them (TrackingConnectionProvider's too): the interface has two methods.
    QueryClock SYSTEM = new QueryClock() {
        @Override
        public long monotonicNanos() {
            return System.nanoTime();
        }

        @Override
        public long wallTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public String toString() {
            return "QueryClock.SYSTEM";
        }
    };

    /** A monotonic time in nanoseconds, meaningful only as a difference with another reading. */
    long monotonicNanos();

    /** The wall-clock time in milliseconds since the epoch. */
    long wallTimeMillis();
}
