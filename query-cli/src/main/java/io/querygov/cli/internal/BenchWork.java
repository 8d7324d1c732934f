package io.querygov.cli.internal;

import io.querygov.bench.BenchOptions;
import io.querygov.bench.QueryWork;
import io.querygov.bench.WorkProbe;
import io.querygov.bench.WorkSample;
import io.querygov.core.QueryRunner;
import io.querygov.inspect.CapturedCall;
import io.querygov.inspect.CapturedWork;
import io.querygov.inspect.WorkCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The bench's work probe: query-inspect's {@link WorkCapture} on the target's read-only sessions, its findings as
 * query-bench's {@link QueryWork}. Runner queries (the examples' ORM code) run through runners that roll back every
 * write, whatever {@code --allow-writes} says: the capture must add nothing to the target.
 */
public final class BenchWork {
    /** A capture may take this share of the query's measured time before it stops drawing more values. */
    static final double BUDGET_SHARE = 0.1;
    /** What a capture may take, at least, and when the run is measured by calls rather than time. */
    static final Duration MIN_BUDGET = Duration.ofMillis(100);

    private BenchWork() {
    }

    /**
     * @param readOnly the target's read-only sessions
     * @param values the run's parameter values, whose sample queries have run
     * @param rollbackRunner runs queries that are not SQL with every write rolled back, or null for none
     * @param counter counts the statements those send, or null
     */
    public static WorkProbe probe(DataSource readOnly, BenchValues values, long seed, Map<String, String> given,
                                  int samples, BenchOptions options, QueryRunner rollbackRunner,
                                  io.querygov.inspect.StatementCounter counter) {
        WorkCapture.Builder b = WorkCapture.builder(readOnly).parameters(values.source()).seed(seed).given(given)
                .samples(samples).budget(budget(options));
        if (rollbackRunner != null && counter != null) {
            b.runner(rollbackRunner, counter);
        }
        WorkCapture capture = b.build();
        Duration budget = budget(options);
        boolean sqlOnly = rollbackRunner == null || counter == null;
        return (query, measured) -> {
            double p50Millis = measured.latency().p50Micros() / 1e3;
            boolean runs = !sqlOnly && rollbackRunner.supports(query) || writesNothing(query);
            if (runs && p50Millis > budget.toMillis()) {
                // one more call of a query this slow would cost more than the whole capture may
                return Optional.of(QueryWork.none(String.format(java.util.Locale.ROOT, "not captured: a call takes"
                        + " %.0f ms (p50), more than the capture's budget of %d ms (10%% of --duration)", p50Millis,
                        budget.toMillis()), 0));
            }
            return Optional.of(toWork(capture.capture(query)));
        };
    }

    /** A plain read, which the capture runs under EXPLAIN ANALYZE; a write it only explains, at no cost. */
    private static boolean writesNothing(io.querygov.core.QueryDescriptor query) {
        if (query.language() != io.querygov.core.StatementLanguage.SQL || query.statement().isEmpty()) {
            return false;
        }
        io.querygov.core.sql.SqlClassification c = io.querygov.raw.NamedSql.parse(query.statement().get())
                .classification();
        return !c.writes() && c.sideEffects().isEmpty();
    }

    static Duration budget(BenchOptions options) {
        if (options.length() instanceof BenchOptions.Length.ForDuration d) {
            Duration share = Duration.ofNanos((long) (d.duration().toNanos() * BUDGET_SHARE));
            return share.compareTo(MIN_BUDGET) > 0 ? share : MIN_BUDGET;
        }
        return MIN_BUDGET;
    }

    static QueryWork toWork(CapturedWork work) {
        List<WorkSample> samples = work.calls().stream().map(BenchWork::sample).toList();
        // the engine times the capture itself
        return new QueryWork(samples, work.note(), 0);
    }

    private static WorkSample sample(CapturedCall c) {
        return new WorkSample(c.valuesDigest(), c.planShape(), c.buffers(), c.rows(), c.statements());
    }
}
