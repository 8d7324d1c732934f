package io.querygov.cli.internal;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import io.querygov.core.QueryType;
import io.querygov.core.StatementLanguage;
import io.querygov.examples.reports.OrmReports;
import java.lang.reflect.RecordComponent;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;

/**
 * The ORM variants of the examples' reports ({@link OrmReports}: entity loops, and the same report in one HQL
 * statement) as registered queries, each with the parameters and samplers of its SQL twin and the twin's
 * {@code compare:<report>} tag, and a runner that calls them: one session and transaction per call, read-only for
 * the reports, rolled back for the bulk update unless writes are allowed.
 */
final class ExampleReports implements QueryRunner {
    private static final String ORIGIN = OrmReports.class.getName() + "#";

    /** One variant: its name, its twin's name, the method, whether it writes, how it runs. */
    private record Variant(String name, String twin, String method, boolean writes,
                           BiFunction<OrmReports, Map<String, Object>, Object> call) {
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("project_analytics.orm", "project_analytics", "projectAnalytics", false,
                    (r, v) -> r.projectAnalytics(uuid(v, "project_id"), instant(v, "since"), integer(v, "min_jobs"))),
            new Variant("project_analytics.hql", "project_analytics", "projectAnalyticsHql", false,
                    (r, v) -> r.projectAnalyticsHql(uuid(v, "project_id"), instant(v, "since"),
                            integer(v, "min_jobs"))),
            new Variant("monthly_report.orm", "monthly_report", "monthlyReport", false,
                    (r, v) -> r.monthlyReport(uuid(v, "owner_id"), instant(v, "since"))),
            new Variant("project_with_stats.orm", "project_with_stats", "projectWithStats", false,
                    (r, v) -> r.projectWithStats(uuid(v, "owner_id"), instant(v, "since"))),
            new Variant("project_with_stats.hql", "project_with_stats", "projectWithStatsHql", false,
                    (r, v) -> r.projectWithStatsHql(uuid(v, "owner_id"), instant(v, "since"))),
            new Variant("archive_old_jobs.orm", "archive_old_jobs", "archiveOldJobs", true,
                    (r, v) -> r.archiveOldJobs(instant(v, "before"))),
            new Variant("archive_old_jobs.hql", "archive_old_jobs", "archiveOldJobsHql", true,
                    (r, v) -> r.archiveOldJobsHql(instant(v, "before"))));

    private final SessionFactory sessions;
    private final boolean allowWrites;

    ExampleReports(SessionFactory sessions, boolean allowWrites) {
        this.sessions = sessions;
        this.allowWrites = allowWrites;
    }

    /** The variants of the reports in {@code sqlFiles}, each described after its twin. */
    static List<QueryDescriptor> descriptors(QueryCatalog sqlFiles) {
        List<QueryDescriptor> out = new ArrayList<>();
        for (Variant v : VARIANTS) {
            QueryDescriptor twin = sqlFiles.find(v.twin()).orElse(null);
            if (twin == null) {
                continue;
            }
            boolean hql = v.name().endsWith(".hql");
            QueryDescriptor.Builder b = QueryDescriptor.builder(v.name(), QueryType.ORM_SIMPLE)
                    .statement(StatementLanguage.ENTITY_OPERATION, "OrmReports." + v.method() + "(...)")
                    .origin(ORIGIN + v.method())
                    .description((hql ? "in one HQL statement: " : "as an entity loop: ") + v.twin()
                            + " through Hibernate")
                    .parameters(twin.parameters())
                    .tag("orm").tag(hql ? "hql" : "loop");
            twin.tags().stream().filter(t -> t.startsWith("compare:")).forEach(b::tag);
            twin.timeout().ifPresent(b::timeout);
            out.add(b.build());
        }
        return out;
    }

    @Override
    public boolean supports(QueryDescriptor query) {
        return variant(query) != null;
    }

    @Override
    public long execute(QueryDescriptor query, Map<String, Object> parameters) {
        Object result = run(query, parameters);
        return result instanceof Collection<?> c ? c.size() : ((Number) result).longValue();
    }

    /** A report's records as rows of their components, in declaration order; the bulk update as its count. */
    @Override
    public List<List<Object>> fetch(QueryDescriptor query, Map<String, Object> parameters) throws Exception {
        Object result = run(query, parameters);
        if (!(result instanceof Collection<?> records)) {
            return List.of(List.of(result));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Object record : records) {
            List<Object> row = new ArrayList<>();
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                row.add(c.getAccessor().invoke(record));
            }
            rows.add(row);
        }
        return rows;
    }

    private Object run(QueryDescriptor query, Map<String, Object> parameters) {
        Variant v = variant(query);
        if (v == null) {
            throw new IllegalArgumentException("'" + query.name() + "' is not an ORM variant of the examples' reports");
        }
        try (Session session = sessions.openSession()) {
            Transaction tx = session.beginTransaction();
            try {
                session.doWork(connection -> {
                    try (Statement s = connection.createStatement()) {
                        s.execute(v.writes() ? "SET TRANSACTION READ WRITE" : "SET TRANSACTION READ ONLY");
                        if (query.timeout().isPresent()) {
                            s.execute("SET LOCAL statement_timeout = " + query.timeout().get().toMillis());
                        }
                    }
                });
                Object result = v.call().apply(new OrmReports(session), parameters);
                if (v.writes() && allowWrites) {
                    tx.commit();
                } else {
                    tx.rollback();
                }
                return result;
            } catch (RuntimeException e) {
                if (tx.isActive()) {
                    try {
                        tx.rollback();
                    } catch (RuntimeException rollback) {
                        e.addSuppressed(rollback);
                    }
                }
                throw e;
            }
        }
    }

    private static Variant variant(QueryDescriptor query) {
        if (query.language() != StatementLanguage.ENTITY_OPERATION) {
            return null;
        }
        for (Variant v : VARIANTS) {
            if (v.name().equals(query.name())) {
                return v;
            }
        }
        return null;
    }

    private static UUID uuid(Map<String, Object> values, String name) {
        Object v = values.get(name);
        return v instanceof UUID u ? u : UUID.fromString(String.valueOf(v));
    }

    private static Instant instant(Map<String, Object> values, String name) {
        Object v = values.get(name);
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (v instanceof Instant t) {
            return t;
        }
        return OffsetDateTime.parse(String.valueOf(v)).toInstant();
    }

    private static int integer(Map<String, Object> values, String name) {
        Object v = values.get(name);
        return v instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(v));
    }
}
