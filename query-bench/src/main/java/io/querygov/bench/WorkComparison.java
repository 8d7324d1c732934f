package io.querygov.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * One query's work per call compared with its baseline's, sample by sample: sample {@code i} of both runs ran on the
 * same values (their digests say so), so a difference is the database's, never the machine's.
 *
 * <ul>
 *   <li>A changed plan shape on any sample is a {@link WorkVerdict#REGRESSION}: the reason names the first node that
 *       differs, {@code plan changed: Index Scan using pgbench_accounts_pkey on pgbench_accounts -> Seq Scan on
 *       pgbench_accounts}. A new plan may be better, but it is a change a person should look at before it ships.</li>
 *   <li>Shared buffers per call (the mean over the samples) beyond the tolerance <em>and</em> at least
 *       {@link ComparisonCriteria#bufferFloor()} more is a regression: 3 buffers becoming 4 is +33% and nothing.</li>
 *   <li>More statements per call on any sample is a regression: that is how an N+1 shows.</li>
 *   <li>Rows per call are shown, never judged: other rows are other data, not slower code.</li>
 * </ul>
 *
 * @param verdict what the comparison found
 * @param reason the verdict in words, with the figures before and after: {@code buffers/call 4 -> 16,394}
 * @param baseline the baseline's work, if it has any
 * @param current this run's work, if it has any
 * @param compared samples compared: those both runs captured on the same values
 */
public record WorkComparison(WorkVerdict verdict, String reason, Optional<QueryWork> baseline,
                             Optional<QueryWork> current, int compared) {

    public WorkComparison {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(current, "current");
    }

    /** Compares the work of one query in two runs. */
    public static WorkComparison compare(Optional<QueryWork> before, Optional<QueryWork> after,
                                         ComparisonCriteria criteria) {
        Objects.requireNonNull(criteria, "criteria");
        if (before.isEmpty()) {
            return notCompared("not in baseline", before, after);
        }
        if (after.isEmpty()) {
            return notCompared("not captured in this run", before, after);
        }
        QueryWork b = before.get();
        QueryWork a = after.get();
        if (b.samples().isEmpty()) {
            return notCompared("not captured in the baseline" + b.note().map(n -> ": " + n).orElse(""), before, after);
        }
        if (a.samples().isEmpty()) {
            return notCompared("not captured in this run" + a.note().map(n -> ": " + n).orElse(""), before, after);
        }
        List<WorkSample[]> pairs = new ArrayList<>();
        for (int i = 0; i < Math.min(b.samples().size(), a.samples().size()); i++) {
            WorkSample x = b.samples().get(i);
            WorkSample y = a.samples().get(i);
            if (x.valuesDigest().equals(y.valuesDigest())) {
                pairs.add(new WorkSample[] {x, y});
            }
        }
        if (pairs.isEmpty()) {
            return notCompared("the sampled parameter values differ from the baseline's (other data, or another"
                    + " --seed): nothing to compare", before, after);
        }
        List<String> regressions = new ArrayList<>();
        List<String> less = new ArrayList<>();
        List<String> same = new ArrayList<>();

        int changedPlans = 0;
        String firstChange = null;
        for (WorkSample[] p : pairs) {
            if (!p[0].plan().isEmpty() && !p[1].plan().isEmpty() && !p[0].plan().equals(p[1].plan())) {
                changedPlans++;
                if (firstChange == null) {
                    firstChange = planChange(p[0].plan(), p[1].plan());
                }
            }
        }
        boolean anyPlans = pairs.stream().anyMatch(p -> !p[0].plan().isEmpty() && !p[1].plan().isEmpty());
        if (changedPlans > 0) {
            regressions.add("plan changed: " + firstChange + (changedPlans < pairs.size()
                    ? String.format(Locale.ROOT, " (%d of %d sampled values)", changedPlans, pairs.size()) : ""));
        } else if (anyPlans) {
            same.add("same plan");
        }

        OptionalDouble[] buffers = means(pairs, WorkSample::buffers);
        if (buffers != null) {
            double x = buffers[0].getAsDouble();
            double y = buffers[1].getAsDouble();
            String text = "buffers/call " + figure(x) + " -> " + figure(y);
            double tolerance = criteria.tolerance().fraction();
            if (y > x * (1 + tolerance) && y - x >= criteria.bufferFloor()) {
                regressions.add(text);
            } else if (y < x * (1 - Math.min(tolerance, 0.5)) && x - y >= criteria.bufferFloor()) {
                less.add(text);
            } else {
                same.add(text);
            }
        }
        OptionalDouble[] statements = means(pairs, WorkSample::statements);
        if (statements != null) {
            boolean more = false;
            boolean fewer = false;
            for (WorkSample[] p : pairs) {
                if (p[0].statements().isPresent() && p[1].statements().isPresent()) {
                    more |= p[1].statements().getAsLong() > p[0].statements().getAsLong();
                    fewer |= p[1].statements().getAsLong() < p[0].statements().getAsLong();
                }
            }
            String text = "statements/call " + figure(statements[0].getAsDouble()) + " -> "
                    + figure(statements[1].getAsDouble());
            (more ? regressions : fewer ? less : same).add(text);
        }
        OptionalDouble[] rows = means(pairs, WorkSample::rows);
        String rowText = rows == null ? null
                : "rows/call " + figure(rows[0].getAsDouble()) + " -> " + figure(rows[1].getAsDouble());
        WorkVerdict verdict = !regressions.isEmpty() ? WorkVerdict.REGRESSION
                : !less.isEmpty() ? WorkVerdict.LESS : WorkVerdict.SAME;
        List<String> parts = new ArrayList<>(regressions);
        parts.addAll(less);
        parts.addAll(same);
        if (parts.isEmpty()) {
            return notCompared("no figure captured in both runs", before, after);
        }
        if (rowText != null) {
            parts.add(rowText);
        }
        return new WorkComparison(verdict, String.join("; ", parts), before, after, pairs.size());
    }

    private static WorkComparison notCompared(String reason, Optional<QueryWork> before, Optional<QueryWork> after) {
        return new WorkComparison(WorkVerdict.NOT_COMPARED, reason, before, after, 0);
    }

    /** The first node that differs, as {@code old -> new}; a plan that ends early shows as {@code (none)}. */
    static String planChange(List<String> before, List<String> after) {
        int i = 0;
        while (i < before.size() && i < after.size() && before.get(i).equals(after.get(i))) {
            i++;
        }
        String was = i < before.size() ? before.get(i).strip() : "(no node)";
        String is = i < after.size() ? after.get(i).strip() : "(no node)";
        return was + " -> " + is;
    }

    /** The mean of a figure over the pairs that have it in both runs, or null when none has. */
    private static OptionalDouble[] means(List<WorkSample[]> pairs, Function<WorkSample, OptionalLong> figure) {
        long n = 0;
        double x = 0;
        double y = 0;
        for (WorkSample[] p : pairs) {
            OptionalLong b = figure.apply(p[0]);
            OptionalLong a = figure.apply(p[1]);
            if (b.isPresent() && a.isPresent()) {
                n++;
                x += b.getAsLong();
                y += a.getAsLong();
            }
        }
        return n == 0 ? null : new OptionalDouble[] {OptionalDouble.of(x / n), OptionalDouble.of(y / n)};
    }

    /** {@code 4}, {@code 16,394}, {@code 2.6}: whole numbers as such, means to one decimal. */
    static String figure(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }
}
