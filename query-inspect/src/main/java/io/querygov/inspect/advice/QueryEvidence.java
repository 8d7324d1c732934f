package io.querygov.inspect.advice;

import io.querygov.core.QueryDescriptor;
import io.querygov.inspect.ExplainResult;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What is known of one query when the rules judge it. Every part but the query may be missing: a rule that needs a
 * part that is missing stays quiet.
 *
 * @param query the registered query
 * @param timing its figures in a benchmark, or null when it was not measured
 * @param compared how it fared against the reference of its compare group in the same benchmark, or null
 * @param plans its plans, one per sampled set of parameter values (EXPLAIN, with the generic plan where the
 *        server has one); empty for a query that is not SQL, or when it was not explained
 * @param tableRows rows of the tables its plans scan ({@code pg_class.reltuples}) by schema-qualified name
 * @param primaryKeys the primary key indexes of those tables, by schema-qualified index name
 * @param calls the statements each sampled call ran, for a query that runs through an ORM runner; empty otherwise
 * @param trials what the plan became with each suggested index, by {@link IndexSuggestion#ddl()}, when it was
 *        verified; empty when it was not
 */
public record QueryEvidence(QueryDescriptor query, Timing timing, Compared compared, List<ExplainResult> plans,
                            Map<String, Long> tableRows, Set<String> primaryKeys, List<CallStatements> calls,
                            Map<String, ExplainResult> trials) {

    public QueryEvidence {
        Objects.requireNonNull(query, "query");
        plans = List.copyOf(plans);
        tableRows = Map.copyOf(tableRows);
        primaryKeys = Set.copyOf(primaryKeys);
        calls = List.copyOf(calls);
        trials = Collections.unmodifiableMap(new HashMap<>(trials));
    }

    /** Nothing known but the query. */
    public static QueryEvidence of(QueryDescriptor query) {
        return new QueryEvidence(query, null, null, List.of(), Map.of(), Set.of(), List.of(), Map.of());
    }

    public QueryEvidence withTiming(Timing newTiming) {
        return new QueryEvidence(query, newTiming, compared, plans, tableRows, primaryKeys, calls, trials);
    }

    public QueryEvidence withCompared(Compared newCompared) {
        return new QueryEvidence(query, timing, newCompared, plans, tableRows, primaryKeys, calls, trials);
    }

    public QueryEvidence withPlans(List<ExplainResult> newPlans, Map<String, Long> newTableRows,
                                   Set<String> newPrimaryKeys) {
        return new QueryEvidence(query, timing, compared, newPlans, newTableRows, newPrimaryKeys, calls, trials);
    }

    public QueryEvidence withCalls(List<CallStatements> newCalls) {
        return new QueryEvidence(query, timing, compared, plans, tableRows, primaryKeys, newCalls, trials);
    }

    public QueryEvidence withTrials(Map<String, ExplainResult> newTrials) {
        return new QueryEvidence(query, timing, compared, plans, tableRows, primaryKeys, calls, newTrials);
    }

    /**
     * A query's latency in a benchmark.
     *
     * @param calls measured calls
     * @param p50Millis median latency
     * @param p95Millis 95th percentile
     */
    public record Timing(long calls, double p50Millis, double p95Millis) {
    }

    /**
     * A variant's latency against its compare group's reference (the group's first raw SQL variant), measured in
     * the same benchmark.
     *
     * @param group the part of the tag after {@code compare:}
     * @param reference the reference's name
     * @param referenceP50Millis the reference's median latency
     * @param p50Ratio this query's median over the reference's
     */
    public record Compared(String group, String reference, double referenceP50Millis, double p50Ratio) {
        public Compared {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(reference, "reference");
        }
    }

    /**
     * The statements one call of an ORM runner sent.
     *
     * @param parameters the call's parameter values, as text
     * @param statements how many statements it sent
     * @param rows the rows those statements returned or changed, all together, as the driver counted them
     * @param repeats the statement shapes it sent more than once, most repeated first
     */
    public record CallStatements(Map<String, String> parameters, int statements, long rows, List<Repeat> repeats) {
        public CallStatements {
            parameters = Map.copyOf(parameters);
            repeats = List.copyOf(repeats);
        }
    }

    /**
     * One statement shape a call sent more than once.
     *
     * @param name the tracked name it ran under, e.g. {@code load:Project.jobs}
     * @param shape its SQL, abbreviated, without values
     * @param executions how often it ran in the call
     * @param read whether it reads (a write repeated is one UPDATE per entity rather than an N+1 of reads)
     */
    public record Repeat(String name, String shape, int executions, boolean read) {
        public Repeat {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(shape, "shape");
        }
    }
}
