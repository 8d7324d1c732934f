package io.querygov.cli.internal;

import io.querygov.cli.ExitCode;
import io.querygov.core.ParameterSampler;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.StatementLanguage;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.core.Parser;

/**
 * Refuses a catalog whose SQL the PostgreSQL JDBC driver would send as several statements: a statement text that the
 * driver splits at its semicolons runs as several statements in one call, and a COMMIT among them ends the
 * transaction that was to be rolled back. The catalog loader refuses such entries by querygov's own reading; this
 * asks the driver itself, which is what sends them, so that the two readings cannot disagree unnoticed. What the
 * driver does not split goes to the server as one Parse message on the extended protocol, which refuses a text that
 * holds several statements.
 */
public final class DriverStatements {

    private DriverStatements() {
    }

    /**
     * Checks every SQL statement and sample query of the catalog.
     *
     * @throws CliException with {@link ExitCode#USAGE} naming each query (and parameter) at fault
     */
    public static void requireOneEach(QueryCatalog catalog) {
        List<String> problems = new ArrayList<>();
        for (QueryDescriptor query : catalog.queries()) {
            if (query.language() == StatementLanguage.SQL && query.statement().isPresent()) {
                int count = count(query.statement().get());
                if (count > 1) {
                    problems.add("query '" + query.name() + "' (" + query.originOrUnknown() + ") would be sent as "
                            + count + " statements");
                }
            }
            for (QueryParameter parameter : query.parameters()) {
                if (parameter.sampler() instanceof ParameterSampler.FromQuery sample) {
                    int count = count(sample.sql());
                    if (count > 1) {
                        problems.add("the sample query of parameter '" + parameter.name() + "' of query '"
                                + query.name() + "' (" + query.originOrUnknown() + ") would be sent as " + count
                                + " statements");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CliException(ExitCode.USAGE, String.join("; ", problems) + ": querytool sends one statement"
                    + " per query, and the PostgreSQL JDBC driver splits a text at each semicolon outside quotes and"
                    + " comments (a carriage return, like a line feed, ends a -- comment): keep one statement in each");
        }
    }

    /**
     * How many statements the driver makes of {@code sql}, empty ones ({@code ;;}) not counted: the more of its two
     * readings, since a backslash in a string escapes the quote only where the server says
     * {@code standard_conforming_strings} is off.
     */
    static int count(String sql) {
        try {
            return Math.max(Parser.parseJdbcSql(sql, true, true, true, false, false).size(),
                    Parser.parseJdbcSql(sql, false, true, true, false, false).size());
        } catch (SQLException e) {
            // the driver refuses to parse it at all: the server will say why when the statement is sent
            return 1;
        }
    }
}
