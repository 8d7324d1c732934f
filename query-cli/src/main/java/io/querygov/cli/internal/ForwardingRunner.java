package io.querygov.cli.internal;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A runner in front of another: every call goes to the other one, through {@link #around}, so that what a
 * benchmark adds to each call (a count, a guard) is written once for {@code execute} and {@code fetch}.
 */
public abstract class ForwardingRunner implements QueryRunner {
    /** The runner that runs the calls. */
    protected final QueryRunner runner;

    protected ForwardingRunner(QueryRunner runner) {
        this.runner = runner;
    }

    @Override
    public boolean supports(QueryDescriptor query) {
        return runner.supports(query);
    }

    @Override
    public long execute(QueryDescriptor query, Map<String, Object> parameters) throws Exception {
        return around(query, () -> runner.execute(query, parameters));
    }

    @Override
    public List<List<Object>> fetch(QueryDescriptor query, Map<String, Object> parameters) throws Exception {
        return around(query, () -> runner.fetch(query, parameters));
    }

    /** Makes one call of {@code query}: as it is, unless a subclass adds to it. */
    protected <T> T around(QueryDescriptor query, Callable<T> call) throws Exception {
        return call.call();
    }
}
