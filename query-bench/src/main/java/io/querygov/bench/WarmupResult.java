package io.querygov.bench;

/**
 * What a query's warmup did: its calls are never part of the measured results.
 *
 * @param calls successful warmup calls, all threads
 * @param errors failed warmup calls, all threads
 * @param nanos how long the warmup took, from its start until the last thread finished it
 */
public record WarmupResult(long calls, long errors, long nanos) {
    public static final WarmupResult NONE = new WarmupResult(0, 0, 0);
}
