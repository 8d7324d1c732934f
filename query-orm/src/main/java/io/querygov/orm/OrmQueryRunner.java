package io.querygov.orm;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryGovException;
import io.querygov.core.QueryRunner;
import io.querygov.core.QueryType;
import io.querygov.core.UnknownQueryException;
import io.querygov.orm.internal.NamedQueries;
import io.querygov.orm.internal.ParameterValues;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.hibernate.Hibernate;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.query.CommonQueryContract;
import org.hibernate.query.MutationQuery;
import org.hibernate.query.SelectionQuery;
import org.hibernate.query.QueryParameter;

/**
 * Runs a factory's named queries for the benchmark engine and other tools, through Hibernate, so
 * what is measured is what the service runs: one session and one transaction per call. Reads run in
 * a {@code READ ONLY} transaction that is rolled back, so nothing a read does to its session outlives
 * it; a query that writes runs in a transaction that is rolled back,
 * unless the runner was built with {@link Builder#allowWrites(boolean) allowWrites(true)}, and then
 * its session's settings and role are reset ({@code RESET ALL; RESET ROLE}) before the commit. A
 * descriptor's timeout becomes the transaction's {@code statement_timeout}. Thread-safe.
 *
 * <p>Parameter values are converted to the type the query declares where that is unambiguous, so
 * sampled text ({@code "42"}) binds to a {@code Long} parameter; a collection binds as a list.
 */
public final class OrmQueryRunner implements QueryRunner {
    private final SessionFactory sessionFactory;
    private final boolean allowWrites;
    private final Map<String, NamedQueries.Named> named = new LinkedHashMap<>();
    /** The names alone, for core's "did you mean" suggestions. */
    private final QueryCatalog names;

    private OrmQueryRunner(Builder b) {
        this.sessionFactory = b.sessionFactory;
        this.allowWrites = b.allowWrites;
        for (NamedQueries.Named n : NamedQueries.list(sessionFactory)) {
            named.put(n.name(), n);
        }
        QueryCatalog.Builder catalog = QueryCatalog.builder();
        named.keySet().forEach(n -> catalog.add(QueryDescriptor.of(n, QueryType.ORM_SIMPLE)));
        this.names = catalog.build();
    }

    /** A runner that rolls back every write. */
    // create and builder as every configurable public type here has them, QueryMeters' too
    public static OrmQueryRunner create(SessionFactory sessionFactory) {
        return builder(sessionFactory).build();
    }

    public static Builder builder(SessionFactory sessionFactory) {
        return new Builder(sessionFactory);
    }

    /** Whether the query is one of the factory's named queries. */
    @Override
    public boolean supports(QueryDescriptor query) {
        return named.containsKey(query.name());
    }

    @Override
    public long execute(QueryDescriptor query, Map<String, Object> parameters) {
        return run(query, parameters, (session, q) -> (long) q.getResultList().size(), count -> (long) count);
    }

    /**
     * Rows as lists of values: a scalar or tuple result as its columns; an entity as its id and then
     * its persistent attributes in mapping order, with associations as their ids and collections left
     * out. A write returns one row holding its update count.
     */
    @Override
    public List<List<Object>> fetch(QueryDescriptor query, Map<String, Object> parameters) {
        return run(query, parameters, (session, q) -> {
            List<?> results = q.getResultList();
            List<List<Object>> rows = new ArrayList<>(results.size());
            for (Object result : results) {
                rows.add(row(session, result));
            }
            return Collections.unmodifiableList(rows);
        }, count -> List.of(List.of((Object) (long) count)));
    }

    private <T> T run(QueryDescriptor descriptor, Map<String, Object> parameters,
                      BiFunction<Session, SelectionQuery<Object>, T> read, IntFunction<T> written) {
        Objects.requireNonNull(descriptor, "query");
        Objects.requireNonNull(parameters, "parameters");
        NamedQueries.Named query = named.get(descriptor.name());
        if (query == null) {
            throw new UnknownQueryException(descriptor.name(), names.suggestions(descriptor.name()), named.size());
        }
        boolean writes = !query.select();
        return inTransaction(sessionFactory, writes, writes && allowWrites, descriptor.timeout(), session -> {
            if (!writes) {
                SelectionQuery<Object> q = session.createNamedSelectionQuery(query.name(), Object.class);
                bind(query.name(), q, parameters);
                return read.apply(session, q);
            }
            MutationQuery q = session.createNamedMutationQuery(query.name());
            bind(query.name(), q, parameters);
            return written.apply(q.executeUpdate());
        });
    }

