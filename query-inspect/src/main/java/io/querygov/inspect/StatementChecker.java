package io.querygov.inspect;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.StatementLanguage;
import io.querygov.inspect.internal.SourcePosition;
import io.querygov.raw.NamedSql;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Checks registered SQL statements against a live schema, as sqlx does at compile time: the server parses and
 * describes each statement (its parameter types and result columns) without running it.
 *
 * <pre>{@code
 * List<CheckResult> results = StatementChecker.create(dataSource).check(catalog);
 * }</pre>
 *
 * <p>Each statement is prepared with pgjdbc and described through {@code getParameterMetaData()} and
 * {@code getMetaData()}: on the wire that is Parse, Describe and Sync, never Execute, so a DELETE is checked without
 * deleting anything. Reading nullability costs one catalog query per result table, which pgjdbc caches per
 * statement. Thread-safe; each call uses one connection of its own.
 */
public final class StatementChecker {
    private final DataSource dataSource;

    private StatementChecker(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public static StatementChecker create(DataSource dataSource) {
        return new StatementChecker(dataSource);
    }

    /**
     * Checks every query of the catalog, in catalog order, on one connection.
     *
     * @throws IntrospectionException when no connection can be had; a statement the server refuses is a
     *         {@link CheckStatus#FAILED} result, not an exception
     */
    public List<CheckResult> check(QueryCatalog catalog) {
        List<CheckResult> results = new ArrayList<>(catalog.size());
        try (Connection connection = dataSource.getConnection()) {
            for (QueryDescriptor query : catalog) {
                results.add(check(connection, query));
            }
        } catch (SQLException e) {
            throw new IntrospectionException(null, e.getSQLState(),
                    "Cannot connect to check the catalog's statements: " + e.getMessage(), e);
        }
        return results;
    }

    /** Checks one query. */
    public CheckResult check(QueryDescriptor query) {
        try (Connection connection = dataSource.getConnection()) {
            return check(connection, query);
        } catch (SQLException e) {
            throw new IntrospectionException(query.name(), e.getSQLState(),
                    "Cannot connect to check query '" + query.name() + "': " + e.getMessage(), e);
        }
    }

    private static CheckResult check(Connection connection, QueryDescriptor query) throws SQLException {
        String origin = query.origin().orElse(null);
        if (query.language() != StatementLanguage.SQL || query.statement().isEmpty()) {
            return CheckResult.skipped(query.name(), origin, skipReason(query));
        }
        NamedSql sql = NamedSql.parse(query.statement().get());
        try (PreparedStatement statement = connection.prepareStatement(sql.jdbcSql())) {
            ParameterMetaData parameterMetaData = statement.getParameterMetaData();
            List<CheckedParameter> parameters = new ArrayList<>();
            List<String> placeholders = sql.jdbcParameterNames();
            for (int i = 0; i < placeholders.size(); i++) {
                String name = placeholders.get(i);
                String declared = query.parameter(name).map(QueryParameter::sqlType).orElse(null);
                parameters.add(new CheckedParameter(i + 1, name, parameterMetaData.getParameterTypeName(i + 1), declared));
            }
            ResultSetMetaData metaData = statement.getMetaData();
            return CheckResult.ok(query.name(), origin, parameters, columns(metaData));
        } catch (PSQLException e) {
            ServerErrorMessage server = e.getServerErrorMessage();
            if (server == null) {
                // a client-side failure (connection lost, I/O): not the statement's fault, so not a check result
                throw e;
            }
            return CheckResult.failed(query.name(), origin, failure(sql, origin, server));
        }
    }

    private static List<ResultColumn> columns(ResultSetMetaData metaData) throws SQLException {
        if (metaData == null) {
            return List.of();
        }
        List<ResultColumn> columns = new ArrayList<>(metaData.getColumnCount());
        PGResultSetMetaData pg = metaData.unwrap(PGResultSetMetaData.class);
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            String table = pg.getBaseTableName(i);
            ResultColumn.Nullability nullability = switch (metaData.isNullable(i)) {
                case ResultSetMetaData.columnNoNulls -> ResultColumn.Nullability.NOT_NULL;
                case ResultSetMetaData.columnNullable -> ResultColumn.Nullability.NULLABLE;
                default -> ResultColumn.Nullability.UNKNOWN;
            };
            columns.add(new ResultColumn(metaData.getColumnLabel(i), metaData.getColumnTypeName(i),
                    table == null || table.isEmpty() ? null : table,
                    // pgjdbc calls an expression "nullable"; without a base table nothing is known
                    table == null || table.isEmpty() ? ResultColumn.Nullability.UNKNOWN : nullability));
        }
        return columns;
    }

    private static CheckFailure failure(NamedSql sql, String origin, ServerErrorMessage server) {
        int serverPosition = server.getPosition();
        if (serverPosition <= 0) {
            return new CheckFailure(server.getSQLState(), server.getMessage(), server.getDetail(), server.getHint(),
                    0, 0, 0, origin);
        }
        int offset = sql.sqlOffset(serverPosition - 1);
        SourcePosition at = SourcePosition.of(sql.sql(), offset);
        return new CheckFailure(server.getSQLState(), server.getMessage(), server.getDetail(), server.getHint(),
                offset + 1, at.line(), at.column(), at.locate(origin));
    }

    private static String skipReason(QueryDescriptor query) {
        return switch (query.language()) {
            case HQL -> "HQL: Hibernate writes the SQL, check it through the ORM module";
            case ENTITY_OPERATION -> "entity operation: Hibernate writes the SQL";
            default -> "no statement: the query is known by name only";
        };
    }
}
