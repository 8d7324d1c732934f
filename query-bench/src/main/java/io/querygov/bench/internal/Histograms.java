package io.querygov.bench.internal;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The benchmark's histograms: how they are made, and their text form in a saved run.
 *
 * <p>The text form is the same as query-metrics' (HdrHistogram's compressed encoding in base64, so a saved run's
 * histograms and a metrics snapshot's read alike), written here again on purpose: query-bench depends on core and
 * HdrHistogram only, and taking query-metrics for these dozen lines would tie the saved-run format to the service
 * module's internals.
 */
public final class Histograms {
    /**
     * Values up to an hour are recorded without resizing; a longer one resizes the histogram once, off the
     * usual path, rather than failing the call it measures.
     */
    static final long PREALLOCATED_MAX_NANOS = TimeUnit.HOURS.toNanos(1);
    /** Three significant digits: 0.1% resolution, as pgbench and wrk2 report. */
    static final int SIGNIFICANT_DIGITS = 3;

    private Histograms() {
    }

    /** An empty histogram of nanoseconds, sized so that recording never allocates. */
    public static Histogram newNanos() {
        Histogram h = new Histogram(1, PREALLOCATED_MAX_NANOS, SIGNIFICANT_DIGITS);
        h.setAutoResize(true);
        return h;
    }

    /**
     * An empty histogram of nanoseconds at two significant digits (1%), for the per-interval statistics: a twentieth
     * of the memory, and a resolution well inside any tolerance a gate is given.
     */
    public static Histogram newCoarseNanos() {
        Histogram h = new Histogram(1, PREALLOCATED_MAX_NANOS, 2);
        h.setAutoResize(true);
        return h;
    }

    /** HdrHistogram's compressed encoding, in base64: the whole distribution in a few hundred bytes. */
    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /**
     * Reads what {@link #encode} wrote.
     *
     * @throws IllegalArgumentException saying what is wrong when the text is not such a histogram
     */
    public static Histogram decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64: " + e.getMessage(), e);
        }
        try {
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
            h.setAutoResize(true);
            return h;
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not a compressed HdrHistogram: " + e, e);
        }
    }
}
