package io.querygov.examples;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryRunner;
import io.querygov.core.QueryType;
import io.querygov.core.StatementLanguage;
import io.querygov.examples.reports.OrmReports;
import io.querygov.orm.OrmQueryRunner;
import io.querygov.raw.ParameterTyping;

import java.lang.reflect.RecordComponent;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;

import org.hibernate.SessionFactory;

/**
 * Runs the ORM variants of the example reports, the Java code in {@link OrmReports}, for tools that run queries by
 * descriptor: {@code querytool bench} and {@code compare}. Their descriptors come from {@link #catalog(QueryCatalog)}:
 *
 * <table>
 *   <caption>ORM variants</caption>
 *   <tr><th>name</th><th>what it does</th></tr>
 *   <tr><td>{@code orm.project_analytics.loop}</td><td>finds the project, walks all its jobs</td></tr>
 *   <tr><td>{@code orm.project_analytics.hql}</td><td>one HQL aggregate</td></tr>
 *   <tr><td>{@code orm.monthly_report.loop}</td><td>finds the user, walks each project's jobs (N+1)</td></tr>
 *   <tr><td>{@code orm.project_with_stats.loop}</td><td>a named query, then owner, workflows, jobs per project (N+1)</td></tr>
 *   <tr><td>{@code orm.project_with_stats.hql}</td><td>one HQL aggregate with a subquery</td></tr>
 *   <tr><td>{@code orm.archive_old_jobs.loop}</td><td>loads the jobs, one UPDATE per job at flush</td></tr>
 *   <tr><td>{@code orm.archive_old_jobs.hql}</td><td>one HQL UPDATE</td></tr>
 * </table>
 *
 * <p>Each variant takes its raw SQL twin's parameters (names, types, samplers) and tag {@code compare:<report>}, so a
 * benchmark feeds both the same values. Values may be given typed (UUID, OffsetDateTime or Instant, Integer) or as
 * text, which is read as {@link ParameterTyping#fromText} reads it for the twin's declared type.
 *
 * <p>Each call opens a fresh session and transaction: reads run read-only ({@code SET TRANSACTION READ ONLY}, and the
 * session's entities read-only) and are rolled back; the archive variants run in a transaction that is rolled back
 * unless the runner allows writes. The twin's timeout becomes {@code SET LOCAL statement_timeout}, which bounds each statement, not the
 * whole call. Thread-safe.
 *
 * <p>{@link #fetch} returns the rows of the raw twin as {@code SqlQueryRunner} returns them, column for column and
 * type for type: the values pgjdbc's {@code ResultSet.getObject} gives for the twin's columns (UUID, Long for counts,
 * Double for means and percentiles, String, {@code java.sql.Date} for a date). The archive variants return one row
 * holding the number of jobs archived, as {@code OrmQueryRunner} does for a write; compare writes by {@link #execute}.
 */
public final class ExampleReportRunner implements QueryRunner {

    /** The prefix of every variant's name; then the report, then {@code .loop} or {@code .hql}. */
    public static final String PREFIX = "orm.";
    /** Tag of the variants written as entity loops. */
    public static final String LOOP_TAG = "loop";
    /** Tag of the variants written in HQL. */
    public static final String HQL_TAG = "hql";

    private static final Map<String, Variant> VARIANTS = new HashMap<>();

    static {
        for (Variant v : Variant.values()) {
            VARIANTS.put(v.queryName(), v);
        }
    }

    private final SessionFactory sessionFactory;
    private final boolean allowWrites;

    private ExampleReportRunner(SessionFactory sessionFactory, boolean allowWrites) {
        this.sessionFactory = Objects.requireNonNull(sessionFactory, "sessionFactory");
        this.allowWrites = allowWrites;
    }

    /** A runner that rolls back what the archive variants change. */
    public static ExampleReportRunner create(SessionFactory sessionFactory) {
        return new ExampleReportRunner(sessionFactory, false);
    }

    /** A runner that commits what the archive variants change when {@code allowWrites}, else rolls it back. */
    public static ExampleReportRunner create(SessionFactory sessionFactory, boolean allowWrites) {
        return new ExampleReportRunner(sessionFactory, allowWrites);
    }

