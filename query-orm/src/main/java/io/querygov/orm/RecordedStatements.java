package io.querygov.orm;

import io.querygov.core.SqlFingerprint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The statements a block ran, in the order they were sent, with assertions in the spirit of
 * QuickPerf and Hypersistence's statement-count validator. Immutable.
 *
 * <pre>{@code
 * RecordedStatements recorded = tracking.record(() -> projects.dashboard(ownerId));
 * recorded.assertAtMost(3);
 * recorded.assertNoNPlusOne();
 * }</pre>
 *
 * Assertions throw {@link AssertionError}, listing every statement, so any test framework reports them.
 */
public final class RecordedStatements {
    private final List<RecordedStatement> statements;
    private final int nPlusOneThreshold;

    RecordedStatements(List<RecordedStatement> statements, int nPlusOneThreshold) {
        this.statements = List.copyOf(statements);
        this.nPlusOneThreshold = nPlusOneThreshold;
    }

    public List<RecordedStatement> statements() {
        return statements;
    }

    public int size() {
        return statements.size();
    }

    /** The tracked names, in order, one per statement. */
    public List<String> names() {
        return statements.stream().map(RecordedStatement::name).toList();
    }

    /** How many statements match. */
    public int count(Predicate<? super RecordedStatement> predicate) {
        return (int) statements.stream().filter(predicate).count();
    }

    /** How many statements ran under this tracked name. */
    public int count(String name) {
        return count(s -> s.name().equals(name));
    }

    /**
     * Shapes that a unit of work ran with more than {@code maxRepeats} different parameter values, counting
     * only plain reads of one key at a time: batch fetches and IN lists are the cure for N+1, not a case of it,
     * and one query run again with the same values is a repeated query.
     */
    public List<Repetition> repetitions(int maxRepeats) {
        if (maxRepeats < 1) {
            throw new IllegalArgumentException("maxRepeats must be at least 1, was " + maxRepeats);
        }
        record Key(long unitOfWork, SqlFingerprint shape) {
        }
        Map<Key, List<RecordedStatement>> byShape = new LinkedHashMap<>();
        for (RecordedStatement s : statements) {
            if (s.countsTowardsNPlusOne()) {
                byShape.computeIfAbsent(new Key(s.unitOfWork(), s.shape()), k -> new ArrayList<>()).add(s);
            }
        }
        List<Repetition> out = new ArrayList<>();
        byShape.forEach((key, runs) -> {
            // as the tracking counts: the same values again is a repeated query, not one more of the N
            long unknown = runs.stream().filter(r -> r.parameterValues() == 0).count();
            long distinct = runs.stream().mapToLong(RecordedStatement::parameterValues).filter(v -> v != 0).distinct().count();
            if (unknown + distinct > maxRepeats) {
                out.add(new Repetition(runs.get(0).name(), key.shape(), runs.size()));
            }
        });
        return List.copyOf(out);
    }

    /** Fails unless exactly {@code expected} statements ran. */
    public RecordedStatements assertCount(int expected) {
        if (statements.size() != expected) {
            throw new AssertionError("Expected " + expected + plural(expected) + ", " + ran() + listing());
        }
        return this;
    }

    /** Fails when more than {@code max} statements ran. */
    public RecordedStatements assertAtMost(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max cannot be negative, was " + max);
        }
        if (statements.size() > max) {
            throw new AssertionError("Expected at most " + max + plural(max) + ", " + ran() + listing());
        }
        return this;
    }

    /** Fails when a unit of work repeated a read more often than the tracking's N+1 threshold allows. */
    public RecordedStatements assertNoNPlusOne() {
        return assertNoNPlusOne(nPlusOneThreshold);
    }

    /**
     * Fails when a unit of work ran the same plain read more than {@code maxRepeats} times. In a test
     * with a handful of rows, a small number such as 1 catches an N+1 that the production threshold
     * would only see at scale.
     */
    public RecordedStatements assertNoNPlusOne(int maxRepeats) {
        List<Repetition> found = repetitions(maxRepeats);
        if (!found.isEmpty()) {
            StringBuilder sb = new StringBuilder("Expected no read repeated more than ").append(maxRepeats)
                    .append(maxRepeats == 1 ? " time" : " times").append(" in a unit of work, found ")
                    .append(found.size()).append(':');
            for (Repetition r : found) {
                sb.append("\n  ").append(r.name()).append(" ran ").append(r.executions()).append(" times: ")
                        .append(r.shape().abbreviated(160));
            }
            throw new AssertionError(sb.append(listing()).toString());
        }
        return this;
    }

    @Override
    public String toString() {
        return "RecordedStatements" + names();
    }

    private String ran() {
        return statements.size() + " ran";
    }

    private static String plural(int n) {
        return n == 1 ? " statement" : " statements";
    }

    private String listing() {
        StringBuilder sb = new StringBuilder();
        sb.append(statements.isEmpty() ? "" : ":");
        for (int i = 0; i < statements.size(); i++) {
            sb.append("\n  ").append(i + 1).append(". ").append(statements.get(i));
        }
        return sb.toString();
    }

    /**
     * A read one unit of work repeated.
     *
     * @param name the tracked name of its first execution
     * @param shape its shape
     * @param executions how often it ran in that unit of work
     */
    public record Repetition(String name, SqlFingerprint shape, int executions) {
        public Repetition {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(shape, "shape");
        }
    }
}