    /**
     * Runs {@code work} on a session of its own, as this runner runs each call, for runners of the application's own
     * ORM code (the examples' report variants use it): in one transaction, {@code SET TRANSACTION READ ONLY} (and a
     * read-only session) unless it {@code writes}, {@code SET LOCAL statement_timeout} when a timeout is given. It
     * ends by rolling back, reads included: a native query can change its session ({@code set_config(..., false)} in
     * a function it calls), and the rollback undoes that with the rest, so nothing outlives the call on a pooled
     * connection. Only with {@code commit} is it committed, after {@code RESET ALL; RESET ROLE}: what a write did to
     * its session would outlive the commit (startup options stay, they are the session's defaults).
     *
     * @throws RuntimeException whatever {@code work} threw, after the rollback, with a failed rollback suppressed
     */
    public static <T> T inTransaction(SessionFactory sessionFactory, boolean writes, boolean commit,
                                      Optional<Duration> timeout, Function<Session, T> work) {
        try (Session session = sessionFactory.openSession()) {
            Transaction tx = session.beginTransaction();
            try {
                session.doWork(connection -> {
                    try (Statement s = connection.createStatement()) {
                        if (!writes) {
                            s.execute("SET TRANSACTION READ ONLY");
                        }
                        if (timeout.isPresent()) {
                            s.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.get().toMillis()));
                        }
                    }
                });
                session.setDefaultReadOnly(!writes);
                T result = work.apply(session);
                if (commit) {
                    session.doWork(connection -> {
                        try (Statement s = connection.createStatement()) {
                            s.execute("RESET ALL; RESET ROLE");
                        }
                    });
                    tx.commit();
                } else {
                    tx.rollback();
                }
                return result;
            } catch (RuntimeException e) {
                try {
                    if (tx.isActive()) {
                        tx.rollback();
                    }
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void bind(String name, CommonQueryContract q, Map<String, Object> parameters) {
        for (Map.Entry<String, Object> e : parameters.entrySet()) {
            QueryParameter<Object> p = (QueryParameter<Object>) q.getParameterMetadata().findQueryParameter(e.getKey());
            if (p == null) {
                List<String> declared = q.getParameterMetadata().getRegistrations().stream()
                        .map(r -> r.getName() != null ? r.getName() : String.valueOf(r.getPosition())).sorted().toList();
                throw new QueryGovException("Named query '" + name + "' has no parameter '" + e.getKey()
                        + "'; its parameters are " + declared);
            }
            Class<?> type = p.getParameterType();
            if (e.getValue() instanceof Collection<?> values) {
                List<Object> converted = values.stream().map(v -> ParameterValues.coerce(v, type)).toList();
                q.setParameterList(p, converted);
            } else {
                q.setParameter(p, ParameterValues.coerce(e.getValue(), type));
            }
        }
    }

    private static List<Object> row(Session session, Object result) {
        if (result instanceof Object[] columns) {
            return Collections.unmodifiableList(Arrays.asList(columns.clone()));
        }
        if (result instanceof jakarta.persistence.Tuple tuple) {
            return Collections.unmodifiableList(Arrays.asList(tuple.toArray()));
        }
        SessionImplementor s = session.unwrap(SessionImplementor.class);
        if (isEntity(s, result)) {
            EntityPersister persister = s.getEntityPersister(null, result);
            List<Object> values = new ArrayList<>();
            values.add(persister.getIdentifier(result, s));
            for (Object value : persister.getValues(Hibernate.unproxy(result))) {
                if (value instanceof PersistentCollection<?>) {
                    continue;
                }
                values.add(isEntity(s, value) ? session.getIdentifier(value) : value);
            }
            return Collections.unmodifiableList(values);
        }
        return Collections.singletonList(result);
    }

    private static boolean isEntity(SessionImplementor session, Object value) {
        return value != null && session.getFactory().getMappingMetamodel()
                .findEntityDescriptor(Hibernate.getClass(value)) != null;
    }

    @Override
    public String toString() {
        return "OrmQueryRunner[" + named.size() + " named queries, allowWrites=" + allowWrites + "]";
    }

    /** Configures an {@link OrmQueryRunner}. */
    // shaped like SqlQueryRunner's and WorkCapture's builders on purpose: each public type has a builder of its own
    public static final class Builder {
        private final SessionFactory sessionFactory;
        private boolean allowWrites;

        private Builder(SessionFactory sessionFactory) {
            this.sessionFactory = Objects.requireNonNull(sessionFactory, "sessionFactory");
        }

        /** Whether a query that writes commits; false unless set, so a benchmark leaves the data as it found it. */
        public Builder allowWrites(boolean allowWrites) {
            this.allowWrites = allowWrites;
            return this;
        }

        public OrmQueryRunner build() {
            return new OrmQueryRunner(this);
        }
    }
}
