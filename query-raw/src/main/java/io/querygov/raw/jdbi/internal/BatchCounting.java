package io.querygov.raw.jdbi.internal;

import io.querygov.core.ActiveExecution;
import io.querygov.core.QueryExecution;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.Batch;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Batches are where Jdbi's hooks fall short: the update counts of a {@link PreparedBatch} are the
 * return value of {@code executeBatch()}, which no Jdbi callback sees, and a plain {@link Batch}
 * passes no customizer at all. So for those two statement kinds only, the statement builder hands
 * Jdbi a thin proxy around the driver's statement that keeps what {@code executeBatch()} returned
 * (and, for a plain batch, tracks the execution itself). Every other statement is the driver's own,
 * untouched: the proxy's reflective calls cost nothing that matters next to a batch's round trip,
 * but would on a single-row query.
 */
public final class BatchCounting implements StatementBuilderFactory {
    private final StatementBuilderFactory delegate;
    private final StatementTracking tracking;

    public BatchCounting(StatementBuilderFactory delegate, StatementTracking tracking) {
        this.delegate = delegate;
        this.tracking = tracking;
    }

    @Override
    public StatementBuilder createStatementBuilder(Connection conn) {
        return new Builder(delegate.createStatementBuilder(conn));
    }

    /** The rows a prepared batch changed: the sum of its update counts, or unknown if it was not wrapped. */
    static long updateCount(Statement statement) {
        Counting counting = countingOf(statement);
        return counting == null ? QueryExecution.UNKNOWN_ROWS : counting.rows;
    }

    /** The handler of a statement wrapped here, or null for any other statement. */
    private static Counting countingOf(Statement statement) {
        return Proxy.isProxyClass(statement.getClass()) && Proxy.getInvocationHandler(statement) instanceof Counting c
                ? c : null;
    }

    /** {@code statement} behind a proxy of {@code type} that counts what its batches change. */
    private static <S extends Statement> S counting(Class<S> type, S statement, StatementTracking tracking) {
        return type.cast(Proxy.newProxyInstance(BatchCounting.class.getClassLoader(), new Class<?>[] {type},
                new Counting(statement, tracking)));
    }

    private final class Builder implements StatementBuilder {
        private final StatementBuilder builder;

        Builder(StatementBuilder builder) {
            this.builder = builder;
        }

        @Override
        public Statement create(Connection conn, StatementContext ctx) throws SQLException {
            Statement statement = builder.create(conn, ctx);
            return ctx.getJdbiStatementType() == Batch.class ? counting(Statement.class, statement, tracking) : statement;
        }

        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
            PreparedStatement statement = builder.create(conn, sql, ctx);
            // a prepared batch is tracked by the customizers like any statement: the proxy only counts its rows
            return ctx.getJdbiStatementType() == PreparedBatch.class
                    ? counting(PreparedStatement.class, statement, null) : statement;
        }

        @Override
        public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
            return builder.createCall(conn, sql, ctx);
        }

        @Override
        public void close(Connection conn, String sql, Statement stmt) throws SQLException {
            Counting counting = countingOf(stmt);
            builder.close(conn, sql, counting == null ? stmt : counting.statement);
        }

        @Override
        public void close(Connection conn) {
            builder.close(conn);
        }
    }

    /**
     * Passes every call through and keeps the sum of what {@code executeBatch()} returned. With a
     * tracker (plain batches, which Jdbi runs without customizers) it also tracks the batch as one
     * execution named by the fingerprint of its statements.
     */
    private static final class Counting implements InvocationHandler {
        final Statement statement;
        private final StatementTracking tracking;
        private final List<String> sqls = new ArrayList<>();
        volatile long rows = QueryExecution.UNKNOWN_ROWS;

        Counting(Statement statement, StatementTracking tracking) {
            this.statement = statement;
            this.tracking = tracking;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (tracking != null && name.equals("addBatch") && args != null && args.length == 1) {
                sqls.add((String) args[0]);
            }
            boolean batch = name.equals("executeBatch") || name.equals("executeLargeBatch");
            if (!batch) {
                return call(method, args);
            }
            if (tracking == null) {
                Object result = call(method, args);
                rows = sum(result);
                return result;
            }
            ActiveExecution execution = tracking.tracker().start(tracking.resolver().adhoc(String.join(";\n", sqls)));
            Object result;
            try {
                result = call(method, args);
            } catch (Throwable t) {
                execution.failed(t);
                throw t;
            }
            rows = sum(result);
            execution.succeeded(rows);
            return result;
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(statement, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private static long sum(Object counts) {
            long sum = 0;
            if (counts instanceof int[]) {
                for (int n : (int[]) counts) {
                    if (n < 0) {
                        return QueryExecution.UNKNOWN_ROWS;
                    }
                    sum += n;
                }
            } else if (counts instanceof long[]) {
                for (long n : (long[]) counts) {
                    if (n < 0) {
                        return QueryExecution.UNKNOWN_ROWS;
                    }
                    sum += n;
                }
            }
            return sum;
        }
    }
}
