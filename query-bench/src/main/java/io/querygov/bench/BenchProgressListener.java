package io.querygov.bench;

import io.querygov.core.QueryDescriptor;

/**
 * Hears about a benchmark while it runs, for a progress line. Every method has a no-op default. Methods are
 * called from the thread that called {@link BenchmarkEngine#run}, never from a worker, so a slow listener
 * delays only the next progress event, not the calls being measured. A listener that throws is logged and
 * the run goes on.
 */
public interface BenchProgressListener {

    /** A listener that does nothing. */
    BenchProgressListener NOP = new BenchProgressListener() {
        @Override
        public String toString() {
            return "BenchProgressListener.NOP";
        }
    };

    /** A query is about to run. */
    default void queryStarted(QueryDescriptor query, int queryIndex, int queryCount) {
    }

    /**
     * A query's phase is under way: called at most every {@link BenchOptions#progressInterval()} while it runs,
     * and once at its end with {@link BenchProgress#last()} set.
     */
    default void progress(BenchProgress progress) {
    }

    /** A query is done, measured or not. */
    default void queryFinished(QueryBenchResult result) {
    }
}
