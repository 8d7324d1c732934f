package io.querygov.orm.internal;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.query.CommonQueryContract;
import org.hibernate.query.MutationQuery;
import org.hibernate.query.SelectionQuery;
import org.hibernate.query.QueryParameter;

/**
 * The SQL Hibernate generates for a named HQL query, found by running the query on a connection that
 * records the SQL it is asked to prepare and refuses to go further. Uses only Hibernate's public API,
 * so it keeps working where the translation internals move; needs no database; every parameter is
 * bound to null, which does not change the SQL Hibernate writes.
 */
public final class SqlCapture {

    private SqlCapture() {
    }

    /**
     * A named query's SQL and its declared parameters, in the order Hibernate lists them.
     *
     * @param sql the SQL Hibernate sends, with {@code ?} placeholders
     * @param parameters each parameter's name (its position for {@code ?1} style) and Java type, or null when untyped
     */
    public record Translation(String sql, List<Parameter> parameters) {
    }

    /** One declared parameter of a named query. */
    public record Parameter(String name, Class<?> javaType) {
    }

    /** The SQL of the named query {@code name}; see {@link #translate}. */
    public static String sql(SessionFactory factory, String name) {
        return translate(factory, name).sql();
    }

    /**
     * The SQL and parameters of the named query {@code name}.
     *
     * @throws IllegalStateException when Hibernate fails before preparing a statement, with its error as cause
     */
    public static Translation translate(SessionFactory factory, String name) {
        List<Parameter> parameters = new ArrayList<>();
        Captured captured = new Captured();
        Connection connection = (Connection) Proxy.newProxyInstance(SqlCapture.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "prepareStatement":
                        case "prepareCall":
                            captured.sql = (String) args[0];
                            // unchecked, so that Hibernate passes it through instead of logging a SQL error
                            throw Stop.INSTANCE;
                        case "createStatement":
                            throw new SQLException("querygov: SQL capture runs no plain statements");
                        case "getAutoCommit":
                            return Boolean.FALSE;
                        case "isClosed":
                        case "isReadOnly":
                            return Boolean.FALSE;
                        case "isValid":
                            return Boolean.TRUE;
                        case "getTransactionIsolation":
                            return Connection.TRANSACTION_READ_COMMITTED;
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "toString":
                            return "querygov SQL capture connection";
                        case "unwrap":
                            throw new SQLException("querygov: the SQL capture connection wraps nothing");
                        case "isWrapperFor":
                            return Boolean.FALSE;
                        default:
                            Class<?> type = method.getReturnType();
                            return type == boolean.class ? Boolean.FALSE : type == int.class ? 0 : null;
                    }
                });
        RuntimeException failure = null;
        try (Session session = factory.withOptions().connection(connection).openSession()) {
            NamedQueries.Named named = NamedQueries.find(factory, name);
            if (named == null) {
                throw new IllegalArgumentException("no named query '" + name + "'");
            }
            CommonQueryContract query = named.select() ? session.createNamedSelectionQuery(name, Object.class)
                    : session.createNamedMutationQuery(name);
            for (QueryParameter<?> p : query.getParameterMetadata().getRegistrations()) {
                parameters.add(new Parameter(p.getName() != null ? p.getName() : String.valueOf(p.getPosition()),
                        p.getParameterType()));
                bindNull(query, p);
            }
            // Hibernate's query objects implement both contracts: ask the definition, not the object
            if (named.select()) {
                ((SelectionQuery<?>) query).getResultList();
            } else {
                // Hibernate refuses an update outside a transaction; this one never reaches a database
                session.beginTransaction();
                try {
                    ((MutationQuery) query).executeUpdate();
                } finally {
                    // ends the transaction's completion and bulk-cleanup actions, which Hibernate warns about otherwise
                    session.getTransaction().rollback();
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        if (captured.sql == null) {
            throw new IllegalStateException("Hibernate did not prepare any SQL for named query '" + name + "'", failure);
        }
        parameters.sort(Comparator.comparing(Parameter::name));
        return new Translation(captured.sql, List.copyOf(parameters));
    }

    @SuppressWarnings("unchecked")
    private static void bindNull(CommonQueryContract query, QueryParameter<?> parameter) {
        query.setParameter((QueryParameter<Object>) parameter, null);
    }

    private static final class Captured {
        String sql;
    }

    /** Stops Hibernate once it has handed over the SQL. Shared and without a stack trace: it is not an error. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Stop INSTANCE = new Stop();

        private Stop() {
            super("querygov: SQL captured, not executed", null, false, false);
        }
    }
}
