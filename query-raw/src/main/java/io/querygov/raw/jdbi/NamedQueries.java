package io.querygov.raw.jdbi;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryGovException;
import io.querygov.core.StatementLanguage;
import io.querygov.raw.ParameterBindingException;
import io.querygov.raw.jdbi.internal.RegisteredStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * Runs registered SQL by name with named parameters:
 *
 * <pre>{@code
 * NamedQueries queries = NamedQueries.create(jdbi, SqlFileLoader.create().classpath("sql").load());
 * List<ProjectStats> stats = queries.list("project_analytics",
 *         Map.of("project_id", projectId, "since", since, "min_jobs", 5), ProjectStats.class);
 * int renamed = queries.update("rename_projects", Map.of("prefix", "old-"));
 * }</pre>
 *
 * <p>Before anything is sent to the database, the name is looked up ({@link
 * io.querygov.core.UnknownQueryException} with close names when it is unknown) and the values are
 * checked against the parameters the SQL uses ({@link ParameterBindingException} when one is
 * missing or unexpected). Values are always bound, never written into the SQL; a {@code String}
 * given for a parameter declared with a non-text type (say {@code timestamptz}) is sent untyped so
 * PostgreSQL parses it as that type. The SQL text handed to the driver is the same on every call,
 * so pgjdbc's statement cache and server-side prepare apply (see the module README).
 *
 * <p>Statements run through a {@link QueryTrackingPlugin} on the same {@link Jdbi} are tracked under
 * their registered name. Thread-safe; build one per catalog and keep it.
 */
public final class NamedQueries {
    private final Jdbi jdbi;
    private final QueryCatalog catalog;
    private final Map<String, RegisteredStatement> statements;
    private final ConcurrentHashMap<Class<?>, RowMapper<?>> recordMappers = new ConcurrentHashMap<>();

    private NamedQueries(Jdbi jdbi, QueryCatalog catalog) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        Map<String, RegisteredStatement> byName = new HashMap<>();
        for (QueryDescriptor d : catalog) {
            if (d.language() == StatementLanguage.SQL && d.statement().isPresent()) {
                byName.put(d.name(), new RegisteredStatement(d));
            }
        }
        this.statements = Map.copyOf(byName);
    }

    /** Runs the SQL queries of {@code catalog} on {@code jdbi}; queries of other languages are refused by name. */
    public static NamedQueries create(Jdbi jdbi, QueryCatalog catalog) {
        return new NamedQueries(jdbi, catalog);
    }

    public QueryCatalog catalog() {
        return catalog;
    }

    /**
     * Runs a query and maps each row to {@code rowType}: a record through its canonical constructor
     * (columns matched to components by name, {@code snake_case} to {@code camelCase}), anything else
     * through the mappers registered on the Jdbi (e.g. {@code String}, {@code Long} for one column).
     */
    public <T> List<T> list(String name, Map<String, ?> parameters, Class<T> rowType) {
        RegisteredStatement s = statement(name, parameters);
        return jdbi.withHandle(h -> list(h, s, parameters, rowType));
    }

    /** As {@link #list(String, Map, Class)}, on the caller's handle (and so in its transaction). */
    public <T> List<T> list(Handle handle, String name, Map<String, ?> parameters, Class<T> rowType) {
        return list(handle, statement(name, parameters), parameters, rowType);
    }

    /** Runs a query and returns each row as a map from column name to value, in column order. */
    public List<Map<String, Object>> listMaps(String name, Map<String, ?> parameters) {
        RegisteredStatement s = statement(name, parameters);
        return jdbi.withHandle(h -> query(h, s, parameters).mapToMap().list());
    }

    /** As {@link #listMaps(String, Map)}, on the caller's handle. */
    public List<Map<String, Object>> listMaps(Handle handle, String name, Map<String, ?> parameters) {
        return query(handle, statement(name, parameters), parameters).mapToMap().list();
    }

    /** Runs a statement that writes and returns its update count. */
    public int update(String name, Map<String, ?> parameters) {
        RegisteredStatement s = statement(name, parameters);
        return jdbi.withHandle(h -> s.prepare(h.createUpdate(s.sql()), parameters).execute());
    }

    /** As {@link #update(String, Map)}, on the caller's handle. */
    public int update(Handle handle, String name, Map<String, ?> parameters) {
        RegisteredStatement s = statement(name, parameters);
        return s.prepare(handle.createUpdate(s.sql()), parameters).execute();
    }

    /** A Jdbi query with the values bound, for what the methods above do not cover: streaming, reducers. */
    public Query createQuery(Handle handle, String name, Map<String, ?> parameters) {
        return query(handle, statement(name, parameters), parameters);
    }

    /** A Jdbi update with the values bound, e.g. to read generated keys. */
    public Update createUpdate(Handle handle, String name, Map<String, ?> parameters) {
        RegisteredStatement s = statement(name, parameters);
        return s.prepare(handle.createUpdate(s.sql()), parameters);
    }

    private <T> List<T> list(Handle handle, RegisteredStatement s, Map<String, ?> parameters, Class<T> rowType) {
        Query query = query(handle, s, parameters);
        if (rowType.isRecord()) {
            @SuppressWarnings("unchecked")
            RowMapper<T> mapper = (RowMapper<T>) recordMappers.computeIfAbsent(rowType, ConstructorMapper::of);
            return query.map(mapper).list();
        }
        return query.mapTo(rowType).list();
    }

    private static Query query(Handle handle, RegisteredStatement s, Map<String, ?> parameters) {
        return s.prepare(handle.createQuery(s.sql()), parameters);
    }

    private RegisteredStatement statement(String name, Map<String, ?> parameters) {
        Objects.requireNonNull(parameters, "parameters: give Map.of() for a query without parameters");
        RegisteredStatement s = statements.get(name);
        if (s == null) {
            QueryDescriptor d = catalog.get(name);
            throw new QueryGovException("Query '" + name + "' (" + d.originOrUnknown() + ") is " + d.language()
                    + ", not SQL: run it with the module that handles " + d.language());
        }
        s.check(parameters);
        return s;
    }
}
