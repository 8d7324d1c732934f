package io.querygov.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * <p><b>Verdicts.</b> With {@code change = (current - baseline) / baseline}: beyond the tolerance is a
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
        if (now != null && now.status() == BenchStatus.FAILED) {
            verdict = Verdict.FAILED;
            work = new WorkComparison(WorkVerdict.NOT_COMPARED, "failed in this run", work(before), Optional.empty(), 0);
        } else if (now == null || !now.isMeasured()) {
            verdict = Verdict.MISSING;
            work = new WorkComparison(WorkVerdict.NOT_COMPARED, "not measured in this run", work(before),
                    Optional.empty(), 0);
        } else if (before == null || !before.isMeasured()) {
            verdict = Verdict.NEW;
            work = new WorkComparison(WorkVerdict.NOT_COMPARED, "not in baseline", Optional.empty(), now.work(), 0);
        } else {
            double b = before.latency().get(statistic);
            double c = now.latency().get(statistic);
            change = b > 0 ? (c - b) / b : (c > 0 ? Double.POSITIVE_INFINITY : 0);
            verdict = judge(change, criteria.tolerance());
            work = WorkComparison.compare(before.work(), now.work(), criteria);
        }
        Verdict overall = work.verdict().isFailure() && !verdict.isFailure() ? Verdict.REGRESSION : verdict;
        return new QueryComparison(name, overall, statistic, Optional.ofNullable(before), Optional.ofNullable(now),
                change, verdict, work);
    }

    private static Optional<QueryWork> work(QueryBenchResult result) {
        return result == null ? Optional.empty() : result.work();
    }

    private static Verdict judge(double change, Tolerance tolerance) {
        double band = Math.min(NOISE_BAND, tolerance.fraction());
        if (change > tolerance.fraction()) {
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
