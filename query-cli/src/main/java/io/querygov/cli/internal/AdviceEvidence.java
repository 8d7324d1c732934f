package io.querygov.cli.internal;

import io.querygov.bench.BenchReport;
import io.querygov.bench.QueryBenchResult;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import io.querygov.core.QueryTracker;
import io.querygov.core.StatementLanguage;
import io.querygov.core.StatementRefusedException;
import io.querygov.inspect.ExplainOptions;
import io.querygov.inspect.ExplainResult;
import io.querygov.inspect.Explainer;
import io.querygov.inspect.IntrospectionException;
import io.querygov.inspect.ParameterSource;
import io.querygov.inspect.PlanNode;
import io.querygov.inspect.advice.Advisor;
import io.querygov.inspect.advice.QueryEvidence.CallStatements;
import io.querygov.inspect.advice.QueryEvidence.Compared;
import io.querygov.inspect.advice.QueryEvidence.Repeat;
import io.querygov.inspect.advice.QueryEvidence.Timing;
import io.querygov.inspect.advice.QueryEvidence;
import io.querygov.orm.HibernateTracking;
import io.querygov.orm.NPlusOneListener;
import io.querygov.orm.RecordedStatement;
import io.querygov.orm.RecordedStatements;
import io.querygov.raw.NamedSql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Gathers what {@code querytool advise} judges, in one place: bench figures (from a saved run or one just made),
 * plans of sampled values, the tables' sizes and primary keys, and the statements one call of an ORM runner sends.
 * When the saved run carries work figures of its own (plans, statements per call), this is where they replace the
 * measurements made here.
 *
 * <p>Nothing here writes: plans are EXPLAINed read-only, reads with ANALYZE in read-only transactions, writes without
 * ANALYZE; ORM calls run through runners that roll back; an index is tried only by {@link #verify}, inside a
 * transaction that is rolled back.
 */
public final class AdviceEvidence {
    private final DataSource readOnly;
    private final DataSource readWrite;
    private final Duration statementTimeout;
    private final Advisor advisor;
    private final int samples;
    private final ParameterSource parameters;
    private final long seed;
    private final HibernateTracking tracking;
    private final Runners trackedRunners;
    private final Consumer<String> notes;
    /** The values each sampled plan was made with, for trying an index on the same ones. */
    private final Map<ExplainResult, Map<String, Object>> valuesOf = new IdentityHashMap<>();

    /**
     * @param readOnly sessions that are read-only by default, for plans and samplers
     * @param readWrite sessions that may write, for {@link #verify} alone
     * @param statementTimeout bounds each EXPLAIN, unless a query's own timeout is shorter
     * @param trackedRunners the runners of the ORM queries over sessions that the given tracking records, e.g.
     *        {@link Workload#trackedRunners}; they must roll back what they write
     * @param samples sets of parameter values per query
     * @param notes where to say what could not be gathered, one line each
     */
    public AdviceEvidence(DataSource readOnly, DataSource readWrite, Duration statementTimeout,
                          Function<HibernateTracking, List<QueryRunner>> trackedRunners, Advisor advisor, int samples,
                          long seed, Consumer<String> notes) {
        this.readOnly = readOnly;
        this.readWrite = readWrite;
        this.statementTimeout = statementTimeout;
        this.advisor = advisor;
        this.samples = samples;
        this.seed = seed;
        this.parameters = ParameterSource.create(readOnly, seed);
        this.tracking = HibernateTracking.builder(QueryTracker.create()).nPlusOneListener(NPlusOneListener.IGNORE)
                .build();
        this.trackedRunners = Runners.of(trackedRunners.apply(tracking));
        this.notes = notes;
    }

    /** Each measured query's figures in a run, by name. */
    public static Map<String, Timing> timings(BenchReport run) {
        Map<String, Timing> out = new HashMap<>();
        for (QueryBenchResult r : run.queries()) {
            if (r.isMeasured()) {
                out.put(r.name(), new Timing(r.calls(), r.latency().p50Micros() / 1e3, r.latency().p95Micros() / 1e3));
            }
        }
        return out;
    }

    /**
     * Each variant of a compare group against the group's reference, its first raw SQL variant (as
     * {@code querytool compare} chooses it), from the same run.
     */
    public static Map<String, Compared> compared(QueryCatalog catalog, Map<String, Timing> timings) {
        Map<String, List<QueryDescriptor>> groups = new LinkedHashMap<>();
        for (QueryDescriptor q : catalog) {
            for (String tag : q.tags()) {
                if (tag.startsWith("compare:")) {
                    groups.computeIfAbsent(tag.substring("compare:".length()), g -> new ArrayList<>()).add(q);
                }
            }
        }
        Map<String, Compared> out = new HashMap<>();
        groups.forEach((group, variants) -> {
            QueryDescriptor reference = variants.stream().filter(q -> !q.type().isOrm()).findFirst()
                    .orElse(variants.get(0));
            Timing ref = timings.get(reference.name());
            if (ref == null || ref.p50Millis() <= 0) {
                return;
            }
            for (QueryDescriptor q : variants) {
                Timing mine = timings.get(q.name());
                if (q != reference && mine != null) {
                    out.put(q.name(), new Compared(group, reference.name(), ref.p50Millis(),
                            mine.p50Millis() / ref.p50Millis()));
                }
            }
        });
        return out;
    }

    /** Plans and statements of one query, with its figures from the run. */
    public QueryEvidence gather(QueryDescriptor query, Timing timing, Compared compared) {
        QueryEvidence e = QueryEvidence.of(query).withTiming(timing).withCompared(compared);
        List<ExplainResult> plans = plans(query);
        if (!plans.isEmpty()) {
            e = e.withPlans(plans, tableRows(plans), primaryKeys(plans));
        }
        if (query.type().isOrm() && trackedRunners.supports(query)) {
            e = e.withCalls(calls(query));
        }
        return e;
    }

    /**
     * The same evidence with each index QG-IX suggests tried: {@code CREATE INDEX} and EXPLAIN with the sample's
     * values in one transaction that is rolled back. CREATE INDEX holds a SHARE lock on the table, which blocks its
     * writers, until the rollback.
     */
    public QueryEvidence verify(QueryEvidence e) {
        Map<String, ExplainResult> trials = new HashMap<>();
        for (Advisor.SuggestedIndex s : advisor.indexSuggestions(e)) {
            Map<String, Object> values = valuesOf.get(s.sample());
            try {
                trials.put(s.suggestion().ddl(), Explainer.create(readWrite).explainWithIndex(e.query(),
                        values, options(e.query(), false), s.suggestion().index()));
            } catch (IntrospectionException failed) {
                notes.accept(e.query().name() + ": trying " + s.suggestion().ddl() + " failed: " + failed.getMessage());
            }
        }
        return trials.isEmpty() ? e : e.withTrials(trials);
    }

    private List<ExplainResult> plans(QueryDescriptor query) {
        if (query.language() != StatementLanguage.SQL || query.statement().isEmpty()) {
            return List.of();
        }
        if (PositionalSql.is(query)) {
            // Hibernate's SQL for a named query: its ? cannot be given values by name; what it costs is in its calls
            return List.of();
        }
        boolean reads = !NamedSql.parse(query.statement().get()).classification().writes();
        List<ExplainResult> out = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            try {
                Map<String, Object> values = parameters.withSeed(seed + i).values(query, Map.of());
                ExplainResult r = Explainer.create(readOnly).explain(query, values, options(query, reads));
                valuesOf.put(r, values);
                out.add(r);
                if (r.genericPlan() == null && i == 0 && r.genericPlanNote() != null
                        && r.genericPlanNote().startsWith("EXPLAIN (GENERIC_PLAN) needs")) {
                    notes.accept(query.name() + ": QG-GP skipped, " + r.genericPlanNote());
                }
            } catch (IntrospectionException | StatementRefusedException failed) {
                notes.accept(query.name() + ": not explained: " + failed.getMessage());
                return out;
            }
        }
        return out;
    }

    /** Reads with ANALYZE and BUFFERS (read-only, rolled back), writes without: they are never run here. */
    private ExplainOptions options(QueryDescriptor query, boolean analyze) {
        Duration timeout = query.timeout().filter(t -> t.compareTo(statementTimeout) < 0).orElse(statementTimeout);
        return ExplainOptions.defaults().withAnalyze(analyze).withBuffers(analyze).withStatementTimeout(timeout)
                .withThresholds(advisor.thresholds().planThresholds());
    }

    private List<CallStatements> calls(QueryDescriptor query) {
        List<CallStatements> out = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            Map<String, Object> values;
            RecordedStatements recorded;
            try {
                values = parameters.withSeed(seed + i).values(query, Map.of());
                recorded = tracking.record(() -> trackedRunners.execute(query, values));
            } catch (Exception failed) {
                notes.accept(query.name() + ": its statements were not counted: " + failed.getMessage());
                return out;
            }
            Map<String, List<RecordedStatement>> byShape = new LinkedHashMap<>();
            long rows = 0;
            for (RecordedStatement s : recorded.statements()) {
                byShape.computeIfAbsent(s.shape().abbreviated(160), k -> new ArrayList<>()).add(s);
                rows += Math.max(0, s.rows());
            }
            List<Repeat> repeats = new ArrayList<>();
            byShape.forEach((shape, runs) -> {
                if (runs.size() > 1) {
                    repeats.add(new Repeat(runs.get(0).name(), shape, runs.size(), runs.get(0).read()));
                }
            });
            repeats.sort(Comparator.comparingInt(Repeat::executions).reversed());
            Map<String, String> shown = new LinkedHashMap<>();
            values.forEach((k, v) -> shown.put(k, String.valueOf(v)));
            out.add(new CallStatements(shown, recorded.size(), rows, repeats));
        }
        return out;
    }

    private Map<String, Long> tableRows(List<ExplainResult> plans) {
        Set<String> tables = relations(plans);
        Map<String, Long> out = new HashMap<>();
        query("SELECT n.nspname || '.' || c.relname, c.reltuples::bigint FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname || '.' || c.relname = ANY (?)",
                tables, rs -> {
                    // reltuples is -1 (14+) or 0 before the first VACUUM or ANALYZE: unknown then
                    if (rs.getLong(2) > 0) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                });
        return out;
    }

    private Set<String> primaryKeys(List<ExplainResult> plans) {
        Set<String> out = new LinkedHashSet<>();
        query("SELECT n.nspname || '.' || i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                + " JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE x.indisprimary AND n.nspname || '.' || t.relname = ANY (?)",
                relations(plans), rs -> out.add(rs.getString(1)));
        return out;
    }

    private static Set<String> relations(List<ExplainResult> plans) {
        Set<String> tables = new LinkedHashSet<>();
        for (ExplainResult r : plans) {
            for (PlanNode n : r.plan().root().flatten()) {
                if (n.relationName() != null && n.schema() != null) {
                    tables.add(n.qualifiedRelation());
                }
            }
        }
        return tables;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Set<String> names, RowReader reader) {
        if (names.isEmpty()) {
            return;
        }
        try (Connection c = readOnly.getConnection()) {
            // in a transaction of its own, rolled back, as every statement the tool runs
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                Array array = c.createArrayOf("text", names.toArray());
                s.setArray(1, array);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            notes.accept("the sizes and keys of " + names + " could not be read: " + e.getMessage());
        }
    }
}
