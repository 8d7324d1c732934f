package io.querygov.cli.dashboard;

import io.querygov.bench.BenchOptions;
import io.querygov.bench.BenchParameters;
import io.querygov.cli.internal.PositionalSql;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import io.querygov.core.QueryType;
import io.querygov.core.SlowQueryPolicy;
import io.querygov.core.StatementLanguage;
import io.querygov.inspect.CheckResult;
import io.querygov.inspect.ExplainOptions;
import io.querygov.inspect.ExplainResult;
import io.querygov.inspect.Explainer;
import io.querygov.inspect.ParameterSource;
import io.querygov.inspect.StatementChecker;
import io.querygov.raw.NamedSql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * What the dashboard's pages show and do, over one target: the sampled pg_stat_statements, the catalog with its
 * check results, plans asked for, and benchmarks. Everything runs on the target's read-only sessions, through the
 * runners the other commands use; EXPLAIN ANALYZE only of statements that read, and always rolled back.
 * Thread-safe.
 */
public final class Dashboard implements AutoCloseable {
    private final QueryCatalog catalog;
    private final String target;
    private final DataSource readOnly;
    private final Duration statementTimeout;
    private final long seed;
    private final StatementSampler sampler;
    private final BenchJobs benches;
    private final SlowQueryPolicy slow;
    private final UnaryOperator<String> redactor;
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();
    private volatile Checks checks;

    /**
     * @param target what the dashboard looks at, safe to show
     * @param readOnly the target's read-only sessions
     * @param runner runs benchmarked queries (writes rolled back)
     * @param environment facts of the target for benchmark results
     * @param redactor applied to every text from the target or a catalog before it is shown
     */
    public Dashboard(QueryCatalog catalog, String target, DataSource readOnly, Duration statementTimeout,
                     StatementSampler sampler, QueryRunner runner, BenchParameters parameters, BenchOptions benchOptions,
                     Map<String, String> environment, long seed, UnaryOperator<String> redactor) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.target = target;
        this.readOnly = readOnly;
        this.statementTimeout = statementTimeout;
        this.seed = seed;
        this.sampler = sampler;
        this.slow = SlowQueryPolicy.defaults();
        this.redactor = redactor;
        this.benches = new BenchJobs(runner, parameters, benchOptions, environment, redactor);
    }

    QueryCatalog catalog() {
        return catalog;
    }

    String target() {
        return target;
    }

    StatementSampler.History history() {
        return sampler.history();
    }

    BenchJobs benches() {
        return benches;
    }

    SlowQueryPolicy slowQueries() {
        return slow;
    }

    String redact(String text) {
        return text == null ? null : redactor.apply(text);
    }

    /** Whether EXPLAIN ANALYZE may run the query: SQL that only reads. */
    static boolean reads(QueryDescriptor query) {
        return query.language() == StatementLanguage.SQL && query.statement().isPresent()
                && query.type() != QueryType.RAW_SQL_BULK && !NamedSql.parse(query.statement().get()).writes();
    }

    /** The check of every registered statement, done once on first use and again when asked. */
    Checks checks() {
        Checks c = checks;
        if (c == null) {
            synchronized (this) {
                c = checks;
                if (c == null) {
                    c = check();
                }
            }
        }
        return c;
    }

    synchronized Checks recheck() {
        return check();
    }

    private Checks check() {
        Checks c;
        try {
            c = new Checks(Instant.now(), StatementChecker.create(readOnly).check(catalog), null);
        } catch (RuntimeException e) {
            c = new Checks(Instant.now(), List.of(), redact(e.getMessage()));
        }
        checks = c;
        return c;
    }

    /** The plan last asked for, if any. */
    Optional<Plan> plan(String queryName) {
        return Optional.ofNullable(plans.get(queryName));
    }

    /** Explains the query with values drawn from its samplers; with ANALYZE only when it reads. */
    Plan explain(QueryDescriptor query, boolean analyze) {
        Plan plan;
        if (analyze && !reads(query)) {
            plan = new Plan(Instant.now(), true, null, "EXPLAIN ANALYZE runs the statement, so the dashboard runs it"
                    + " only for statements that read; " + query.name() + " writes");
        } else if (PositionalSql.is(query)) {
            plan = new Plan(Instant.now(), analyze, null, query.name() + " is registered with positional ?"
                    + " parameters, which cannot be given values by name: explain its SQL file twin if it has one");
        } else {
            try {
                Map<String, Object> values = ParameterSource.create(readOnly, seed).values(query, Map.of());
                Duration timeout = query.timeout().filter(t -> t.compareTo(statementTimeout) < 0)
                        .orElse(statementTimeout);
                ExplainOptions options = ExplainOptions.defaults().withAnalyze(analyze).withBuffers(analyze)
                        .withStatementTimeout(timeout);
                // read-only sessions even for ANALYZE: the server refuses a write that the classifier missed
                ExplainResult result = Explainer.create(readOnly).explain(query, values, options);
                plan = new Plan(Instant.now(), analyze, result, null);
            } catch (RuntimeException e) {
                plan = new Plan(Instant.now(), analyze, null, redact(e.getMessage()));
            }
        }
        plans.put(query.name(), plan);
        return plan;
    }

    @Override
    public void close() {
        benches.close();
        sampler.close();
    }

    /**
     * A plan asked for, or why there is none.
     *
     * @param result the plan, or null
     * @param problem why there is no plan, or null
     */
    record Plan(Instant at, boolean analyze, ExplainResult result, String problem) {
    }

    /** Check results of the catalog, or why the check could not run. */
    record Checks(Instant at, List<CheckResult> results, String problem) {
        Optional<CheckResult> of(String queryName) {
            return results.stream().filter(r -> r.query().equals(queryName)).findFirst();
        }
    }
}
