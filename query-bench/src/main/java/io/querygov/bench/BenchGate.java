package io.querygov.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a CI job runs a benchmark through: it judges a run on its own (a query that failed, or whose calls failed
 * more often than {@link MaxErrorRate} allows) and, given a baseline, against it ({@link BaselineComparison}: a
 * query slower beyond the {@link Tolerance}). It also says when a baseline does not fit the run at all, so that a
 * baseline of another catalog does not pass as "no regression": when no query the baseline measured was run now,
 * or most of them were not.
 *
 * <p>It judges saved runs as well as fresh ones, and reads nothing but the reports: its logic is tested on reports
 * whose figures are given, never on two timed runs of a machine. Immutable and thread-safe.
 */
public final class BenchGate {
    /** Queries named in a message at most: a baseline of 10,000 queries should not print 10,000 names. */
    static final int NAMES_SHOWN = 3;

    // Final fields copied from the builder, as every type built by a builder here has them
    private final MaxErrorRate maxErrorRate;
    private final ComparisonCriteria criteria;
    private final boolean failOnMissing;
    private final boolean strict;
    private final boolean timeFails;

    private BenchGate(Builder b) {
        this.maxErrorRate = b.maxErrorRate;
        this.criteria = b.criteria;
        this.failOnMissing = b.failOnMissing;
        this.strict = b.strict;
        this.timeFails = b.timeFails;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: errors up to 1%, regressions beyond 20% of p95, missing queries reported but not failing. */
    public static BenchGate defaults() {
        return builder().build();
    }

    /** Judges a run on its own: failed queries and error rates. */
    public GateResult judge(BenchReport run) {
        return judge(run, null, Set.of());
    }

    /**
     * Judges a run, and compares it with a baseline.
     *
     * @param baseline the run to compare with, or null for none
     * @param leftOut queries this run left out on purpose, such as those a filter excluded: the baseline's results
     *        for them are neither compared nor missed
     */
    public GateResult judge(BenchReport run, BenchReport baseline, Set<String> leftOut) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(leftOut, "leftOut");
        List<GateProblem> problems = new ArrayList<>();
        for (QueryBenchResult q : run.queries()) {
            if (q.status() == BenchStatus.FAILED) {
                problems.add(problem(GateProblem.Kind.FAILED, q.name(), "failed"
                        + q.firstError().map(e -> ": " + e).orElse("")));
            } else if (q.isMeasured() && maxErrorRate.exceededBy(q.errorRate())) {
                problems.add(problem(GateProblem.Kind.ERROR_RATE, q.name(), String.format(Locale.ROOT,
                        "error rate %s (%,d of %,d measured calls failed) is above the limit of %s",
                        Tolerance.percent(Math.round(q.errorRate() * 1000) / 1000.0), q.errors(), q.calls() + q.errors(),
                        maxErrorRate)));
            }
        }
        Optional<BaselineComparison> comparison = Optional.empty();
        boolean unusable = false;
        if (baseline != null) {
            BenchReport kept = leftOut.isEmpty() ? baseline : new BenchReport(baseline.startedAt(),
                    baseline.finishedAt(), baseline.options(), baseline.environment(),
                    baseline.queries().stream().filter(q -> !leftOut.contains(q.name())).toList());
            BaselineComparison c = BaselineComparison.compare(kept, run, criteria());
            comparison = Optional.of(c);
            for (QueryComparison row : c.rows()) {
                boolean workFailed = row.work().verdict().isFailure();
                if (!timeFails && !workFailed && (row.verdict() == Verdict.REGRESSION || row.verdict() == Verdict.UNSURE)) {
                    // time is printed, never judged: the gate fails on work alone
                    continue;
                }
                if (row.verdict() == Verdict.UNSURE && strict) {
                    problems.add(problem(GateProblem.Kind.UNSURE, row.name(), row.timeReason() + " (--strict)"));
                    continue;
                }
                if (row.verdict() != Verdict.REGRESSION) {
                    continue;
                }
                List<String> reasons = new ArrayList<>();
                if (row.work().verdict().isFailure()) {
                    reasons.add(row.work().reason());
                }
                if (row.timeVerdict() == Verdict.REGRESSION && timeFails) {
                    reasons.add(row.timeReason());
                }
                problems.add(problem(GateProblem.Kind.REGRESSION, row.name(), String.join("; ", reasons)));
            }
            unusable = coverage(kept, run, problems);
            if (baseline.interrupted()) {
                // its queries were measured, but the run they judge would be judged by part of a baseline
                problems.add(new GateProblem(GateProblem.Kind.BASELINE, Optional.empty(), "the baseline is an"
                        + " interrupted run (stopped at " + baseline.finishedAt() + " with "
                        + count(baseline.queries().size(), "query") + " finished): save a run that ran to its end"));
                unusable = true;
            }
        }
        GateResult.Outcome outcome = unusable && !failOnMissing ? GateResult.Outcome.BASELINE_UNUSABLE
                : problems.isEmpty() ? GateResult.Outcome.PASSED : GateResult.Outcome.FAILED;
        return new GateResult(outcome, problems, comparison, maxErrorRate);
    }

