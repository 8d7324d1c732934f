package io.querygov.inspect;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import io.querygov.core.StatementLanguage;
import io.querygov.core.sql.SqlClassification;
import io.querygov.raw.NamedSql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What the database does per call of a registered query, on a fixed set of sampled parameter values: the figures a
 * regression gate can trust, because the same plan on the same data reads the same pages and returns the same rows
 * however busy the machine is.
 *
 * <ul>
 *   <li><b>Values.</b> The first {@link Builder#samples(int)} draws (5 by default) of the query's samplers with the
 *       capture's own seed and its parameter declarations (not its name, so a renamed query keeps its values): the same seed gives the same values in every run, so call {@code i} of a run and call
 *       {@code i} of its baseline are the same call. Each is kept as a digest, never as the values.</li>
 *   <li><b>SQL that reads:</b> {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} in a {@code READ ONLY} transaction
 *       that is rolled back, all calls in one session after one unrecorded call that warms its caches: the plan's
 *       shape (node types, indexes, relations, join order; no costs or estimates),
 *       shared buffers hit + read, and rows.</li>
 *   <li><b>SQL that writes:</b> plain EXPLAIN only, which never runs the statement: the plan's shape.</li>
 *   <li><b>Queries the capture's runner supports</b> (ORM code, Hibernate's named queries): the runner runs each call once, and a {@link StatementCounter}
 *       counts the statements it sent; rows are what the runner returned. Give a runner that rolls back writes.</li>
 * </ul>
 *
 * <p>Capture stops drawing once {@link Builder#budget(Duration)} has passed (the first call always runs), so that
 * a query of seconds does not triple a benchmark; a run and its baseline then compare the calls both made.
 * Thread-safe.
 */
public final class WorkCapture {
    /** Calls captured per query unless told otherwise. */
    public static final int DEFAULT_SAMPLES = 5;

    private final DataSource dataSource;
    private final ParameterSource parameters;
    private final Map<String, String> given;
    private final int samples;
    private final long seed;
    private final Duration budget;
    private final QueryRunner runner;
    private final StatementCounter counter;

    private WorkCapture(Builder b) {
        this.dataSource = b.dataSource;
        this.parameters = b.parameters != null ? b.parameters : ParameterSource.create(b.dataSource, b.seed);
        this.given = Map.copyOf(b.given);
        this.samples = b.samples;
        this.seed = b.seed;
        this.budget = b.budget;
        this.runner = b.runner;
        this.counter = b.counter;
    }

    /**
     * Captures over connections of this data source: give the target's read-only sessions, the capture only reads.
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Captures the query's work.
     *
     * @throws ParameterValueException when a parameter has no value and no sampler
     * @throws IntrospectionException naming the query when EXPLAIN fails
     * @throws Exception what the runner threw, for queries a runner executes
     */
    public CapturedWork capture(QueryDescriptor query) throws Exception {
        Objects.requireNonNull(query, "query");
        // a source of its own per parameter list: the same values for the query whichever queries ran before it,
        // whatever it is called, and for twins that declare the same parameters (an ORM variant and its SQL)
        ParameterSource source = parameters.withSeed(seedFor(query));
        // a runner's query is what the runner runs (ORM code, or SQL Hibernate wrote with ? placeholders)
        boolean viaRunner = runner != null && counter != null && runner.supports(query);
        boolean sql = !viaRunner && query.language() == StatementLanguage.SQL && query.statement().isPresent();
        if (!sql && !viaRunner) {
            return new CapturedWork(List.of(), Optional.of("not SQL, and no runner that counts its statements"));
        }
        SqlClassification classification = sql ? NamedSql.parse(query.statement().get()).classification() : null;
        boolean writes = sql && (classification.writes() || !classification.sideEffects().isEmpty());
        ExplainOptions options = ExplainOptions.defaults().withGenericPlan(false).withAnalyze(!writes)
                .withBuffers(!writes);
        long deadline = System.nanoTime() + budget.toNanos();
        if (!sql) {
            return calls(query, source, deadline, false, null, options);
        }
        try (java.sql.Connection session = dataSource.getConnection()) {
            return calls(query, source, deadline, writes, Explainer.inSession(session), options);
        }
    }

    private CapturedWork calls(QueryDescriptor query, ParameterSource source, long deadline, boolean writes,
                               Explainer explainer, ExplainOptions options) throws Exception {
        boolean sql = explainer != null;
        List<CapturedCall> calls = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            Map<String, Object> values = source.values(query, given);
            String digest = digest(values);
            if (sql) {
                if (i == 0 && !writes) {
                    // once unrecorded, in the same session: what a first call reads into the session's caches
                    // (catalog rows, a PL/pgSQL function's code) is not the query's work, and a service's pooled
                    // connection has it already
                    explainer.explainWork(query, values, options);
                }
                QueryPlan plan = explainer.explainWork(query, values, options).plan();
                PlanNode root = plan.root();
                OptionalLong buffers = !writes && root.buffers() != null
                        ? OptionalLong.of(root.buffers().sharedHit() + root.buffers().sharedRead())
                        : OptionalLong.empty();
                OptionalLong rows = !writes && root.actualRows() != null
                        ? OptionalLong.of(Math.round(root.actualRows() * Math.max(1, root.actualLoops())))
                        : OptionalLong.empty();
                calls.add(new CapturedCall(digest, shape(root), buffers, rows, OptionalLong.empty()));
            } else {
                long[] rows = new long[1];
                long statements = counter.count(() -> rows[0] = runner.execute(query, values));
                calls.add(new CapturedCall(digest, List.of(), OptionalLong.empty(), OptionalLong.of(rows[0]),
                        OptionalLong.of(statements)));
            }
            if (System.nanoTime() - deadline > 0) {
                break;
            }
        }
        Optional<String> note = writes ? Optional.of("writes: plain EXPLAIN, no buffers or rows")
                : calls.size() < samples ? Optional.of(calls.size() + " of " + samples + " calls within the budget of "
                + budget.toMillis() + " ms") : Optional.empty();
        return new CapturedWork(calls, note);
    }

    /** The plan's shape: one line per node, depth first, indented by depth; no costs, estimates or times. */
    public static List<String> shape(PlanNode root) {
        List<String> lines = new ArrayList<>();
        shape(root, 0, lines);
        return lines;
    }

    private static void shape(PlanNode node, int depth, List<String> lines) {
        lines.add("  ".repeat(depth) + label(node));
        for (PlanNode child : node.children()) {
            shape(child, depth + 1, lines);
        }
    }

    /** As {@link PlanNode#label()} without the schema, which the search path decides and a plan does not. */
    static String label(PlanNode n) {
        String label = n.label();
        if (n.schema() != null && n.relationName() != null) {
            label = label.replace(" on " + n.schema() + "." + n.relationName(), " on " + n.relationName());
        }
        return label;
    }

    private long seedFor(QueryDescriptor query) {
        return seed * 1_000_003L + query.parameters().toString().hashCode();
    }

    /** The values as {@code name=value} text, sorted by name, hashed. */
    static String digest(Map<String, Object> values) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(values).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Builds a {@link WorkCapture}. */
    public static final class Builder {
        // shaped like SqlQueryRunner's builder on purpose: each public type configures through a builder of its own
        private final DataSource dataSource;
        private ParameterSource parameters;
        private long seed = 42;
        private Map<String, String> given = Map.of();
        private int samples = DEFAULT_SAMPLES;
        private Duration budget = Duration.ofSeconds(1);
        private QueryRunner runner;
        private StatementCounter counter;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The sampled values' seed; 42 by default. With {@link #parameters}, it reseeds that source per query. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * Where values are drawn: a source whose sample queries already ran (a benchmark's), so they do not run
         * again. Each query draws from {@code source.withSeed(...)} of its own.
         */
        public Builder parameters(ParameterSource source) {
            this.parameters = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Fixed values as text by parameter name, as {@code --param} gives them; they override samplers. */
        public Builder given(Map<String, String> values) {
            this.given = Map.copyOf(values);
            return this;
        }

        /** Calls captured per query, 1 to 100; 5 by default. */
        public Builder samples(int n) {
            if (n < 1 || n > 100) {
                throw new IllegalArgumentException("samples must be between 1 and 100, was " + n);
            }
            this.samples = n;
            return this;
        }

        /** Time after which no further call is captured for a query; the first always is. 1 s by default. */
        public Builder budget(Duration time) {
            Objects.requireNonNull(time, "time");
            if (time.isNegative()) {
                throw new IllegalArgumentException("budget cannot be negative, was " + time);
            }
            this.budget = time;
            return this;
        }

        /**
         * What runs the queries that EXPLAIN cannot (ORM code, SQL written with {@code ?} by Hibernate), and what
         * counts the statements they send; the runner is asked first, so give only runners of such queries, never
         * one of plain SQL, and one that rolls back what it writes.
         */
        public Builder runner(QueryRunner queryRunner, StatementCounter statementCounter) {
            this.runner = Objects.requireNonNull(queryRunner, "queryRunner");
            this.counter = Objects.requireNonNull(statementCounter, "statementCounter");
            return this;
        }

        public WorkCapture build() {
            return new WorkCapture(this);
        }
    }
}
