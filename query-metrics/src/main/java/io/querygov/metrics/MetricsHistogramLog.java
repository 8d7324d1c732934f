package io.querygov.metrics;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Snapshots as an HdrHistogram interval log, which {@link HistogramLogReader}, HdrHistogram's
 * {@code HistogramLogProcessor} and the HdrHistogram tools of other languages read: one tagged
 * interval histogram per query per snapshot, the tag being the query name.
 *
 * <p>Tags cannot hold commas or whitespace, so {@link #tagOf(String)} writes {@code %}, {@code ,},
 * whitespace and control characters as in URLs ({@code ,} is {@code %2C}); {@link #queryNameOf(String)}
 * reverses it. Query names have no whitespace, so most tags are the name itself. The log's time
 * stamps are relative to the first snapshot's start (its {@code BaseTime}); its {@code Interval_Max}
 * column is in milliseconds; the histograms' values are in the snapshot's
 * {@link MetricsSnapshot#histogramUnit() unit}, which a comment line at the top states.
 *
 * <pre>{@code
 * try (MetricsHistogramLog log = new MetricsHistogramLog(new FileOutputStream("queries.hlog"))) {
 *     every minute: log.append(metrics.intervalSnapshot());
 * }
 * }</pre>
 *
 * <p>Appending is synchronized; the stream is flushed after each snapshot.
 */
public final class MetricsHistogramLog implements Closeable {
    private final PrintStream out;
    private final HistogramLogWriter writer;
    private TimeUnit unit;

    /** A log written to {@code out}, which {@link #close()} closes. */
    public MetricsHistogramLog(OutputStream out) {
        this.out = out instanceof PrintStream ? (PrintStream) out : new PrintStream(out, false, StandardCharsets.UTF_8);
        this.writer = new HistogramLogWriter(this.out);
    }

    /** Writes a log of one snapshot to {@code out}, flushed but not closed. */
    public static void write(MetricsSnapshot snapshot, OutputStream out) {
        new MetricsHistogramLog(out).append(snapshot);
    }

    /**
     * Appends one interval histogram per query of the snapshot; the first snapshot also writes the
     * header.
     *
     * @throws IllegalArgumentException when the snapshot's unit is not that of the snapshots before
     */
    public synchronized void append(MetricsSnapshot snapshot) {
        if (unit == null) {
            unit = snapshot.histogramUnit();
            long base = snapshot.start().toEpochMilli();
            writer.outputLogFormatVersion();
            writer.outputComment("querygov query metrics: one interval histogram per query, tagged with the query name"
                    + " ('%', ',' and whitespace as %XX); values in " + unit.name().toLowerCase(Locale.ROOT));
            writer.outputStartTime(base);
            writer.setBaseTime(base);
            writer.outputBaseTime(base);
            writer.outputLegend();
        } else if (snapshot.histogramUnit() != unit) {
            throw new IllegalArgumentException("this log holds values in " + unit + ", the snapshot is in "
                    + snapshot.histogramUnit() + ": write it to another log");
        }
        double start = (snapshot.start().toEpochMilli() - writer.getBaseTime()) / 1000.0;
        double end = (snapshot.end().toEpochMilli() - writer.getBaseTime()) / 1000.0;
        double unitsPerMilli = unit.convert(1, TimeUnit.MILLISECONDS);
        for (QueryStats q : snapshot.queries()) {
            Histogram h = q.histogram();
            h.setTag(tagOf(q.name()));
            writer.outputIntervalHistogram(start, end, h, unitsPerMilli);
        }
        out.flush();
    }

    @Override
    public void close() {
        writer.close();
    }

    /**
     * The HdrHistogram tag for a query name: {@code %}, {@code ,}, whitespace and control characters
     * become {@code %XX} per UTF-8 byte, as in URLs.
     */
    public static String tagOf(String queryName) {
        StringBuilder tag = new StringBuilder(queryName.length());
        queryName.codePoints().forEach(c -> {
            if (c == '%' || c == ',' || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    tag.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
                }
            } else {
                tag.appendCodePoint(c);
            }
        });
        return tag.toString();
    }

    /** The query name of a tag written by {@link #tagOf(String)}. */
    public static String queryNameOf(String tag) {
        StringBuilder name = new StringBuilder(tag.length());
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c == '%' && i + 2 < tag.length() && isHex(tag.charAt(i + 1)) && isHex(tag.charAt(i + 2))) {
                escaped.write(Integer.parseInt(tag, i + 1, i + 3, 16));
                i += 2;
            } else {
                name.append(escaped.toString(StandardCharsets.UTF_8));
                escaped.reset();
                name.append(c);
            }
        }
        return name.append(escaped.toString(StandardCharsets.UTF_8)).toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }
}
