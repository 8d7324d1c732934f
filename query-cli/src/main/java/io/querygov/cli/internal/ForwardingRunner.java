package io.querygov.cli.internal;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import java.util.List;
import java.util.Map;

/**
 * A runner in front of another: every call goes to the other one, between {@link #beforeCall} and
 * {@link #afterCall}, so that what a benchmark adds to each call (a count, a guard) is written once for
 * {@code execute} and {@code fetch}. The hooks take and return primitives, not a callable: the calls run inside the
 * benchmark's timed region, where a capturing lambda and a boxed row count per call would be measured too.
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
        long mark = beforeCall(query);
        try {
            return runner.execute(query, parameters);
        } catch (Exception e) {
            throw failed(query, e);
        } finally {
            afterCall(query, mark);
        }
    }

    // The same steps as execute: a shared body would need a callable per call, which is what the hooks avoid
    @Override
    public List<List<Object>> fetch(QueryDescriptor query, Map<String, Object> parameters) throws Exception {
        long mark = beforeCall(query);
        try {
            return runner.fetch(query, parameters);
        } catch (Exception e) {
            throw failed(query, e);
        } finally {
            afterCall(query, mark);
        }
    }

    /**
     * Before a call of {@code query}: may refuse it by throwing; returns what {@link #afterCall} is given.
     * Nothing by default.
     */
    protected long beforeCall(QueryDescriptor query) throws Exception {
        return 0;
    }

    /** What a call that threw {@code error} throws: {@code error} itself by default. */
    protected Exception failed(QueryDescriptor query, Exception error) {
        return error;
    }

    /** After a call of {@code query}, whether it returned or threw, with what {@link #beforeCall} returned. */
    protected void afterCall(QueryDescriptor query, long mark) {
    }
}
