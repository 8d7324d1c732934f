package io.querygov.orm;

import io.querygov.core.ParameterSampler;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryGovException;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryType;
import io.querygov.orm.internal.JoinCounter;
import io.querygov.orm.internal.NamedQueries;
import io.querygov.orm.internal.ParameterValues;
import io.querygov.orm.internal.SqlCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hibernate.SessionFactory;

/**
 * The named queries of an entity model ({@code @NamedQuery}, {@code @NamedNativeQuery}, orm.xml) as a
 * {@link QueryCatalog}, so that {@code querytool} can list, check, explain and bench them like SQL
 * files. Each descriptor's statement is the SQL Hibernate sends for the query (for HQL, found by
 * letting Hibernate prepare it on a connection that only records it), typed ORM_SIMPLE or ORM_COMPLEX
 * by its joins; an HQL query keeps its HQL in the description.
 *
 * <p>Declare how a benchmark samples a parameter with a query hint, in the syntax of
 * {@link ParameterSampler}'s {@code toString}:
 *
 * <pre>{@code
 * @NamedQuery(name = "Project.byOwner", query = "from Project p where p.owner.id = :ownerId",
 *         hints = {@QueryHint(name = "querygov.param.ownerId", value = "sample: select id from app_user"),
 *                  @QueryHint(name = "querygov.tags", value = "dashboard")})
 * }</pre>
 *
 * Samplers: {@code sample: <SQL returning one column>}, {@code values: a, b, c}, {@code range: 1..100}.
 * Hibernate keeps only the hints it knows, so these are read from the annotations on the managed
 * classes: a query declared in {@code orm.xml} gets none. A descriptor's origin is the class that
 * declares the query.
 */
public final class OrmQueryCatalog {
    /** Hint prefix that declares a parameter's sampler: {@code querygov.param.<name>}. */
    // public names, one a line, that mappings and catalogs are written against, as MeterNames' are
    public static final String PARAMETER_HINT_PREFIX = "querygov.param.";
    /** Hint that adds tags, separated by commas. */
    public static final String TAGS_HINT = "querygov.tags";
    /** Tag on every descriptor from this catalog, and on HQL or native ones respectively. */
    public static final String ORM_TAG = "orm";
    public static final String HQL_TAG = "hql";
    public static final String NATIVE_TAG = "native";

    private OrmQueryCatalog() {
    }

    /** The factory's named queries, sorted by name, classified with the default join threshold. */
    public static QueryCatalog of(SessionFactory sessionFactory) {
        return of(sessionFactory, QueryType.COMPLEX_JOIN_THRESHOLD);
    }

    /**
     * The factory's named queries, sorted by name.
     *
     * @throws QueryGovException naming the query when one cannot be translated or a hint is malformed
     */
    public static QueryCatalog of(SessionFactory sessionFactory, int complexJoinThreshold) {
        Objects.requireNonNull(sessionFactory, "sessionFactory");
        if (complexJoinThreshold < 1) {
            throw new IllegalArgumentException("complexJoinThreshold must be at least 1, was " + complexJoinThreshold);
        }
        QueryCatalog.Builder catalog = QueryCatalog.builder();
        for (NamedQueries.Named named : NamedQueries.list(sessionFactory)) {
            catalog.add(describe(sessionFactory, named, complexJoinThreshold));
        }
        return catalog.build();
    }

    private static QueryDescriptor describe(SessionFactory sessionFactory, NamedQueries.Named named, int threshold) {
        SqlCapture.Translation translation;
        try {
            translation = SqlCapture.translate(sessionFactory, named.name());
        } catch (RuntimeException e) {
            throw new QueryGovException("Cannot find the SQL of named query '" + named.name() + "': "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                    + ". Check the query against the entity model.", e);
        }
        String sql = named.isNative() ? named.sql() : translation.namedSql();
        QueryDescriptor.Builder b = QueryDescriptor.builder(named.name(),
                        QueryType.forOrmJoins(JoinCounter.count(sql), threshold))
                .sql(sql)
                .tag(ORM_TAG)
                .tag(named.isNative() ? NATIVE_TAG : HQL_TAG);
        if (!named.isNative()) {
            b.description("HQL: " + named.hql());
        }
        if (named.origin() != null) {
            b.origin(named.origin());
        }
        if (named.timeoutSeconds() != null && named.timeoutSeconds() > 0) {
            b.timeout(Duration.ofSeconds(named.timeoutSeconds()));
        }
        Map<String, Object> hints = named.hints();
        List<String> declared = new ArrayList<>();
        for (SqlCapture.Parameter p : translation.parameters()) {
            declared.add(p.name());
            Object hint = hints.get(PARAMETER_HINT_PREFIX + p.name());
            b.parameter(new QueryParameter(p.name(), ParameterValues.sqlType(p.javaType()),
                    hint == null ? ParameterSampler.NONE : sampler(named.name(), p.name(), hint.toString())));
        }
        for (String key : hints.keySet()) {
            if (key.startsWith(PARAMETER_HINT_PREFIX) && !declared.contains(key.substring(PARAMETER_HINT_PREFIX.length()))) {
                throw new QueryGovException("Named query '" + named.name() + "' has a hint " + key
                        + " for a parameter it does not declare; its parameters are " + declared);
            }
        }
        Object tags = hints.get(TAGS_HINT);
        if (tags != null) {
            Arrays.stream(tags.toString().split(",")).map(String::trim).filter(t -> !t.isEmpty()).forEach(b::tag);
        }
        return b.build();
    }

    /** Reads {@code sample: SQL}, {@code values: a, b} or {@code range: 1..9}. */
    static ParameterSampler sampler(String query, String parameter, String hint) {
        String text = hint.trim();
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon).trim();
        String body = colon < 0 ? "" : text.substring(colon + 1).trim();
        try {
            switch (kind) {
                case "sample":
                    return new ParameterSampler.FromQuery(body);
                case "values":
                    return new ParameterSampler.FromValues(Arrays.stream(body.split(",")).map(String::trim).toList());
                case "range":
                    int dots = body.indexOf("..");
                    if (dots > 0) {
                        return new ParameterSampler.FromRange(Long.parseLong(body.substring(0, dots).trim()),
                                Long.parseLong(body.substring(dots + 2).trim()));
                    }
                    break;
                default:
                    break;
            }
        } catch (IllegalArgumentException e) {
            throw new QueryGovException("Named query '" + query + "', hint " + PARAMETER_HINT_PREFIX + parameter
                    + "='" + hint + "': " + e.getMessage(), e);
        }
        throw new QueryGovException("Named query '" + query + "', hint " + PARAMETER_HINT_PREFIX + parameter
                + "='" + hint + "' is not a sampler: write 'sample: <SQL returning one column>', 'values: a, b, c'"
                + " or 'range: 1..100'");
    }
}
