package io.querygov.metrics;

import io.querygov.core.QueryType;
import io.querygov.metrics.internal.Histograms;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one query did over a snapshot's window. Immutable.
 *
 * <p>Every time is a {@link Duration}. {@link #totalTime()} and {@link #mean()} come from the exact
 * durations; the percentiles and {@link #max()} come from the histogram. For stats taken from
 * {@link QueryMetrics}, that is the highest value of the bucket that holds the exact one: never below
 * it, at most 1/32 (3.1%) above it (two significant digits), and never above the metrics' highest
 * trackable value, to which longer executions are clamped. Values below 64 units are exact.
 *
 * <p>The histogram is kept encoded (HdrHistogram's compact format, typically a few kilobytes), so a
 * snapshot of many queries stays small; {@link #histogram()} decodes a fresh copy.
 *
 * <p>Besides its figures, an entry says what the name stands for, so that readers of a saved
 * snapshot can map the statements a server reports (pg_stat_statements) back to names:
 * {@link #fingerprintId()}, {@link #statement()} and {@link #origin()}, taken from the query's
 * descriptor.
 *
 * <p><b>Units of work.</b> The same figures describe a unit of work's name
 * ({@link MetricsSnapshot#units()}, made by {@link #ofUnitOfWork}): {@link #count()} is the units that
 * ended, {@link #errors()} those that failed, the times are database time per unit (the sum of its
 * statements' durations), and {@link #statements()}, {@link #meanStatements()},
 * {@link #p95Statements()}, {@link #maxStatements()} and {@link #statementsHistogram()} are the
 * distribution of statements per unit. A unit's entry has no type, rows, slow count or statement text.
 */
public final class QueryStats {
    private final String name;
    private final QueryType type;
    private final long count;
    private final long errors;
    private final long slowCount;
    private final long rows;
    private final long totalNanos;
    private final long meanNanos;
    private final long p50Nanos;
    private final long p95Nanos;
    private final long p99Nanos;
    private final long p999Nanos;
    private final long maxNanos;
    private final TimeUnit histogramUnit;
    private final byte[] histogram;
    private final String fingerprintId;
    private final String statement;
    private final String origin;
    /** Null for a query; for a unit of work, its statements per unit. */
    private final byte[] statementsHistogram;
    private final long statements;
    private final long p95Statements;
    private final long maxStatements;

    private QueryStats(String name, QueryType type, long errors, long slowCount, long rows, long totalNanos,
                       AbstractHistogram h, TimeUnit unit) {
        this(name, type, errors, slowCount, rows, totalNanos, h, unit, null, 0);
    }

    private QueryStats(String name, QueryType type, long errors, long slowCount, long rows, long totalNanos,
                       AbstractHistogram h, TimeUnit unit, AbstractHistogram perUnit, long statements) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        this.histogramUnit = Objects.requireNonNull(unit, "histogramUnit");
        this.count = h.getTotalCount();
        check(errors, "errors");
        check(slowCount, "slowCount");
        if (rows < 0) {
            throw new IllegalArgumentException("rows cannot be negative, was " + rows);
        }
        if (totalNanos < 0) {
            throw new IllegalArgumentException("totalNanos cannot be negative, was " + totalNanos);
        }
        this.errors = errors;
        this.slowCount = slowCount;
        this.rows = rows;
        this.totalNanos = totalNanos;
        this.meanNanos = count == 0 ? 0 : roundedDivision(totalNanos, count);
        this.p50Nanos = unit.toNanos(h.getValueAtPercentile(50));
        this.p95Nanos = unit.toNanos(h.getValueAtPercentile(95));
        this.p99Nanos = unit.toNanos(h.getValueAtPercentile(99));
        this.p999Nanos = unit.toNanos(h.getValueAtPercentile(99.9));
        this.maxNanos = unit.toNanos(h.getMaxValue());
        this.histogram = Histograms.encode(h);
        this.fingerprintId = null;
        this.statement = null;
        this.origin = null;
        if (perUnit != null) {
            if (perUnit.getTotalCount() != count) {
                throw new IllegalArgumentException("unit of work '" + name + "': its statements histogram holds "
                        + perUnit.getTotalCount() + " units, its database time histogram " + count);
            }
            if (statements < 0) {
                throw new IllegalArgumentException("unit of work '" + name + "': statements cannot be negative, was "
                        + statements);
            }
            this.statementsHistogram = Histograms.encode(perUnit);
            this.p95Statements = perUnit.getValueAtPercentile(95);
            this.maxStatements = perUnit.getMaxValue();
        } else {
            this.statementsHistogram = null;
            this.p95Statements = 0;
            this.maxStatements = 0;
        }
        this.statements = statements;
    }

    /** A copy of {@code s} that says what the name stands for. */
    private QueryStats(QueryStats s, String fingerprintId, String statement, String origin) {
        this.name = s.name;
        this.type = s.type;
        this.count = s.count;
        this.errors = s.errors;
        this.slowCount = s.slowCount;
        this.rows = s.rows;
        this.totalNanos = s.totalNanos;
        this.meanNanos = s.meanNanos;
        this.p50Nanos = s.p50Nanos;
        this.p95Nanos = s.p95Nanos;
        this.p99Nanos = s.p99Nanos;
        this.p999Nanos = s.p999Nanos;
        this.maxNanos = s.maxNanos;
        this.histogramUnit = s.histogramUnit;
        this.histogram = s.histogram;
        this.fingerprintId = fingerprintId;
        this.statement = statement;
        this.origin = origin;
        this.statementsHistogram = s.statementsHistogram;
        this.statements = s.statements;
        this.p95Statements = s.p95Statements;
        this.maxStatements = s.maxStatements;
    }

    /** In longs, not doubles: a day of total time in nanoseconds already has more digits than a double keeps. */
    private static long roundedDivision(long dividend, long divisor) {
        long q = dividend / divisor;
        return dividend % divisor >= divisor - dividend % divisor ? q + 1 : q;
    }

    private void check(long n, String what) {
        if (n < 0 || n > count) {
            throw new IllegalArgumentException(what + " must be between 0 and the count " + count + ", was " + n);
        }
    }

    /**
     * Stats computed from a histogram and the counters that go with it; the count is the histogram's
     * total count. The histogram is copied (encoded), not kept.
     *
     * @param type the query's type, or null for the overflow entry
     * @param rows the sum of the known row counts
     * @param totalNanos the exact sum of the durations
     * @param histogram durations in {@code histogramUnit}
     */
    public static QueryStats of(String name, QueryType type, long errors, long slowCount, long rows, long totalNanos,
                                AbstractHistogram histogram, TimeUnit histogramUnit) {
        return new QueryStats(name, type, errors, slowCount, rows, totalNanos,
                Objects.requireNonNull(histogram, "histogram"), histogramUnit);
    }

    /**
     * Stats of the units of work of one name: database time per unit and statements per unit. The
     * count is the time histogram's total count, which the statements histogram must match. Both are
     * copied (encoded), not kept.
     *
     * @param failed units that failed
     * @param statements the exact sum of the units' statements
     * @param totalNanos the exact sum of the units' database time
     * @param databaseTime database time per unit, in {@code histogramUnit}
     * @param statementsPerUnit statements per unit
     */
    public static QueryStats ofUnitOfWork(String name, long failed, long statements, long totalNanos,
                                          AbstractHistogram databaseTime, AbstractHistogram statementsPerUnit,
                                          TimeUnit histogramUnit) {
        return new QueryStats(name, null, failed, 0, 0, totalNanos, Objects.requireNonNull(databaseTime, "databaseTime"),
                histogramUnit, Objects.requireNonNull(statementsPerUnit, "statementsPerUnit"), statements);
    }

    /**
     * These stats, saying what the name stands for; each argument may be null when unknown.
     *
     * @param fingerprintId the {@linkplain io.querygov.core.SqlFingerprint#id() id} of the statement's fingerprint
     * @param statement the statement's {@linkplain io.querygov.core.SqlFingerprint#normalized() normalized}
     *     text: its shape without values, safe to show
     * @param origin where the query was defined: {@code file:line} or {@code Class#method}
     * @throws IllegalArgumentException when the id is not sixteen lower-case hex digits, or when a
     *     statement comes without its fingerprint id
     */
    public QueryStats withStatement(String fingerprintId, String statement, String origin) {
        if (fingerprintId != null && !fingerprintId.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("query '" + name + "': a fingerprint id is sixteen lower-case hex digits, was '"
                    + fingerprintId + "'");
        }
        if (isUnitOfWork() && (fingerprintId != null || statement != null || origin != null)) {
            throw new IllegalArgumentException("unit of work '" + name + "' has no statement of its own");
        }
        if (statement != null && fingerprintId == null) {
            throw new IllegalArgumentException("query '" + name + "': a statement needs its fingerprint id");
        }
        return new QueryStats(this, fingerprintId, statement, origin);
    }

    public String name() {
        return name;
    }

    /**
     * The id of the statement's fingerprint, sixteen hex digits: the same id {@code querytool} computes
     * for the statements pg_stat_statements reports. Empty for a query with no statement and for the
     * overflow entry.
     */
    public Optional<String> fingerprintId() {
        return Optional.ofNullable(fingerprintId);
    }

    /** The statement's normalized text (its shape, without values), for display. */
    public Optional<String> statement() {
        return Optional.ofNullable(statement);
    }

    /** Where the query was defined: {@code file:line} or {@code Class#method}. */
    public Optional<String> origin() {
        return Optional.ofNullable(origin);
    }

    /**
     * The query's type, or null for the {@linkplain QueryMetrics#OVERFLOW_NAME overflow entry}, which
     * holds queries of any type.
     */
    public QueryType type() {
        return type;
    }

    /**
     * Whether this is the entry that holds every query (or, in {@link MetricsSnapshot#units()}, every
     * unit of work's name) beyond {@link QueryMetrics#maxQueries()}.
     */
    public boolean isOverflow() {
        return isUnitOfWork() ? name.equals(QueryMetrics.OVERFLOW_NAME) : type == null;
    }

    /** Whether these are the stats of a unit of work's name rather than of a query. */
    public boolean isUnitOfWork() {
        return statementsHistogram != null;
    }

    /** For a unit of work: the statements its units ran, in all, exact. 0 for a query. */
    public long statements() {
        return statements;
    }

    /** For a unit of work: {@link #statements()} per unit. 0 for a query. */
    public double meanStatements() {
        return count == 0 ? 0 : (double) statements / count;
    }

    /**
     * For a unit of work: the 95th percentile of statements per unit, exact below 64 and at most 1/32
     * above the exact value beyond. 0 for a query.
     */
    public long p95Statements() {
        return p95Statements;
    }

    /** For a unit of work: the most statements one unit ran (as {@link #p95Statements()}). 0 for a query. */
    public long maxStatements() {
        return maxStatements;
    }

    /** For a unit of work: a new copy of the histogram of statements per unit; empty for a query. */
    public Histogram statementsHistogram() {
        if (statementsHistogram == null) {
            Histogram empty = new Histogram(2);
            empty.setAutoResize(true);
            return empty;
        }
        return Histograms.decode(statementsHistogram);
    }

    // Plain accessors, shaped like every value class's: QueryStats cannot be a record, it keeps its histograms encoded.
    /** Executions, successful or not. */
    public long count() {
        return count;
    }

    /** Executions that threw. */
    public long errors() {
        return errors;
    }

    /** Executions that the slow-query policy called slow. */
    public long slowCount() {
        return slowCount;
    }

    /** The sum of the row counts of the executions whose rows were counted. */
    public long rows() {
        return rows;
    }

    /** The exact sum of the durations. */
    public Duration totalTime() {
        return Duration.ofNanos(totalNanos);
    }

    /** {@link #totalTime()} divided by {@link #count()}, rounded to the nanosecond. */
    public Duration mean() {
        return Duration.ofNanos(meanNanos);
    }

    public Duration p50() {
        return Duration.ofNanos(p50Nanos);
    }

    public Duration p95() {
        return Duration.ofNanos(p95Nanos);
    }

    public Duration p99() {
        return Duration.ofNanos(p99Nanos);
    }

    /** The 99.9th percentile. */
    public Duration p999() {
        return Duration.ofNanos(p999Nanos);
    }

    public Duration max() {
        return Duration.ofNanos(maxNanos);
    }

    /**
     * Any percentile, from 0 to 100. Decodes the histogram on every call: for many, decode it once
     * with {@link #histogram()}.
     */
    public Duration percentile(double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be between 0 and 100, was " + percentile);
        }
        return Duration.ofNanos(histogramUnit.toNanos(histogram().getValueAtPercentile(percentile)));
    }

    /**
     * A new copy of the histogram of durations, in {@link #histogramUnit()}: to export, or to merge with
     * other instances' ({@link Histogram#add}). It resizes itself as values are added. For stats taken
     * from {@link QueryMetrics} it has two significant digits and holds each execution at the highest
     * value of its bucket.
     */
    public Histogram histogram() {
        return Histograms.decode(histogram);
    }

    /** The unit of the values in {@link #histogram()}. */
    public TimeUnit histogramUnit() {
        return histogramUnit;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof QueryStats that
                && name.equals(that.name) && type == that.type && count == that.count && errors == that.errors
                && slowCount == that.slowCount && rows == that.rows && totalNanos == that.totalNanos
                && histogramUnit == that.histogramUnit && Objects.equals(fingerprintId, that.fingerprintId)
                && Objects.equals(statement, that.statement) && Objects.equals(origin, that.origin)
                // encodings of equal histograms may differ in their declared range: compare contents
                && statements == that.statements && isUnitOfWork() == that.isUnitOfWork()
                && (Arrays.equals(histogram, that.histogram) || histogram().equals(that.histogram()))
                && (Arrays.equals(statementsHistogram, that.statementsHistogram)
                        || statementsHistogram().equals(that.statementsHistogram()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, count, errors, totalNanos);
    }

    @Override
    public String toString() {
        if (isUnitOfWork()) {
            return name + " (unit of work): count=" + count + ", failed=" + errors + ", statements=" + statements
                    + ", p95Statements=" + p95Statements + ", maxStatements=" + maxStatements + ", mean=" + mean()
                    + ", p50=" + p50() + ", p95=" + p95() + ", p99=" + p99() + ", max=" + max() + ", total=" + totalTime();
        }
        return name + " (" + (type == null ? "overflow" : type) + "): count=" + count + ", errors=" + errors
                + ", slow=" + slowCount + ", rows=" + rows + ", mean=" + mean() + ", p50=" + p50() + ", p95=" + p95()
                + ", p99=" + p99() + ", p99.9=" + p999() + ", max=" + max() + ", total=" + totalTime();
    }
}
