package io.querygov.cli.internal;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.StatementLanguage;
import io.querygov.inspect.CheckFailure;
import io.querygov.inspect.CheckResult;
import io.querygov.inspect.CheckStatus;
import io.querygov.inspect.CheckedParameter;
import io.querygov.inspect.ResultColumn;
import io.querygov.raw.NamedSql;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Statements registered with positional {@code ?} parameters rather than {@code :names}, as Hibernate writes them
 * for named queries: query-raw's checker reads {@code ?} as PostgreSQL's jsonb operator, so these are prepared here
 * as written, and described (parameter types by position, result columns) without running.
 */
public final class PositionalSql {
    private PositionalSql() {
    }

    /** Whether the query is SQL that declares parameters but names none of them in its text. */
    public static boolean is(QueryDescriptor query) {
        if (query.language() != StatementLanguage.SQL || query.statement().isEmpty() || query.parameters().isEmpty()) {
            return false;
        }
        return NamedSql.parse(query.statement().get()).parameterNames().isEmpty()
                && query.statement().get().indexOf('?') >= 0;
    }

    /** Parse and Describe, never Execute; a statement the server refuses is a failed result. */
    public static CheckResult check(DataSource dataSource, QueryDescriptor query) throws SQLException {
        String origin = query.origin().orElse(null);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(query.statement().get())) {
            ParameterMetaData parameters = statement.getParameterMetaData();
            List<CheckedParameter> checked = new ArrayList<>();
            for (int i = 1; i <= parameters.getParameterCount(); i++) {
                checked.add(new CheckedParameter(i, "$" + i, parameters.getParameterTypeName(i), null));
            }
            List<ResultColumn> columns = new ArrayList<>();
            ResultSetMetaData metaData = statement.getMetaData();
            for (int i = 1; metaData != null && i <= metaData.getColumnCount(); i++) {
                columns.add(new ResultColumn(metaData.getColumnLabel(i), metaData.getColumnTypeName(i), null,
                        ResultColumn.Nullability.UNKNOWN));
            }
            return new CheckResult(query.name(), origin, CheckStatus.OK, checked, columns, null, null);
        } catch (PSQLException e) {
            ServerErrorMessage server = e.getServerErrorMessage();
            if (server == null) {
                throw e;
            }
            int position = Math.max(0, server.getPosition());
            CheckFailure failure = new CheckFailure(server.getSQLState(), server.getMessage(), server.getDetail(),
                    server.getHint(), position, position > 0 ? 1 : 0, position,
                    (origin == null ? "the statement" : origin) + (position > 0 ? ", character " + position : ""));
            return new CheckResult(query.name(), origin, CheckStatus.FAILED, List.of(), List.of(), failure, null);
        }
    }
}
