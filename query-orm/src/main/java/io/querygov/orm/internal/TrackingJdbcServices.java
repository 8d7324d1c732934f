package io.querygov.orm.internal;

import java.sql.PreparedStatement;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.hibernate.engine.jdbc.internal.JdbcServicesImpl;
import org.hibernate.sql.exec.spi.ExecutionContext;
import org.hibernate.sql.exec.spi.JdbcMutationExecutor;
import org.hibernate.sql.exec.spi.JdbcOperationQueryMutation;
import org.hibernate.sql.exec.spi.JdbcParameterBindings;
import org.hibernate.sql.exec.spi.JdbcSelect;
import org.hibernate.sql.exec.spi.JdbcSelectExecutor;
import org.hibernate.sql.results.spi.ResultsConsumer;
import org.hibernate.sql.results.spi.RowTransformer;

/**
 * Hibernate's standard JDBC services, with the executors every query, load and query mutation goes
 * through wrapped so that the statements they run carry the name of the call: the
 * {@link ExecutionContext} tells a collection load from an entity load from an HQL, criteria or
 * native query. Names are all this adds; the statements are measured where they run, on the
 * tracked connections of {@link TrackingConnectionProvider}.
 */
final class TrackingJdbcServices extends JdbcServicesImpl {
    /** Hibernate's service types are Serializable; a tracking service is never serialized. */
    private static final long serialVersionUID = 1L;

    private final TrackingRuntime runtime;
    private final JdbcSelectExecutor selects;
    private final JdbcMutationExecutor mutations;

    TrackingJdbcServices(TrackingRuntime runtime) {
        this.runtime = runtime;
        this.selects = new NamingSelectExecutor(super.getJdbcSelectExecutor(), runtime);
        this.mutations = new NamingMutationExecutor(super.getJdbcMutationExecutor(), runtime);
    }

    TrackingRuntime runtime() {
        return runtime;
    }

    @Override
    public JdbcSelectExecutor getJdbcSelectExecutor() {
        return selects;
    }

    @Override
    public JdbcMutationExecutor getJdbcMutationExecutor() {
        return mutations;
    }

    /**
     * A hash of the values bound, independent of the order Hibernate visits them in: the same values give the
     * same hash, so N+1 detection can tell a loop over keys from one query run again with the same values.
     */
    static long valuesHash(JdbcParameterBindings bindings) {
        if (bindings == null) {
            return 0;
        }
        long[] sum = {1};
        bindings.visitBindings((parameter, binding) -> {
            Object value = binding.getBindValue();
            long h = value == null ? 0 : value.hashCode();
            sum[0] += (h * 0x9E3779B97F4A7C15L) ^ (h >>> 29);
        });
        return sum[0];
    }

    private record NamingSelectExecutor(JdbcSelectExecutor delegate, TrackingRuntime runtime)
            implements JdbcSelectExecutor {
        @Override
        public <T, R> T executeQuery(JdbcSelect jdbcSelect, JdbcParameterBindings bindings, ExecutionContext context,
                                     RowTransformer<R> rowTransformer, Class<R> domainResultType,
                                     StatementCreator statementCreator, ResultsConsumer<T, R> resultsConsumer) {
            runtime.enter(name(jdbcSelect, context), context.getSession(), valuesHash(bindings));
            try {
                return delegate.executeQuery(jdbcSelect, bindings, context, rowTransformer, domainResultType,
                        statementCreator, resultsConsumer);
            } finally {
                runtime.exit();
            }
        }

        @Override
        public <T, R> T executeQuery(JdbcSelect jdbcSelect, JdbcParameterBindings bindings, ExecutionContext context,
                                     RowTransformer<R> rowTransformer, Class<R> domainResultType,
                                     int resultCountEstimate, StatementCreator statementCreator,
                                     ResultsConsumer<T, R> resultsConsumer) {
            runtime.enter(name(jdbcSelect, context), context.getSession(), valuesHash(bindings));
            try {
                return delegate.executeQuery(jdbcSelect, bindings, context, rowTransformer, domainResultType,
                        resultCountEstimate, statementCreator, resultsConsumer);
            } finally {
                runtime.exit();
            }
        }

        private String name(JdbcSelect jdbcSelect, ExecutionContext context) {
            ThreadState thread = runtime.core().thread();
            return runtime.model().selectName(context, jdbcSelect.getSqlString(), thread.takeIntent(),
                    runtime.core().shapes());
        }
    }

    private record NamingMutationExecutor(JdbcMutationExecutor delegate, TrackingRuntime runtime)
            implements JdbcMutationExecutor {
        @Override
        public int execute(JdbcOperationQueryMutation jdbcMutation, JdbcParameterBindings bindings,
                           Function<String, PreparedStatement> statementCreator,
                           BiConsumer<Integer, PreparedStatement> expectationCheck, ExecutionContext context) {
            // Hibernate hands HQL and native mutations over through the same adapter; only the
            // operation's class tells them apart (JdbcOperationQueryMutationNative for native SQL)
            boolean nativeQuery = jdbcMutation.getClass().getSimpleName().endsWith("Native");
            runtime.enter(runtime.model().mutationName(context, jdbcMutation.getSqlString(), nativeQuery, runtime.core().shapes()),
                    context.getSession(), 0);
            try {
                return delegate.execute(jdbcMutation, bindings, statementCreator, expectationCheck, context);
            } finally {
                runtime.exit();
            }
        }
    }

}
