package io.querygov.core;

import java.util.Collection;
import java.util.Optional;

/**
 * Tells how many rows an operation's result stands for, or {@link QueryExecution#UNKNOWN_ROWS}.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface RowCounter<R> {

    /**
     * Counts what the result's type makes unambiguous: a collection's size, the sum of a batch's
     * {@code int[]} or {@code long[]} update counts, an {@link Optional}'s 0 or 1. Anything else,
     * including a single number, is unknown: a number may be an update count or a {@code count(*)}.
     */
    RowCounter<Object> INFERRED = result -> {
        if (result instanceof Collection) {
            return ((Collection<?>) result).size();
        }
        if (result instanceof int[]) {
            long sum = 0;
            for (int n : (int[]) result) {
                sum += Math.max(n, 0);
            }
            return sum;
        }
        if (result instanceof long[]) {
            long sum = 0;
            for (long n : (long[]) result) {
                sum += Math.max(n, 0);
            }
            return sum;
        }
        if (result instanceof Optional) {
            return ((Optional<?>) result).isPresent() ? 1 : 0;
        }
        return QueryExecution.UNKNOWN_ROWS;
    };

    /** The result is an update count, as {@code executeUpdate} returns. */
    RowCounter<Number> UPDATE_COUNT = result -> result == null ? QueryExecution.UNKNOWN_ROWS : Math.max(result.longValue(), 0);

    long rows(R result);
}