    /**
     * The variants' descriptors, built from their raw twins in {@code sqlFiles} (parameters, timeout, compare tag).
     *
     * @throws IllegalArgumentException naming the twin when {@code sqlFiles} lacks one
     */
    public static QueryCatalog catalog(QueryCatalog sqlFiles) {
        QueryCatalog.Builder catalog = QueryCatalog.builder();
        for (Variant v : Variant.values()) {
            QueryDescriptor twin = sqlFiles.find(v.report).orElseThrow(() -> new IllegalArgumentException(
                    "The ORM variant " + v.queryName() + " needs its raw twin '" + v.report + "' in the SQL catalog,"
                            + " which has " + sqlFiles.names()));
            QueryDescriptor.Builder b = QueryDescriptor.builder(v.queryName(), v.type)
                    .statement(StatementLanguage.ENTITY_OPERATION, v.operation)
                    .origin(OrmReports.class.getName() + "#" + v.method)
                    .description("ORM variant of " + v.report + ": " + v.operation)
                    .parameters(twin.parameters())
                    .tag("orm")
                    .tag(v.hql ? HQL_TAG : LOOP_TAG)
                    .tag("compare:" + v.report);
            twin.timeout().ifPresent(b::timeout);
            catalog.add(b.build());
        }
        return catalog.build();
    }

    /** Whether the query is one of the variants: an ENTITY_OPERATION descriptor with a variant's name. */
    @Override
    public boolean supports(QueryDescriptor query) {
        return query.language() == StatementLanguage.ENTITY_OPERATION && VARIANTS.containsKey(query.name());
    }

    /** Runs the variant; returns the rows it reports, or for the archive variants the jobs it archived. */
    @Override
    public long execute(QueryDescriptor query, Map<String, Object> parameters) {
        Object result = run(query, parameters);
        return result instanceof List<?> rows ? rows.size() : (Long) result;
    }

    @Override
    public List<List<Object>> fetch(QueryDescriptor query, Map<String, Object> parameters) {
        Object result = run(query, parameters);
        if (!(result instanceof List<?> records)) {
            return List.of(List.of(result));
        }
        List<List<Object>> rows = new ArrayList<>(records.size());
        for (Object record : records) {
            rows.add(columns((Record) record));
        }
        return Collections.unmodifiableList(rows);
    }

