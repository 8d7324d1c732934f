package io.querygov.bench;

import io.querygov.bench.internal.Bootstrap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A benchmark run compared with a saved one, query by query, for a CI gate: {@link #hasRegression()} is
 * true when a query got slower beyond the tolerance or no longer runs.
 *
 * <p><b>What is compared.</b> By default each query's p95 latency. The median hides the tail that users
 * feel and that plan changes usually move first; p99, p99.9 and max rest on a handful of calls in a
 * benchmark of a few thousand (p99.9 of 2,000 calls is decided by two), so they swing between identical
 * runs and would make a gate flaky. p95 is the highest percentile that most benchmark lengths measure with
 * enough calls behind it. Another statistic can be chosen with
 * {@link #compare(BenchReport, BenchReport, Tolerance, LatencyStatistic)}. In a rate-limited run the latency
 * compared is the corrected one, from each call's intended start.
 *
 * <p><b>Time, with statistics.</b> Each run keeps its latency interval by interval ({@link LatencyIntervals}). The
 * change is the ratio of the median over intervals of the statistic, with a 95% bootstrap interval from resampling
 * each run's intervals (seeded: the same two runs always give the same interval; see the module README for why a
 * bootstrap and not a rank test). The change that counts is beyond both the tolerance and
 * {@link ComparisonCriteria#timeFloor()}: REGRESSION only when the whole interval lies beyond it, {@link
 * Verdict#UNSURE} when the interval straddles it, SAME / SLOWER / FASTER by the point estimate otherwise. A run with
 * fewer than {@value #MIN_INTERVALS} intervals is judged on the point change, a regression then being only UNSURE;
 * a baseline saved without intervals is judged on the point change as before, as follows.
 *
 * <p><b>Point verdicts.</b> With {@code change = (current - baseline) / baseline}: beyond the tolerance is a
 * {@link Verdict#REGRESSION}; within {@value #NOISE_BAND} (5%) either way, or the tolerance if smaller, is
 * {@link Verdict#SAME}, because two runs of the same database benchmark commonly differ by a few percent; in
 * between is {@link Verdict#SLOWER} or {@link Verdict#FASTER}. A query that failed in this run is
 * {@link Verdict#FAILED}, which fails the gate too; one measured now but not in the baseline is
 * {@link Verdict#NEW}; one in the baseline that this run did not measure is {@link Verdict#MISSING}, which
 * does not fail the gate, since a run filtered to a few queries is a normal thing to compare.
 *
 * <p><b>Work.</b> Before time, each query's work per call is compared ({@link WorkComparison}: plan shape, buffers
 * and statements per call on the same sampled values), which machine noise cannot move: a regression of work is a
 * {@link Verdict#REGRESSION} of the query whatever its time says. {@link QueryComparison#timeVerdict()} and
 * {@link QueryComparison#work()} keep each verdict apart.
 *
 * <p>Latencies are only comparable between runs with the same concurrency and rate, and on the same
 * server; {@link #notes()} lists such differences so a tool can print them beside the verdicts.
 */
public final class BaselineComparison {
    /** Changes within 5% either way are the same: run-to-run noise of a database benchmark. */
    public static final double NOISE_BAND = 0.05;
    /** What verdicts are judged by, unless asked otherwise. */
    public static final LatencyStatistic DEFAULT_STATISTIC = LatencyStatistic.P95;
    /** Intervals each run needs, at least, for a confidence interval of its time change. */
    public static final int MIN_INTERVALS = 5;

    private final ComparisonCriteria criteria;
    private final List<QueryComparison> rows;
    private final List<String> notes;

    private BaselineComparison(ComparisonCriteria criteria, List<QueryComparison> rows, List<String> notes) {
        this.criteria = criteria;
        this.rows = List.copyOf(rows);
        this.notes = List.copyOf(notes);
    }

    /** Compares by p95 latency. */
    public static BaselineComparison compare(BenchReport baseline, BenchReport current, Tolerance tolerance) {
        return compare(baseline, current, tolerance, DEFAULT_STATISTIC);
    }

    /** Compares by the given latency statistic, with the other criteria at their defaults. */
    public static BaselineComparison compare(BenchReport baseline, BenchReport current, Tolerance tolerance,
                                             LatencyStatistic statistic) {
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(statistic, "statistic");
        return compare(baseline, current, ComparisonCriteria.defaults().withTolerance(tolerance)
                .withStatistic(statistic));
    }

    /**
     * Compares work and time by these criteria. Rows follow this run's order, then the baseline's queries that this
     * run does not have.
     */
    public static BaselineComparison compare(BenchReport baseline, BenchReport current, ComparisonCriteria criteria) {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(criteria, "criteria");
        Map<String, QueryBenchResult> before = new LinkedHashMap<>();
        baseline.queries().forEach(q -> before.put(q.name(), q));
        List<QueryComparison> rows = new ArrayList<>();
        for (QueryBenchResult now : current.queries()) {
            rows.add(row(before.remove(now.name()), now, criteria));
        }
        for (QueryBenchResult gone : before.values()) {
            rows.add(row(gone, null, criteria));
        }
        return new BaselineComparison(criteria, rows, notes(baseline, current));
    }

    private static QueryComparison row(QueryBenchResult before, QueryBenchResult now, ComparisonCriteria criteria) {
        String name = now != null ? now.name() : before.name();
        LatencyStatistic statistic = criteria.statistic();
        Verdict verdict;
        double change = Double.NaN;
        WorkComparison work;
        Optional<TimeChange> interval = Optional.empty();
        String timeReason;
        if (now != null && now.status() == BenchStatus.FAILED) {
            timeReason = "failed in this run" + now.firstError().map(e -> ": " + e).orElse("");
            verdict = Verdict.FAILED;
            work = new WorkComparison(WorkVerdict.NOT_COMPARED, "failed in this run", work(before), Optional.empty(), 0);
        } else if (now == null || !now.isMeasured()) {
            verdict = Verdict.MISSING;
            timeReason = "in the baseline, not measured in this run";
            work = new WorkComparison(WorkVerdict.NOT_COMPARED, "not measured in this run", work(before),
                    Optional.empty(), 0);
        } else if (before == null || !before.isMeasured()) {
            verdict = Verdict.NEW;
            timeReason = "not measured in the baseline";
            work = new WorkComparison(WorkVerdict.NOT_COMPARED, "not in baseline", Optional.empty(), now.work(), 0);
        } else {
            double b = before.latency().get(statistic);
            double c = now.latency().get(statistic);
            change = b > 0 ? (c - b) / b : (c > 0 ? Double.POSITIVE_INFINITY : 0);
            TimeJudgement t = judgeTime(name, before, now, change, criteria);
            verdict = t.verdict;
            interval = Optional.ofNullable(t.change);
            timeReason = t.reason;
            work = WorkComparison.compare(before.work(), now.work(), criteria);
        }
        Verdict overall = work.verdict().isFailure() && !verdict.isFailure() ? Verdict.REGRESSION : verdict;
        return new QueryComparison(name, overall, statistic, Optional.ofNullable(before), Optional.ofNullable(now),
                change, verdict, work, interval, timeReason);
    }

    private record TimeJudgement(Verdict verdict, TimeChange change, String reason) {
    }

    /**
     * Time, judged by the bootstrap interval of the ratio of per-interval medians when both runs have at least
     * {@value #MIN_INTERVALS} intervals: a regression only when the whole interval lies beyond the tolerance and the
     * absolute floor. With fewer, the point change decides, and what would be a regression is only UNSURE. With none
     * at all (a baseline saved before intervals were kept), the point change decides as it always did.
     */
    private static TimeJudgement judgeTime(String name, QueryBenchResult before, QueryBenchResult now, double change,
                                           ComparisonCriteria criteria) {
        LatencyStatistic statistic = criteria.statistic();
        double[] b = before.intervals().values(statistic);
        double[] a = now.intervals().values(statistic);
        double floorMicros = criteria.timeFloor().toNanos() / 1e3;
        double tolerance = criteria.tolerance().fraction();
        double baseMicros = before.latency().get(statistic);
        String point = String.format(Locale.ROOT, "%s %.3f ms -> %.3f ms (%+.1f%%)", statistic.label(),
                baseMicros / 1e3, now.latency().get(statistic) / 1e3, change * 100);
        if (b.length == 0 || a.length == 0) {
            Verdict v = judge(change, criteria.tolerance(), (now.latency().get(statistic) - baseMicros) > floorMicros);
            return new TimeJudgement(v, null, point + ": " + describe(v, criteria)
                    + " (no per-interval figures in " + (b.length == 0 ? "the baseline" : "this run")
                    + ": judged on the point change)");
        }
        if (b.length < MIN_INTERVALS || a.length < MIN_INTERVALS) {
            Verdict v = judge(change, criteria.tolerance(), (now.latency().get(statistic) - baseMicros) > floorMicros);
            if (v == Verdict.REGRESSION) {
                v = Verdict.UNSURE;
            }
            return new TimeJudgement(v, null, point + ": " + describe(v, criteria) + String.format(Locale.ROOT,
                    " (%d and %d intervals, fewer than %d: run longer for an interval of the change)", b.length,
                    a.length, MIN_INTERVALS));
        }
        double[] r = Bootstrap.ratioOfMedians(b, a, criteria.seed() * 31 + name.hashCode());
        TimeChange tc = new TimeChange(r[0], r[1], r[2], b.length, a.length);
        double baseMedian = medianOf(b);
        // the change that counts: beyond the tolerance, and beyond the floor in absolute terms
        double threshold = Math.max(tolerance, baseMedian > 0 ? floorMicros / baseMedian : 0);
        Verdict v;
        if (tc.low() - 1 > threshold) {
            v = Verdict.REGRESSION;
        } else if (tc.high() - 1 > threshold) {
            v = Verdict.UNSURE;
        } else {
            double band = Math.min(NOISE_BAND, tolerance);
            v = tc.ratio() - 1 > band ? Verdict.SLOWER : tc.ratio() - 1 < -band ? Verdict.FASTER : Verdict.SAME;
        }
        String reason = String.format(Locale.ROOT, "%s; per-interval %s median %.3f ms -> %.3f ms, %s over %d and"
                        + " %d intervals: %s", point, statistic.label(), baseMedian / 1e3, baseMedian * tc.ratio() / 1e3,
                tc, b.length, a.length, describe(v, criteria) + (v == Verdict.UNSURE ? ": run longer" : ""));
        return new TimeJudgement(v, tc, reason);
    }

    private static double medianOf(double[] values) {
        double[] copy = values.clone();
        java.util.Arrays.sort(copy);
        int n = copy.length;
        return n % 2 == 1 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
    }

    private static String describe(Verdict v, ComparisonCriteria criteria) {
        String limit = "the tolerance of " + criteria.tolerance() + " and the floor of "
                + String.format(Locale.ROOT, "%.3f ms", criteria.timeFloor().toNanos() / 1e6);
        return switch (v) {
            case REGRESSION -> "slower beyond " + limit;
            case UNSURE -> "may be slower beyond " + limit;
            case SLOWER -> "slower, within " + limit;
            case FASTER -> "faster beyond the noise band";
            case SAME -> "within the noise band";
            default -> v.name().toLowerCase(Locale.ROOT);
        };
    }

    private static Optional<QueryWork> work(QueryBenchResult result) {
        return result == null ? Optional.empty() : result.work();
    }

    private static Verdict judge(double change, Tolerance tolerance, boolean beyondFloor) {
        double band = Math.min(NOISE_BAND, tolerance.fraction());
        if (change > tolerance.fraction() && beyondFloor) {
            return Verdict.REGRESSION;
        }
        if (change > band) {
            return Verdict.SLOWER;
        }
        if (change < -band) {
            return Verdict.FASTER;
        }
        return Verdict.SAME;
    }

    private static List<String> notes(BenchReport baseline, BenchReport current) {
        List<String> notes = new ArrayList<>();
        BenchOptions b = baseline.options();
        BenchOptions c = current.options();
        if (b.concurrency() != c.concurrency()) {
            notes.add("concurrency differs: baseline " + b.concurrency() + ", this run " + c.concurrency());
        }
        if (!b.rate().equals(c.rate())) {
            notes.add("rate differs: baseline " + rate(b) + ", this run " + rate(c));
        } else if (b.rate().isPresent() && b.arrivals() != c.arrivals()) {
            notes.add("arrivals differ: baseline " + b.arrivals() + ", this run " + c.arrivals());
        }
        if (!b.length().equals(c.length())) {
            notes.add("measured length differs: baseline " + b.length() + ", this run " + c.length());
        }
        baseline.environment().forEach((key, was) -> {
            String is = current.environment().get(key);
            if (is != null && !is.equals(was)) {
                notes.add(key + " differs: baseline " + was + ", this run " + is);
            }
        });
        return notes;
    }

    private static String rate(BenchOptions o) {
        return o.rate().isPresent() ? o.rate().getAsDouble() + "/s" : "unlimited";
    }

    /** One row per query: this run's queries in order, then the baseline's that this run does not have. */
    public List<QueryComparison> rows() {
        return rows;
    }

    /** The row of the query with this name. */
    public Optional<QueryComparison> row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Whether any query regressed beyond the tolerance or failed: what makes a CI gate fail. */
    public boolean hasRegression() {
        return rows.stream().anyMatch(r -> r.verdict().isFailure());
    }

    /** The rows that fail the gate. */
    public List<QueryComparison> failures() {
        return rows.stream().filter(r -> r.verdict().isFailure()).toList();
    }

    /**
     * Differences between the runs that make latencies less comparable: concurrency, rate, measured length,
     * and environment facts both runs recorded with different values (PostgreSQL version, settings, JVM).
     */
    public List<String> notes() {
        return notes;
    }

    // Plain accessors, with the criteria's tolerance and statistic as BenchGate reads them: alike in shape only
    public ComparisonCriteria criteria() {
        return criteria;
    }

    public Tolerance tolerance() {
        return criteria.tolerance();
    }

    public LatencyStatistic statistic() {
        return criteria.statistic();
    }

    @Override
    public String toString() {
        return "BaselineComparison[" + statistic().label() + " within " + tolerance() + ": " + rows.size() + " queries, "
                + failures().size() + " failing]";
    }
}
