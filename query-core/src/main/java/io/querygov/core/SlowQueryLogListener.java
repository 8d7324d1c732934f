package io.querygov.core;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every slow execution at WARN on the logger {@value #LOGGER_NAME}: name, type, duration,
 * threshold, rows and the statement's fingerprint. Never a parameter value: the fingerprint has
 * replaced every literal with {@code ?}.
 */
public final class SlowQueryLogListener implements QueryListener {
    public static final String LOGGER_NAME = "io.querygov.slow";
    /** Longest fingerprint printed: enough to recognise a statement, short enough for one log line. */
    public static final int MAX_SQL_LENGTH = 300;

    private final Logger log;
    private final SlowQueryPolicy policy;

    /** Logs to {@value #LOGGER_NAME}, quoting thresholds from the default policy. */
    public SlowQueryLogListener() {
        this(SlowQueryPolicy.defaults());
    }

    /**
     * Logs to {@value #LOGGER_NAME}. Pass the tracker's policy so the threshold in the message is the
     * one that made the execution slow.
     */
    public SlowQueryLogListener(SlowQueryPolicy policy) {
        this(LoggerFactory.getLogger(LOGGER_NAME), policy);
    }

    public SlowQueryLogListener(Logger log, SlowQueryPolicy policy) {
        this.log = log;
        this.policy = policy;
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
                millis(e.durationNanos()), millis(policy.thresholdNanos(e.query())),
                e.hasRowCount() ? Long.toString(e.rows()) : "unknown",
                e.isError() ? "failed with " + e.errorClass() + ", " : "",
                e.query().fingerprint().map(fp -> "sql: " + fp.abbreviated(MAX_SQL_LENGTH)).orElse("no statement known"));
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