    private Object run(QueryDescriptor query, Map<String, Object> parameters) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(parameters, "parameters");
        Variant variant = supports(query) ? VARIANTS.get(query.name()) : null;
        if (variant == null) {
            throw new IllegalArgumentException("ExampleReportRunner runs the ORM report variants " + VARIANTS.keySet()
                    + "; '" + query.name() + "' (" + query.originOrUnknown() + ") is not one of them");
        }
        Arguments arguments = new Arguments(query, parameters);
        // a read is rolled back, not committed: nothing it did to its pooled session outlives it
        return OrmQueryRunner.inTransaction(sessionFactory, variant.writes, variant.writes && allowWrites,
                query.timeout(), session -> variant.body.apply(new OrmReports(session), arguments));
    }

    /** A report row's components in declaration order (the SQL's column order), typed as pgjdbc returns them. */
    static List<Object> columns(Record record) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Object value;
            try {
                value = components[i].getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + components[i] + " of " + record, e);
            }
            values[i] = value instanceof LocalDate date ? java.sql.Date.valueOf(date) : value;
        }
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    @Override
    public String toString() {
        return "ExampleReportRunner[" + VARIANTS.size() + " ORM report variants, allowWrites=" + allowWrites + "]";
    }

    /** The variants; the type is the highest of the statements each runs (checked by the tests). */
    private enum Variant {
        PROJECT_ANALYTICS_LOOP("project_analytics", false, "projectAnalytics", QueryType.ORM_SIMPLE, false,
                "find Project by project_id; load all its jobs (Project.jobs, lazy); count, mean and p95 of those"
                        + " since `since` in Java",
                (r, a) -> r.projectAnalytics(a.uuid("project_id"), a.instant("since"), a.integer("min_jobs"))),
        PROJECT_ANALYTICS_HQL("project_analytics", true, "projectAnalyticsHql", QueryType.ORM_SIMPLE, false,
                "one HQL select over ReconciliationJob: count(*) filter, avg, percentile_cont within group,"
                        + " group by project, having",
                (r, a) -> r.projectAnalyticsHql(a.uuid("project_id"), a.instant("since"), a.integer("min_jobs"))),
        MONTHLY_REPORT_LOOP("monthly_report", false, "monthlyReport", QueryType.ORM_SIMPLE, false,
                "find User by owner_id; for each of its projects (User.projects) load its jobs (Project.jobs): one"
                        + " statement per project; group by UTC month in Java",
                (r, a) -> r.monthlyReport(a.uuid("owner_id"), a.instant("since"))),
        PROJECT_WITH_STATS_LOOP("project_with_stats", false, "projectWithStats", QueryType.ORM_SIMPLE, false,
                "named query Project.byOwner; per project: its owner, workflows and jobs, a statement each; count and"
                        + " sort in Java",
                (r, a) -> r.projectWithStats(a.uuid("owner_id"), a.instant("since"))),
        PROJECT_WITH_STATS_HQL("project_with_stats", true, "projectWithStatsHql", QueryType.ORM_SIMPLE, false,
                "one HQL select: Project join owner left join jobs, a Workflow count subquery, count filter,"
                        + " group by, order by",
                (r, a) -> r.projectWithStatsHql(a.uuid("owner_id"), a.instant("since"))),
        ARCHIVE_OLD_JOBS_LOOP("archive_old_jobs", false, "archiveOldJobs", QueryType.ORM_SIMPLE, true,
                "HQL select of the jobs to archive; archive() on each entity; flush: one UPDATE per job",
                (r, a) -> r.archiveOldJobs(a.instant("before"))),
        ARCHIVE_OLD_JOBS_HQL("archive_old_jobs", true, "archiveOldJobsHql", QueryType.ORM_SIMPLE, true,
                "one HQL update of ReconciliationJob: set archived where completed, not archived, finished before",
                (r, a) -> r.archiveOldJobsHql(a.instant("before")));

        final String report;
        final boolean hql;
        final String method;
        final QueryType type;
        final boolean writes;
        final String operation;
        final BiFunction<OrmReports, Arguments, Object> body;

        Variant(String report, boolean hql, String method, QueryType type, boolean writes, String operation,
                BiFunction<OrmReports, Arguments, Object> body) {
            this.report = report;
            this.hql = hql;
            this.method = method;
            this.type = type;
            this.writes = writes;
            this.operation = operation;
            this.body = body;
        }

        String queryName() {
            return PREFIX + report + (hql ? ".hql" : ".loop");
        }
    }

    /** A call's parameter values, checked against the descriptor and converted to what OrmReports takes. */
    private static final class Arguments {
        private final QueryDescriptor query;
        private final Map<String, Object> values;

        Arguments(QueryDescriptor query, Map<String, Object> values) {
            this.query = query;
            this.values = values;
            for (String name : values.keySet()) {
                if (query.parameter(name).isEmpty()) {
                    throw new IllegalArgumentException("Query '" + query.name() + "' has no parameter '" + name
                            + "'; its parameters are " + query.parameters().stream().map(QueryParameter::name).toList());
                }
            }
        }

        UUID uuid(String name) {
            Object v = value(name);
            return v instanceof UUID u ? u : wrongType(name, v);
        }

        Instant instant(String name) {
            Object v = value(name);
            if (v instanceof Instant i) {
                return i;
            }
            if (v instanceof OffsetDateTime t) {
                return t.toInstant();
            }
            if (v instanceof ZonedDateTime t) {
                return t.toInstant();
            }
            if (v instanceof Timestamp t) {
                return t.toInstant();
            }
            if (v instanceof LocalDateTime t) {
                return t.toInstant(ZoneOffset.UTC);
            }
            if (v instanceof LocalDate d) {
                return d.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return wrongType(name, v);
        }

        int integer(String name) {
            Object v = value(name);
            if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                return Math.toIntExact(((Number) v).longValue());
            }
            return wrongType(name, v);
        }

        /** The value; text is read as the twin's declared type reads it. */
        private Object value(String name) {
            if (!values.containsKey(name) || values.get(name) == null) {
                throw new IllegalArgumentException("Query '" + query.name() + "' needs a value for parameter '" + name
                        + "'" + (values.containsKey(name) ? ", not null" : ""));
            }
            Object v = values.get(name);
            if (!(v instanceof String text)) {
                return v;
            }
            String declared = query.parameter(name).map(QueryParameter::sqlType).orElse(null);
            try {
                return ParameterTyping.of(declared).fromText(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Parameter '" + name + "' of query '" + query.name() + "': "
                        + e.getMessage(), e);
            }
        }

        private <T> T wrongType(String name, Object v) {
            String declared = query.parameter(name).map(QueryParameter::sqlType).orElse("?");
            throw new IllegalArgumentException("Parameter '" + name + "' of query '" + query.name() + "' is "
                    + declared + "; " + v.getClass().getName() + " " + v + " is not one");
        }
    }
}
