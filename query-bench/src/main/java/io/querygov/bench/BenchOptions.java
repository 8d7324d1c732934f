package io.querygov.bench;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a benchmark measures and how hard it pushes: warmup, how long each query is measured, how many
 * threads run it, and an optional fixed rate. Immutable; build one with {@link #builder()}, whose
 * setters reject a bad value at once with a message naming the option, the limit and the fix.
 *
 * @param warmup how long every query runs unmeasured before it is measured, at least
 * @param warmupIterations calls each thread makes unmeasured before it is measured, at least
 * @param adaptiveWarmup whether each thread fits its warmup calls to the query's speed, from its first successful
 *        call: one slower than {@link #ADAPTIVE_FAST_CALL} warms up with as many calls as fit in
 *        {@link #ADAPTIVE_WARMUP_BUDGET} (at least one, at most {@code warmupIterations}), and one slower than the
 *        budget is its own warmup; a bulk statement of seconds so does not spend a minute warming up
 * @param length how long each query is measured: a duration or a number of calls per thread
 * @param concurrency threads running the same query at once; each should hold its own connection
 * @param rate total calls per second across all threads, or empty to run as fast as the database answers; the
 *        warmup is paced at the same rate, so that the measurement starts from the load it measures
 * @param progressInterval how often, at most, the progress listener hears about a running query
 * @param arrivals how a rate's calls are spaced: evenly, or as a Poisson process; without a rate, ignored
 */
public record BenchOptions(Duration warmup, int warmupIterations, boolean adaptiveWarmup, Length length,
                           int concurrency, OptionalDouble rate, Duration progressInterval, Arrivals arrivals) {

    /** Options with evenly spaced arrivals. */
    public BenchOptions(Duration warmup, int warmupIterations, boolean adaptiveWarmup, Length length,
                        int concurrency, OptionalDouble rate, Duration progressInterval) {
        this(warmup, warmupIterations, adaptiveWarmup, length, concurrency, rate, progressInterval, Arrivals.EVEN);
    }

    /**
     * Warmup calls per thread by default. pgjdbc switches a statement to a server-side prepared one after 5
     * executions on a connection, and PostgreSQL may switch a prepared statement to its generic plan after 5 more
     * custom plans: measuring before both switches would measure plans the service never runs in steady state.
     */
    public static final int DEFAULT_WARMUP_ITERATIONS = 20;
    /** A first call up to this long keeps the whole warmup, with {@link #adaptiveWarmup()}. */
    public static final Duration ADAPTIVE_FAST_CALL = Duration.ofMillis(50);
    /** A slower query warms up with as many calls as fit in this, with {@link #adaptiveWarmup()}. */
    public static final Duration ADAPTIVE_WARMUP_BUDGET = Duration.ofSeconds(1);
    /** Timed warmup by default, on top of the calls: for the JIT, the pool and the server's caches. */
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(2);
    /** How long each query is measured when neither a duration nor a number of iterations is set. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(1);
    /** Most threads accepted: each holds a connection, and PostgreSQL's default max_connections is 100. */
    public static final int MAX_CONCURRENCY = 1024;
    /** Shortest progress interval accepted: a listener called more often would only cost CPU the workers need. */
    public static final Duration MIN_PROGRESS_INTERVAL = Duration.ofMillis(10);

    /** Checks every component as the builder's setter of it does. */
    public BenchOptions {
        checkWarmup(Objects.requireNonNull(warmup, "warmup"));
        checkWarmupIterations(warmupIterations);
        Objects.requireNonNull(length, "length");
        checkConcurrency(concurrency);
        Objects.requireNonNull(rate, "rate").ifPresent(BenchOptions::checkRate);
        checkProgressInterval(Objects.requireNonNull(progressInterval, "progressInterval"));
        Objects.requireNonNull(arrivals, "arrivals");
    }

    /**
     * Options with every default: {@value #DEFAULT_WARMUP_ITERATIONS} warmup calls (fewer for a slow query) and 2 s,
     * 10 s measured, one thread.
     */
    public static BenchOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to derive changed ones. */
    public Builder toBuilder() {
        Builder b = builder().warmup(warmup).warmupIterations(warmupIterations).adaptiveWarmup(adaptiveWarmup)
                .concurrency(concurrency).arrivals(arrivals).progressInterval(progressInterval);
        b.rate = rate;
        b.length = length;
        b.lengthInherited = true;
        return b;
    }

    /** Whether calls are paced at a fixed rate, with latency measured from each call's intended start. */
    public boolean isRateLimited() {
        return rate.isPresent();
    }

    @Override
    public String toString() {
        return "warmup " + warmup + " and " + warmupIterations + (adaptiveWarmup ? " (adaptive)" : "")
                + " calls per thread, " + length + ", concurrency "
                + concurrency + (rate.isPresent() ? ", rate " + rate.getAsDouble() + "/s"
                + (arrivals == Arrivals.POISSON ? " (Poisson)" : "") : "");
    }

    /** How long each query is measured: exactly one of a duration or a number of calls per thread. */
    public sealed interface Length permits Length.ForDuration, Length.ForIterations {

        static Length duration(Duration duration) {
            return new ForDuration(duration);
        }

        static Length iterations(long callsPerThread) {
            return new ForIterations(callsPerThread);
        }

        /**
         * Whether a thread that has made this many calls since the measurement started, this long ago, is done.
         * Asked before every measured call, so it reads no clock and allocates nothing.
         */
        boolean reached(long calls, long elapsedNanos);

        /** Every thread runs until this much time has passed since the measurement started. */
        record ForDuration(Duration duration) implements Length {
            public ForDuration {
                Objects.requireNonNull(duration, "duration");
                if (duration.isZero() || duration.isNegative()) {
                    throw new IllegalArgumentException("duration must be positive, was " + duration);
                }
            }

            @Override
            public boolean reached(long calls, long elapsedNanos) {
                return elapsedNanos >= duration.toNanos();
            }

            @Override
            public String toString() {
                return "for " + duration;
            }
        }

        /** Every thread makes this many calls, successful or not, like pgbench {@code -t}. */
        record ForIterations(long callsPerThread) implements Length {
            public ForIterations {
                if (callsPerThread < 1) {
                    throw new IllegalArgumentException("iterations must be at least 1, was " + callsPerThread);
                }
            }

            @Override
            public boolean reached(long calls, long elapsedNanos) {
                return calls >= callsPerThread;
            }

            @Override
            public String toString() {
                return callsPerThread + " calls per thread";
            }
        }
    }

    private static void checkWarmup(Duration warmup) {
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup cannot be negative, was " + warmup
                    + "; use Duration.ZERO to warm up by calls only");
        }
    }

    private static void checkWarmupIterations(int warmupIterations) {
        if (warmupIterations < 0) {
            throw new IllegalArgumentException("warmupIterations cannot be negative, was " + warmupIterations
                    + "; use 0 to warm up by time only");
        }
    }

    private static void checkConcurrency(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be at most " + MAX_CONCURRENCY + ", was " + concurrency
                    + ": each thread holds a database connection");
        }
    }

    private static void checkRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a positive, finite number of calls per second, was " + rate
                    + "; leave it unset to run as fast as the database answers");
        }
    }

    private static void checkProgressInterval(Duration progressInterval) {
        if (progressInterval.compareTo(MIN_PROGRESS_INTERVAL) < 0) {
            throw new IllegalArgumentException("progressInterval must be at least " + MIN_PROGRESS_INTERVAL.toMillis()
                    + " ms, was " + progressInterval);
        }
    }

    // Each setter runs the check the record's constructor runs, so a bad value fails at the setter that took it
    /** Builds {@link BenchOptions}; every setter validates its value at once. */
    public static final class Builder {
        private Duration warmup = DEFAULT_WARMUP;
        private int warmupIterations = DEFAULT_WARMUP_ITERATIONS;
        private boolean adaptiveWarmup = true;
        private Length length;
        /** Set by {@link BenchOptions#toBuilder()}: a derived builder may switch between duration and iterations. */
        private boolean lengthInherited;
        private int concurrency = 1;
        private OptionalDouble rate = OptionalDouble.empty();
        private Arrivals arrivals = Arrivals.EVEN;
        private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;

        private Builder() {
        }

        /** Time every query runs unmeasured, at least; {@link Duration#ZERO} to warm up by calls only. */
        public Builder warmup(Duration warmup) {
            checkWarmup(Objects.requireNonNull(warmup, "warmup"));
            this.warmup = warmup;
            return this;
        }

        /** Calls each thread makes unmeasured, at least; 0 to warm up by time only. */
        public Builder warmupIterations(int warmupIterations) {
            checkWarmupIterations(warmupIterations);
            this.warmupIterations = warmupIterations;
            return this;
        }

        /**
         * Whether each thread fits its warmup calls to the query's speed (the default): see
         * {@link BenchOptions#adaptiveWarmup()}. Turn it off to make exactly {@link #warmupIterations(int)} calls.
         */
        public Builder adaptiveWarmup(boolean adaptive) {
            this.adaptiveWarmup = adaptive;
            return this;
        }

        /** Measures each query for this long; excludes {@link #iterations(long)}. */
        public Builder duration(Duration duration) {
            return length(Length.duration(duration));
        }

        /** Measures each query by this many calls per thread; excludes {@link #duration(Duration)}. */
        public Builder iterations(long callsPerThread) {
            return length(Length.iterations(callsPerThread));
        }

        private Builder length(Length value) {
            if (length != null && !lengthInherited && length.getClass() != value.getClass()) {
                throw new IllegalArgumentException("set either a duration or iterations, not both: asked to measure "
                        + value + " after " + length);
            }
            this.length = value;
            this.lengthInherited = false;
            return this;
        }

        /** Threads running each query at once, 1 to {@value #MAX_CONCURRENCY}. */
        public Builder concurrency(int concurrency) {
            checkConcurrency(concurrency);
            this.concurrency = concurrency;
            return this;
        }

        /** Total calls per second across all threads, with coordinated-omission correction. */
        public Builder rate(double callsPerSecond) {
            checkRate(callsPerSecond);
            this.rate = OptionalDouble.of(callsPerSecond);
            return this;
        }

        /** How a rate's calls are spaced; {@link Arrivals#EVEN} by default. */
        public Builder arrivals(Arrivals spacing) {
            this.arrivals = Objects.requireNonNull(spacing, "spacing");
            return this;
        }

        /** Runs as fast as the database answers: the default. */
        public Builder unlimitedRate() {
            this.rate = OptionalDouble.empty();
            return this;
        }

        /** How often, at most, the progress listener is called while a query runs. */
        public Builder progressInterval(Duration progressInterval) {
            checkProgressInterval(Objects.requireNonNull(progressInterval, "progressInterval"));
            this.progressInterval = progressInterval;
            return this;
        }

        public BenchOptions build() {
            return new BenchOptions(warmup, warmupIterations, adaptiveWarmup,
                    length == null ? Length.duration(DEFAULT_DURATION) : length, concurrency, rate, progressInterval,
                    arrivals);
        }
    }
}
