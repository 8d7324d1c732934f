package io.querygov.spring;

import io.querygov.core.QueryExecution;
import io.querygov.core.QueryListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every execution a tracker hands it, so that tests can count them by name. */
final class RecordingListener implements QueryListener {
    final List<QueryExecution> executions = new CopyOnWriteArrayList<>();

    @Override
    public void afterExecution(QueryExecution execution) {
        executions.add(execution);
    }

    List<QueryExecution> named(String name) {
        return executions.stream().filter(e -> e.name().equals(name)).toList();
    }

    List<QueryExecution> withStatement(String sqlPart) {
        return executions.stream()
                .filter(e -> e.query().statement().map(s -> s.contains(sqlPart)).orElse(false)).toList();
    }
}
