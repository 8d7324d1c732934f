package io.querygov.metrics.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/** HdrHistogram's encodings, to keep histograms small in snapshots and to put them in text. */
public final class Histograms {
    private Histograms() {
    }

    /** HdrHistogram's compact encoding: a few bytes per non-empty bucket. */
    public static byte[] encode(AbstractHistogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoByteBuffer(buffer);
        return Arrays.copyOf(buffer.array(), length);
    }

    /** A new auto-resizing histogram from {@link #encode}. */
    public static Histogram decode(byte[] encoded) {
        Histogram h = Histogram.decodeFromByteBuffer(ByteBuffer.wrap(encoded), 0);
        h.setAutoResize(true);
        return h;
    }

    /** The base64 text of the compressed encoding: what HdrHistogram's interval logs hold. */
    public static String toBase64(AbstractHistogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer, Deflater.DEFAULT_COMPRESSION);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /** A histogram from {@link #toBase64}, or from the last column of an HdrHistogram log line. */
    public static Histogram fromBase64(String text) {
        try {
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(text)), 0);
            h.setAutoResize(true);
            return h;
        } catch (DataFormatException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("not a compressed HdrHistogram in base64: " + e.getMessage(), e);
        }
    }
}
