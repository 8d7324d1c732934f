package io.querygov.cli.internal;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import io.querygov.core.sql.SqlLexer;
import io.querygov.jdbc.StatementRecorder;
import io.querygov.jdbc.TrackedDataSource;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Statements per call of each query a benchmark runs: one call of a service's own code path ({@code Vet.all}
 * through its repository) may be 201 statements where its SQL alone is one. The runners get connections that
 * count each statement on the calling thread; each call of a {@linkplain #counted counted} runner adds its
 * thread's count to its query. Statements that only set a session or transaction up ({@code SET}, {@code BEGIN}, {@code COMMIT},
 * {@code ROLLBACK}, {@code SHOW}, {@code RESET}) are not the query's work and are not counted. A runner that hands
 * work to other threads has those threads' statements left out.
 */
public final class StatementCounts {
    private static final Set<String> SETUP = Set.of("set", "begin", "start", "commit", "end", "rollback", "show",
            "reset", "savepoint", "release");

    private final ThreadLocal<long[]> running = ThreadLocal.withInitial(() -> new long[1]);
    private final ConcurrentMap<String, LongAdder[]> perQuery = new ConcurrentHashMap<>();
    private final StatementRecorder<Void> recorder = new StartedStatements(sql -> {
        if (!isSetup(sql)) {
            running.get()[0]++;
        }
    });

    /** Connections of {@code source} whose statements this counts. */
    public DataSource counting(DataSource source) {
        return TrackedDataSource.wrap(source, recorder);
    }

    /** {@code runner}, counting the statements of each call for its query. */
    public QueryRunner counted(QueryRunner runner) {
        return new ForwardingRunner(runner) {
            @Override
            protected long beforeCall(QueryDescriptor query) {
                return running.get()[0];
            }

            @Override
            protected void afterCall(QueryDescriptor query, long before) {
                add(query, running.get()[0] - before);
            }

            @Override
            public String toString() {
                return runner.toString();
            }
        };
    }

    /** Statements per call of a query run by a counted runner; empty when none ran it. */
    public OptionalDouble perCall(String query) {
        LongAdder[] figures = perQuery.get(query);
        if (figures == null || figures[0].sum() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) figures[1].sum() / figures[0].sum());
    }

    static boolean isSetup(String sql) {
        SqlLexer lexer = SqlLexer.of(sql);
        while (lexer.next()) {
            if (!lexer.token().isComment()) {
                return lexer.kind() == io.querygov.core.sql.SqlToken.Kind.IDENTIFIER
                        && SETUP.contains(lexer.text().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return true; // an empty statement does no work
    }

    /** Adds a call of {@code query} that sent {@code statements} statements to the query's count. */
    private void add(QueryDescriptor query, long statements) {
        LongAdder[] figures = perQuery.computeIfAbsent(query.name(), n -> new LongAdder[] {new LongAdder(),
                new LongAdder()});
        figures[0].increment();
        figures[1].add(statements);
    }
}
