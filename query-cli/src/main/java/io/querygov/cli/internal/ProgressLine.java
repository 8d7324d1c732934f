package io.querygov.cli.internal;

import io.querygov.bench.BenchProgress;
import io.querygov.bench.BenchProgressListener;
import io.querygov.bench.QueryBenchResult;
import io.querygov.core.QueryDescriptor;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A benchmark's progress on standard error: a line that rewrites itself while a query runs, in a terminal, and one
 * line per query when standard error is not a terminal (a CI log, a file).
 */
public final class ProgressLine implements BenchProgressListener {
    private final Notes notes;
    private final Consumer<QueryBenchResult> finished;
    private int index;
    private int count;

    public ProgressLine(Notes notes) {
        this(notes, result -> { });
    }

    /** Also hands each query's result to {@code finished} as it comes: for a report of a run cut short. */
    public ProgressLine(Notes notes, Consumer<QueryBenchResult> finished) {
        this.notes = notes;
        this.finished = finished;
    }

    @Override
    public void queryStarted(QueryDescriptor query, int queryIndex, int queryCount) {
        index = queryIndex;
        count = queryCount;
    }

    @Override
    public void progress(BenchProgress p) {
        notes.progress(String.format(Locale.ROOT, "[%d/%d] %s %s %.1fs: %d calls, %.0f/s, mean %.2f ms",
                p.queryIndex() + 1, p.queryCount(), p.query(), p.phase().name().toLowerCase(Locale.ROOT),
                p.elapsedNanos() / 1e9, p.calls(), p.intervalThroughput(), p.intervalMeanLatencyMicros() / 1e3));
    }

    @Override
    public void queryFinished(QueryBenchResult q) {
        finished.accept(q);
        if (!notes.terminal()) {
            notes.note(String.format(Locale.ROOT, "[%d/%d] %s: %s", index + 1, count, q.name(), q.isMeasured()
                    ? String.format(Locale.ROOT, "%d calls, %.1f/s, p95 %.3f ms", q.calls(), q.throughputPerSecond(),
                    q.latency().p95Micros() / 1e3)
                    : q.status().name().toLowerCase(Locale.ROOT)));
        }
    }
}
