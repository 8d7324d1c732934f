package io.querygov.raw.jdbi.internal;

import io.querygov.core.QueryDescriptor;
import io.querygov.raw.NamedSql;
import io.querygov.raw.internal.Parameters;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.NoTemplateEngine;
import org.jdbi.v3.core.statement.ParsedParameters;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * A registered SQL query made ready for Jdbi once: parsed by querygov's scanner (which, unlike
 * Jdbi's, skips dollar-quoted bodies and leaves jsonb {@code ?} alone), its parameters checked
 * against the values given before anything reaches the database, and bound by name.
 */
public final class RegisteredStatement implements SqlParser {
    private static final TemplateEngine NO_TEMPLATES = new NoTemplateEngine();

    private final QueryDescriptor descriptor;
    private final String sql;
    private final ParsedSql parsed;
    private final List<String> names;
    private final boolean[] untypedStrings;

    public RegisteredStatement(QueryDescriptor descriptor) {
        this.descriptor = descriptor;
        this.sql = descriptor.statement().orElseThrow();
        NamedSql named = NamedSql.parse(sql);
        this.parsed = ParsedSql.of(named.jdbcSql(), ParsedParameters.named(named.jdbcParameterNames()));
        this.names = named.parameterNames();
        this.untypedStrings = Parameters.untypedStrings(descriptor, names);
    }

    public QueryDescriptor descriptor() {
        return descriptor;
    }

    public String sql() {
        return sql;
    }

    /** @throws io.querygov.raw.ParameterBindingException when a value is missing or one is not a parameter of the query */
    public void check(Map<String, ?> values) {
        Parameters.check(descriptor, names, values);
    }

    /** Makes Jdbi use this parse of the SQL, with no templating, and binds the values by name. */
    public <S extends SqlStatement<S>> S prepare(S statement, Map<String, ?> values) {
        SqlStatements config = statement.getConfig(SqlStatements.class);
        config.setTemplateEngine(NO_TEMPLATES);
        config.setSqlParser(this);
        statement.define(DescriptorResolver.QUERY_ATTRIBUTE, descriptor);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Object value = values.get(name);
            if (value == null) {
                statement.bindNull(name, Types.OTHER);
            } else if (untypedStrings[i] && value instanceof String) {
                // sent as an untyped literal, so PostgreSQL reads '2024-01-01' as the declared timestamptz
                statement.bindBySqlType(name, value, Types.OTHER);
            } else {
                statement.bind(name, value);
            }
        }
        return statement;
    }

    @Override
    public ParsedSql parse(String text, StatementContext ctx) {
        if (!text.equals(sql)) {
            throw new IllegalStateException("statement of '" + descriptor.name() + "' was given other SQL: " + text);
        }
        return parsed;
    }

    @Override
    public String nameParameter(String rawName, StatementContext ctx) {
        return ":" + rawName;
    }
}
