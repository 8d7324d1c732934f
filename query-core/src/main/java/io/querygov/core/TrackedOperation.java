package io.querygov.core;

/**
 * The work a tracker measures: usually one statement. It may throw any exception, checked or not;
 * the tracker rethrows it unchanged.
 *
 * @param <R> what the operation returns
 * @param <X> what it may throw
 */
@FunctionalInterface
public interface TrackedOperation<R, X extends Exception> {
    R call() throws X;
}
