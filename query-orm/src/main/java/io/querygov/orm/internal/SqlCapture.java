package io.querygov.orm.internal;

import io.querygov.core.sql.SqlLexer;
import io.querygov.core.sql.SqlToken;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.query.CommonQueryContract;
import org.hibernate.query.MutationQuery;
import org.hibernate.query.SelectionQuery;
import org.hibernate.query.QueryParameter;

/**
 * The SQL Hibernate generates for a named HQL query, found by running the query on a connection that
 * records the SQL it is asked to prepare and the placeholders Hibernate binds, and refuses to execute it. Uses only Hibernate's public API,
 * so it keeps working where the translation internals move; needs no database; every parameter is
 * bound to null, which does not change the SQL Hibernate writes.
 */
public final class SqlCapture {

    private SqlCapture() {
    }

    /**
     * A named query's SQL and its declared parameters.
     *
     * @param sql the SQL Hibernate sends, with {@code ?} placeholders
     * @param namedSql the same SQL with each placeholder written as the parameter it binds ({@code :lastName}), so
     *        that a tool without Hibernate can run it with named values; {@code sql} itself when that cannot be told
     *        (positional {@code ?1} parameters, a parameter type querygov has no value for)
     * @param parameters each parameter's name (its position for {@code ?1} style) and Java type, or null when untyped
     */
    public record Translation(String sql, String namedSql, List<Parameter> parameters) {
    }

    /** One declared parameter of a named query. */
    public record Parameter(String name, Class<?> javaType) {
    }

    /** The SQL of the named query {@code name}; see {@link #translate}. */
    public static String sql(SessionFactory factory, String name) {
        return translate(factory, name).sql();
    }

    /**
     * The SQL and parameters of the named query {@code name}. Which placeholder binds which parameter is found by
     * running the query once more per parameter, that parameter bound to a value and every other to null, and
     * seeing which placeholders Hibernate binds a value to.
     *
     * @throws IllegalStateException when Hibernate fails before preparing a statement, with its error as cause
     */
    public static Translation translate(SessionFactory factory, String name) {
        NamedQueries.Named named = NamedQueries.find(factory, name);
        if (named == null) {
            throw new IllegalArgumentException("no named query '" + name + "'");
        }
        List<Parameter> parameters = new ArrayList<>();
        Captured base = capture(factory, named, null, parameters);
        parameters.sort(Comparator.comparing(Parameter::name));
        return new Translation(base.sql, namedSql(factory, named, base, parameters), List.copyOf(parameters));
    }

    private static String namedSql(SessionFactory factory, NamedQueries.Named named, Captured base,
                                   List<Parameter> parameters) {
        if (parameters.isEmpty()) {
            return base.sql;
        }
        String[] byIndex = new String[base.placeholders + 1];
        String unwitnessed = null;
        for (Parameter p : parameters) {
            if (p.name().isEmpty() || !Character.isJavaIdentifierStart(p.name().charAt(0))) {
                return base.sql; // ?1 parameters: no name to write
            }
            Object witness = witness(p.javaType());
            if (witness == null) {
                if (unwitnessed != null) {
                    return base.sql;
                }
                unwitnessed = p.name();
                continue;
            }
            Captured run;
            try {
                run = capture(factory, named, new Witness(p.name(), witness), new ArrayList<>());
            } catch (IllegalStateException e) {
                return base.sql;
            }
            if (!run.sql.equals(base.sql) || run.bound.isEmpty()) {
                return base.sql; // the value changed the SQL Hibernate writes, or reached no placeholder
            }
            for (int index : run.bound) {
                if (index > base.placeholders || byIndex[index] != null) {
                    return base.sql;
                }
                byIndex[index] = p.name();
            }
        }
        for (int i = 1; i <= base.placeholders; i++) {
            if (byIndex[i] == null) {
                if (unwitnessed == null) {
                    return base.sql;
                }
                byIndex[i] = unwitnessed; // the one parameter left binds what the others did not
            }
        }
        StringBuilder out = new StringBuilder(base.sql.length() + 8 * base.placeholders);
        SqlLexer lexer = SqlLexer.of(base.sql);
        int copied = 0;
        int placeholder = 0;
        while (lexer.next()) {
            if (lexer.kind() == SqlToken.Kind.PLACEHOLDER) {
                out.append(base.sql, copied, lexer.start()).append(':').append(byIndex[++placeholder]);
                copied = lexer.end();
            }
        }
        return placeholder == base.placeholders ? out.append(base.sql, copied, base.sql.length()).toString() : base.sql;
    }

