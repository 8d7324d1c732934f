package io.querygov.core;

import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every slow execution at WARN on the logger {@value #LOGGER_NAME}: name, type, duration,
 * threshold, rows and the statement's fingerprint. Never a parameter value: the fingerprint has
 * replaced every literal with {@code ?}.
 *
 * <p>The threshold quoted is the one that made the execution slow: a listener built without a policy
 * and added to a tracker with {@link QueryTracker.Builder#listener} quotes that tracker's policy (the
 * tracker keeps a copy bound to its policy; the instance built here stays unbound and may serve several
 * trackers). Only one nested inside another listener, where the tracker cannot see it, falls back to
 * {@link SlowQueryPolicy#defaults()}: give it the policy then.
 */
public final class SlowQueryLogListener implements QueryListener {
    public static final String LOGGER_NAME = "io.querygov.slow";
    /** Longest fingerprint printed: enough to recognise a statement, short enough for one log line. */
    public static final int MAX_SQL_LENGTH = 300;

    private final Logger log;
    /** The policy whose thresholds are quoted; null for the policy of the tracker it is added to. */
    private final SlowQueryPolicy policy;

    /** Logs to {@value #LOGGER_NAME}, quoting the thresholds of the tracker it is added to. */
    public SlowQueryLogListener() {
        this(LoggerFactory.getLogger(LOGGER_NAME));
    }

    /** Logs to {@code log}, quoting the thresholds of the tracker it is added to. */
    public SlowQueryLogListener(Logger log) {
        this.log = Objects.requireNonNull(log, "log");
        this.policy = null;
    }

    /** Logs to {@value #LOGGER_NAME}, quoting thresholds from {@code policy} whichever tracker reports. */
    public SlowQueryLogListener(SlowQueryPolicy policy) {
        this(LoggerFactory.getLogger(LOGGER_NAME), policy);
    }

    public SlowQueryLogListener(Logger log, SlowQueryPolicy policy) {
        this.log = Objects.requireNonNull(log, "log");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** This listener as a tracker with {@code trackerPolicy} runs it: bound to that policy unless given its own. */
    SlowQueryLogListener boundTo(SlowQueryPolicy trackerPolicy) {
        return policy != null ? this : new SlowQueryLogListener(log, trackerPolicy);
    }

    /** Builds the record only for a slow execution: the others cost nothing. */
    @Override
    public void onExecution(QueryDescriptor query, long startEpochMillis, long durationNanos, long rows,
                            Throwable failure, boolean slow) {
        if (slow) {
            afterExecution(QueryExecution.of(query, startEpochMillis, durationNanos, rows, failure, slow));
        }
    }

    @Override
    public void afterExecution(QueryExecution e) {
        if (!e.slow() || !log.isWarnEnabled()) {
            return;
        }
        log.warn("slow query {} ({}) took {} ms (threshold {} ms), rows {}, {}{}",
                e.name(), e.type(),
                millis(e.durationNanos()), millis((policy != null ? policy : SlowQueryPolicy.defaults()).thresholdNanos(e.query())),
                e.hasRowCount() ? Long.toString(e.rows()) : "unknown",
                e.isError() ? "failed with " + e.errorClass() + ", " : "",
                e.query().fingerprint().map(fp -> "sql: " + fp.abbreviated(MAX_SQL_LENGTH)).orElse("no statement known"));
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
