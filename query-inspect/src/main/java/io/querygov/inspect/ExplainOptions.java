package io.querygov.inspect;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to explain a statement. Start from {@link #defaults()} and change what you need:
 * {@code ExplainOptions.defaults().withAnalyze(true).withBuffers(true)}.
 *
 * @param analyze run the statement (EXPLAIN ANALYZE) to get actual rows and times; it always runs in a transaction
 *        that is rolled back, so a statement that writes changes nothing
 * @param buffers report block counts (BUFFERS); with ANALYZE, the blocks the run touched
 * @param genericPlan also explain the generic plan a prepared statement switches to (PostgreSQL 16+, statements
 *        with parameters), and warn when it differs from the plan for the given values
 * @param statementTimeout bounds each EXPLAIN ({@code SET LOCAL statement_timeout}); null to use the query's own
 *        timeout, or the server's setting when it has none
 * @param settings planner and memory settings for this EXPLAIN only ({@code SET LOCAL}), e.g.
 *        {@code work_mem=64MB}; the order is kept
 * @param thresholds when a plan deserves a warning
 * @param allowWrites with ANALYZE, run a statement whose side effects a rollback cannot undo ({@code nextval},
 *        {@code COPY ... TO PROGRAM}, {@code pg_terminate_backend}: core's
 *        {@link io.querygov.core.sql.SqlClassification} lists them) instead of refusing it; off unless asked for
 */
public record ExplainOptions(boolean analyze, boolean buffers, boolean genericPlan, Duration statementTimeout,
                             Map<String, String> settings, PlanThresholds thresholds, boolean allowWrites) {
    /** A setting's name as PostgreSQL spells them: {@code work_mem}, {@code pg_trgm.similarity_threshold}. */
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private static final ExplainOptions DEFAULTS = new ExplainOptions(false, false, true, null, Map.of(),
            PlanThresholds.defaults(), false);

    public ExplainOptions {
        Objects.requireNonNull(thresholds, "thresholds");
        if (statementTimeout != null && (statementTimeout.isNegative() || statementTimeout.isZero())) {
            throw new IllegalArgumentException("statementTimeout must be positive, was " + statementTimeout);
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (!SETTING_NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is not a setting name such as work_mem");
            }
            Objects.requireNonNull(e.getValue(), () -> "setting " + e.getKey() + " needs a value");
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** No ANALYZE, no BUFFERS, generic plan where the server can, default thresholds, no side effects run. */
    public static ExplainOptions defaults() {
        return DEFAULTS;
    }

    public ExplainOptions withAnalyze(boolean on) {
        return new ExplainOptions(on, buffers, genericPlan, statementTimeout, settings, thresholds, allowWrites);
    }

    public ExplainOptions withBuffers(boolean on) {
        return new ExplainOptions(analyze, on, genericPlan, statementTimeout, settings, thresholds, allowWrites);
    }

    public ExplainOptions withGenericPlan(boolean on) {
        return new ExplainOptions(analyze, buffers, on, statementTimeout, settings, thresholds, allowWrites);
    }

    public ExplainOptions withStatementTimeout(Duration timeout) {
        return new ExplainOptions(analyze, buffers, genericPlan, timeout, settings, thresholds, allowWrites);
    }

    /** These options with one more setting, e.g. {@code withSetting("work_mem", "64kB")}. */
    public ExplainOptions withSetting(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(settings);
        more.put(name, value);
        return new ExplainOptions(analyze, buffers, genericPlan, statementTimeout, more, thresholds, allowWrites);
    }

    /** With ANALYZE, run statements with side effects a rollback cannot undo instead of refusing them. */
    public ExplainOptions withAllowWrites(boolean allow) {
        return new ExplainOptions(analyze, buffers, genericPlan, statementTimeout, settings, thresholds, allow);
    }

    public ExplainOptions withThresholds(PlanThresholds newThresholds) {
        return new ExplainOptions(analyze, buffers, genericPlan, statementTimeout, settings, newThresholds, allowWrites);
    }
}