    /** A value Hibernate binds as a non-null JDBC parameter for a parameter of this type, or null when none is known. */
    private static Object witness(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants.length == 0 ? null : constants[0];
        }
        return WITNESSES.get(type);
    }

    private static final Map<Class<?>, Object> WITNESSES = Map.ofEntries(
            Map.entry(Long.class, 1L), Map.entry(long.class, 1L), Map.entry(Integer.class, 1),
            Map.entry(int.class, 1), Map.entry(Short.class, (short) 1), Map.entry(short.class, (short) 1),
            Map.entry(String.class, "x"), Map.entry(Boolean.class, Boolean.TRUE), Map.entry(boolean.class, Boolean.TRUE),
            Map.entry(java.util.UUID.class, new java.util.UUID(0, 1)),
            Map.entry(java.math.BigDecimal.class, java.math.BigDecimal.ONE),
            Map.entry(java.math.BigInteger.class, java.math.BigInteger.ONE), Map.entry(Double.class, 1.0),
            Map.entry(double.class, 1.0), Map.entry(Float.class, 1.0f), Map.entry(float.class, 1.0f),
            Map.entry(java.time.LocalDate.class, java.time.LocalDate.EPOCH),
            Map.entry(java.time.LocalDateTime.class, java.time.LocalDateTime.of(2000, 1, 1, 0, 0)),
            Map.entry(java.time.LocalTime.class, java.time.LocalTime.NOON),
            Map.entry(java.time.OffsetDateTime.class, java.time.OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0,
                    java.time.ZoneOffset.UTC)),
            Map.entry(java.time.ZonedDateTime.class, java.time.ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0,
                    java.time.ZoneOffset.UTC)),
            Map.entry(java.time.Instant.class, java.time.Instant.EPOCH));

    /** The one parameter bound to a value in a run; the others are bound to null. */
    private record Witness(String parameter, Object value) {
    }

    /** Runs the query on the capturing connection; lists its parameters into {@code parameters}. */
    private static Captured capture(SessionFactory factory, NamedQueries.Named named, Witness witness,
                                    List<Parameter> parameters) {
        Captured captured = new Captured();
        Connection connection = proxy(Connection.class, "querygov SQL capture connection",
                (proxy, method, args) -> switch (method.getName()) {
                    case "prepareStatement", "prepareCall" -> {
                        captured.sql = (String) args[0];
                        captured.placeholders = placeholders(captured.sql);
                        yield statement(captured);
                    }
                    case "createStatement" -> throw new SQLException("querygov: SQL capture runs no plain statements");
                    case "getAutoCommit", "isClosed", "isReadOnly", "isWrapperFor" -> Boolean.FALSE;
                    case "isValid" -> Boolean.TRUE;
                    case "getTransactionIsolation" -> Connection.TRANSACTION_READ_COMMITTED;
                    case "unwrap" -> throw new SQLException("querygov: the SQL capture connection wraps nothing");
                    default -> nothing(method.getReturnType());
                });
        RuntimeException failure = null;
        String name = named.name();
        try (Session session = factory.withOptions().connection(connection).openSession()) {
            CommonQueryContract query = named.select() ? session.createNamedSelectionQuery(name, Object.class)
                    : session.createNamedMutationQuery(name);
            for (QueryParameter<?> p : query.getParameterMetadata().getRegistrations()) {
                String parameterName = p.getName() != null ? p.getName() : String.valueOf(p.getPosition());
                parameters.add(new Parameter(parameterName, p.getParameterType()));
                bind(query, p, witness != null && witness.parameter().equals(parameterName) ? witness.value() : null);
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
        return captured;
    }

    /**
     * A statement that notes which placeholders get a value and stops Hibernate when it would execute: it has
     * bound every parameter by then.
     */
    private static PreparedStatement statement(Captured captured) {
        return proxy(PreparedStatement.class, "querygov SQL capture statement", (proxy, method, args) -> {
            String m = method.getName();
            if (m.startsWith("execute")) {
                // unchecked, so that Hibernate passes it through instead of logging a SQL error
                throw Stop.INSTANCE;
            }
            if (m.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index
                    && !m.equals("setNull") && args[1] != null) {
                captured.bound.add(index);
            }
            return nothing(method.getReturnType()); // isClosed: false
        });
    }

    /** A {@code type} equal only to itself, printed as {@code description}, that answers all else with {@code calls}. */
    private static <T> T proxy(Class<T> type, String description, InvocationHandler calls) {
        return type.cast(Proxy.newProxyInstance(SqlCapture.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> description;
                    default -> calls.invoke(proxy, method, args);
                }));
    }

    private static Object nothing(Class<?> type) {
        if (type == boolean.class) {
            return Boolean.FALSE;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }

    private static int placeholders(String sql) {
        int n = 0;
        SqlLexer lexer = SqlLexer.of(sql);
        while (lexer.next()) {
            if (lexer.kind() == SqlToken.Kind.PLACEHOLDER) {
                n++;
            }
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static void bind(CommonQueryContract query, QueryParameter<?> parameter, Object value) {
        query.setParameter((QueryParameter<Object>) parameter, value);
    }

    private static final class Captured {
        String sql;
        int placeholders;
        final java.util.Set<Integer> bound = new java.util.TreeSet<>();
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
