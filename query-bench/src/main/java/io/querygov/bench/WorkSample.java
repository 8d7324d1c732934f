package io.querygov.bench;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the database did for one call of a query on one set of sampled parameter values. Machine noise cannot move
 * these figures: the same plan on the same data touches the same pages and returns the same rows however busy the
 * machine is, which is why the gate judges them before it judges time.
 *
 * @param valuesDigest a short digest of the parameter values (never the values themselves, which may be anybody's
 *        data), so that two runs can tell whether they sampled the same values
 * @param plan the plan's shape, one line per node in depth-first order, indented two spaces per level: node type,
 *        index and relation ({@code Index Scan using pgbench_accounts_pkey on pgbench_accounts}); no costs, estimates
 *        or timings. Empty when no plan was captured (a query that is not SQL)
 * @param buffers shared buffers hit plus read by the call (EXPLAIN ANALYZE, BUFFERS), when measured
 * @param rows rows the call returned or changed, when measured
 * @param statements statements the call sent, for queries run through a runner that records them (ORM code)
 */
public record WorkSample(String valuesDigest, List<String> plan, OptionalLong buffers, OptionalLong rows,
                         OptionalLong statements) {

    public WorkSample {
        Objects.requireNonNull(valuesDigest, "valuesDigest");
        plan = List.copyOf(plan);
        Objects.requireNonNull(buffers, "buffers");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(statements, "statements");
        for (OptionalLong v : List.of(buffers, rows, statements)) {
            if (v.isPresent() && v.getAsLong() < 0) {
                throw new IllegalArgumentException("buffers, rows and statements cannot be negative, were " + buffers
                        + ", " + rows + ", " + statements);
            }
        }
    }
}
