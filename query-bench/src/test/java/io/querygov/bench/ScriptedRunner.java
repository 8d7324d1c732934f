package io.querygov.bench;

import io.querygov.core.ManualClock;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A synthetic runner: each call of a query advances a manual clock by a scripted duration and returns
 * scripted rows, or throws. The engine's input, not a database stand-in.
 */
final class ScriptedRunner implements QueryRunner {

    /** What the n-th call (0-based, per query, across threads) does. */
    @FunctionalInterface
    interface Script {
        Step call(long n) throws Exception;
    }

    record Step(long nanos, long rows) {
        static Step millis(long ms, long rows) {
            return new Step(ms * 1_000_000L, rows);
        }
    }

    private final ManualClock clock;
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Set<String> unsupported = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicLong> callsByThread = new ConcurrentHashMap<>();
    final List<Map<String, Object>> seenParameters = new java.util.concurrent.CopyOnWriteArrayList<>();

    ScriptedRunner(ManualClock clock) {
        this.clock = clock;
    }

    ScriptedRunner script(String query, Script script) {
        scripts.put(query, script);
        return this;
    }

    ScriptedRunner unsupported(String query) {
        unsupported.add(query);
        return this;
    }

    long calls(String query) {
        AtomicLong n = calls.get(query);
        return n == null ? 0 : n.get();
    }

    long callsOnThread(String query, String threadName) {
        AtomicLong n = callsByThread.get(query + "@" + threadName);
        return n == null ? 0 : n.get();
    }

    @Override
    public boolean supports(QueryDescriptor query) {
        return !unsupported.contains(query.name());
    }

    @Override
    public long execute(QueryDescriptor query, Map<String, Object> parameters) throws Exception {
        long n = calls.computeIfAbsent(query.name(), k -> new AtomicLong()).getAndIncrement();
        callsByThread.computeIfAbsent(query.name() + "@" + Thread.currentThread().getName(), k -> new AtomicLong())
                .incrementAndGet();
        if (!parameters.isEmpty()) {
            seenParameters.add(parameters);
        }
        Script script = scripts.getOrDefault(query.name(), k -> Step.millis(1, 1));
        Step step = script.call(n);
        clock.advanceNanos(step.nanos());
        return step.rows();
    }

    @Override
    public List<List<Object>> fetch(QueryDescriptor query, Map<String, Object> parameters) {
        throw new UnsupportedOperationException("benchmarks only execute");
    }
}