    /** Adds what the baseline lacks for this run; true when it does not fit the run at all. */
    private boolean coverage(BenchReport baseline, BenchReport run, List<GateProblem> problems) {
        Set<String> measuredBefore = new LinkedHashSet<>();
        baseline.queries().stream().filter(QueryBenchResult::isMeasured).forEach(q -> measuredBefore.add(q.name()));
        Set<String> ranNow = run.queries().stream()
                .filter(q -> q.isMeasured() || q.status() == BenchStatus.FAILED)
                .map(QueryBenchResult::name).collect(Collectors.toSet());
        List<String> missing = measuredBefore.stream().filter(n -> !ranNow.contains(n)).toList();
        int common = measuredBefore.size() - missing.size();
        boolean unusable = false;
        if (measuredBefore.isEmpty()) {
            problems.add(new GateProblem(GateProblem.Kind.BASELINE, Optional.empty(), "the baseline measured no query"
                    + (baseline.queries().isEmpty() ? "" : " of its " + count(baseline.queries().size(), "query"))
                    + ": there is nothing to compare with"));
            unusable = true;
        } else if (common == 0) {
            problems.add(new GateProblem(GateProblem.Kind.BASELINE, Optional.empty(), String.format(Locale.ROOT,
                    "no query of this run was measured in the baseline (it measured %s, e.g. %s; this run ran %s):"
                            + " is it the baseline of another catalog?", count(measuredBefore.size(), "query"),
                    some(measuredBefore), count(ranNow.size(), "query"))));
            unusable = true;
        } else if (missing.size() * 2 > measuredBefore.size()) {
            problems.add(new GateProblem(GateProblem.Kind.BASELINE, Optional.empty(), String.format(Locale.ROOT,
                    "%,d of the %s the baseline measured were not run now (e.g. %s): is it the baseline of another"
                            + " catalog, or of a run of other queries?", missing.size(),
                    count(measuredBefore.size(), "query"), some(missing))));
            unusable = true;
        }
        if (failOnMissing) {
            for (String name : missing) {
                problems.add(problem(GateProblem.Kind.MISSING, name, "measured in the baseline, not in this run"));
            }
        }
        return unusable;
    }

    private static GateProblem problem(GateProblem.Kind kind, String query, String reason) {
        return new GateProblem(kind, Optional.of(query), reason);
    }

    private static String some(java.util.Collection<String> names) {
        return names.stream().limit(NAMES_SHOWN).collect(Collectors.joining(", "))
                + (names.size() > NAMES_SHOWN ? ", ..." : "");
    }

    private static String count(int n, String noun) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun.replaceAll("y$", "ie") + "s");
    }

    // Plain accessors, with the criteria's tolerance and statistic as BaselineComparison reads them: alike other
    // types' accessors in shape only
    /** What a baseline comparison judges by. */
    public ComparisonCriteria criteria() {
        return criteria;
    }

    public MaxErrorRate maxErrorRate() {
        return maxErrorRate;
    }

    public Tolerance tolerance() {
        return criteria.tolerance();
    }

    public LatencyStatistic statistic() {
        return criteria.statistic();
    }

    public boolean timeFails() {
        return timeFails;
    }

    public boolean strict() {
        return strict;
    }

    public boolean failOnMissing() {
        return failOnMissing;
    }

    @Override
    public String toString() {
        return "BenchGate[errors up to " + maxErrorRate + ", " + statistic().label() + " within " + tolerance()
                + (failOnMissing ? ", missing queries fail" : "") + "]";
    }

    // Shaped like BenchOptions' and BenchmarkEngine's builders on purpose: builders of different public types
    /** Builds a {@link BenchGate}; every setting has a default. */
    public static final class Builder {
        private MaxErrorRate maxErrorRate = MaxErrorRate.DEFAULT;
        /** The baseline comparison's settings, which this builder's tolerance, statistic and floors set. */
        private ComparisonCriteria criteria = ComparisonCriteria.defaults();
        private boolean failOnMissing;
        private boolean strict;
        private boolean timeFails = true;

        private Builder() {
        }

        /**
         * Whether a time regression fails the gate; on by default. Off, time verdicts are still worked out and shown
         * but only work (plan, buffers, statements per call) and failures fail it: for CI machines whose load varies
         * between runs more than any interval from one run can see.
         */
        public Builder timeFails(boolean on) {
            this.timeFails = on;
            return this;
        }

        /** Whether an UNSURE time verdict fails the gate; off by default: UNSURE says "run longer". */
        public Builder strict(boolean on) {
            this.strict = on;
            return this;
        }

        /** Buffers per call a query must add, beyond the tolerance, to regress; 8 by default. */
        public Builder bufferFloor(long buffers) {
            this.criteria = criteria.withBufferFloor(buffers);
            return this;
        }

        /** Time a query's statistic must add, beyond the tolerance, to regress; 0.05 ms by default. */
        public Builder timeFloor(java.time.Duration floor) {
            this.criteria = criteria.withTimeFloor(Objects.requireNonNull(floor, "floor"));
            return this;
        }

        /** The error rate above which a query fails the gate; 1% by default. */
        public Builder maxErrorRate(MaxErrorRate maxErrorRate) {
            this.maxErrorRate = Objects.requireNonNull(maxErrorRate, "maxErrorRate");
            return this;
        }

        /** How much slower than the baseline a query may get; 20% by default. */
        public Builder tolerance(Tolerance tolerance) {
            this.criteria = criteria.withTolerance(Objects.requireNonNull(tolerance, "tolerance"));
            return this;
        }

        /** What is compared with the baseline; p95 by default, see {@link BaselineComparison}. */
        public Builder statistic(LatencyStatistic statistic) {
            this.criteria = criteria.withStatistic(Objects.requireNonNull(statistic, "statistic"));
            return this;
        }

        /**
         * Whether a query the baseline measured and this run did not fails the gate, and a baseline that does not
         * fit the run is a failure rather than a usage problem; off by default, since a run of a few queries is a
         * normal thing to compare.
         */
        public Builder failOnMissing(boolean failOnMissing) {
            this.failOnMissing = failOnMissing;
            return this;
        }

        public BenchGate build() {
            return new BenchGate(this);
        }
    }
}
