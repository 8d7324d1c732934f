package io.querygov.raw.jdbi;

import io.querygov.core.QueryExecution;
import io.querygov.core.QueryListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every execution it is handed, for assertions. */
final class RecordingListener implements QueryListener {
    private final List<QueryExecution> executions = new CopyOnWriteArrayList<>();

    @Override
    public void afterExecution(QueryExecution execution) {
        executions.add(execution);
    }

    List<QueryExecution> executions() {
        return List.copyOf(executions);
    }

    QueryExecution only() {
        if (executions.size() != 1) {
            throw new AssertionError("expected one execution, got " + executions);
        }
        return executions.get(0);
    }

    QueryExecution last() {
        return executions.get(executions.size() - 1);
    }

    void clear() {
        executions.clear();
    }
}
