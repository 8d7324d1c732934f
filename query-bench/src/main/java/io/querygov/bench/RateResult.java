package io.querygov.bench;

import io.querygov.bench.internal.Histograms;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What a rate-limited query adds to its result: how long the calls themselves took, and how far the calls
 * fell behind their schedule.
 *
 * <p>The query's {@link QueryBenchResult#latency() latency} counts from each call's <em>intended</em> start,
 * the time the schedule gave it; the service time counts from its <em>actual</em> start. When the database
 * stalls for 500 ms at 100 calls per second, the 50 calls that should have started during the stall wait;
 * their service times look normal, but their latencies include the wait, as the users who sent them would
 * have felt it. Judging by service time alone is coordinated omission (Gil Tene's term; see HdrHistogram's
 * README): the benchmark politely stops sending while the system is slow, and the slow period nearly
 * vanishes from the results.
 *
 * @param targetPerSecond the rate asked for, calls per second across all threads
 * @param serviceTime durations from each call's actual start to its end
 * @param serviceTimeHistogram the same durations in nanoseconds, as HdrHistogram's compressed, base64 form
 * @param scheduleLag how late each call started: actual start minus intended start, like pgbench -R's lag
 * @param missedStarts calls the schedule placed inside the measured window that never started because the
 *        threads were still behind when the window closed; always 0 when measuring by iterations
 */
public record RateResult(double targetPerSecond, LatencySummary serviceTime, String serviceTimeHistogram,
                         LatencySummary scheduleLag, long missedStarts) {

    public RateResult {
        Objects.requireNonNull(serviceTime, "serviceTime");
        Objects.requireNonNull(serviceTimeHistogram, "serviceTimeHistogram");
        Objects.requireNonNull(scheduleLag, "scheduleLag");
    }

    /** A fresh copy of the service time distribution, in nanoseconds. */
    public Histogram decodeServiceTimeHistogram() {
        return Histograms.decode(serviceTimeHistogram);
    }
}
