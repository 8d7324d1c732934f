package io.querygov.core;

import io.querygov.core.sql.SqlClassification;
import io.querygov.core.sql.SqlSideEffect;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A tool refused to send a registered statement, before anything reached the database: it holds more than one
 * statement, or it has a side effect that a rollback cannot undo and writes were not allowed. The message says which
 * and what to do.
 */
public final class StatementRefusedException extends QueryGovException {
    private static final long serialVersionUID = 1L;

    private final String queryName;

    public StatementRefusedException(String queryName, String message) {
        super(message);
        this.queryName = queryName;
    }

    /**
     * Refuses {@code query} for holding several statements: a registered statement is sent as one, and a text that
     * splits could run a {@code COMMIT} between the tool's safeguards and the rest.
     */
    public static StatementRefusedException severalStatements(QueryDescriptor query, SqlClassification sql) {
        return new StatementRefusedException(query.name(), "Query '" + query.name() + "' (" + query.originOrUnknown()
                + ") " + sql.severalStatements().orElse("holds several statements, where one is allowed")
                + ": register each statement on its own");
    }

    /**
     * Refuses {@code query} for side effects a rollback cannot undo, which run only when writes are allowed:
     * "Query 'q' (q.sql:3) calls nextval(), which a rollback cannot undo (a sequence never rolls back); ...".
     */
    public static StatementRefusedException sideEffects(QueryDescriptor query, List<SqlSideEffect> effects) {
        Set<String> why = new LinkedHashSet<>();
        effects.forEach(e -> why.add(e.why()));
        String what = effects.stream().map(SqlSideEffect::what).collect(Collectors.joining(", "));
        return new StatementRefusedException(query.name(), "Query '" + query.name() + "' (" + query.originOrUnknown()
                + ") " + what + ", which a rollback cannot undo (" + String.join("; ", why) + "); it runs only when"
                + " writes are allowed: pass --allow-writes to run it");
    }

    /** The query refused. */
    public String queryName() {
        return queryName;
    }
}
