package io.querygov.metrics;

import static io.querygov.metrics.SampleMetrics.FIND;
import static io.querygov.metrics.SampleMetrics.REPORT;
import static io.querygov.metrics.SampleMetrics.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

/** Snapshots as an HdrHistogram interval log, read back with HdrHistogram's own reader. */
class MetricsHistogramLogTest {
    private final SampleMetrics sample = new SampleMetrics();

    @Test
    void histogramLogReadsBackWithHdrHistogramsOwnReader() throws Exception {
        MetricsSnapshot first = sample.interval(1);
        MetricsSnapshot second = sample.interval(2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MetricsHistogramLog log = new MetricsHistogramLog(out)) {
            log.append(first);
            log.append(second);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Tag=Reports.monthly%2Cby_owner%25,"), text);
        assertTrue(text.contains("values in microseconds"), text);

        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(out.toByteArray()));
        List<QueryStats> expected = new ArrayList<>(first.queries());
        expected.addAll(second.queries());
        Iterator<QueryStats> next = expected.iterator();
        Map<String, Histogram> merged = new HashMap<>();
        EncodableHistogram read;
        int count = 0;
        while ((read = reader.nextIntervalHistogram()) != null) {
            QueryStats original = next.next();
            MetricsSnapshot window = count < first.queries().size() ? first : second;
            assertEquals(original.name(), MetricsHistogramLog.queryNameOf(read.getTag()));
            assertEquals(original.histogram(), read);
            assertEquals(window.start().toEpochMilli(), read.getStartTimeStamp());
            assertEquals(window.end().toEpochMilli(), read.getEndTimeStamp());
            merged.computeIfAbsent(original.name(), n -> new Histogram(2)).add((Histogram) read);
            count++;
        }
        assertFalse(next.hasNext());
        assertEquals(6, count);

        // merged across the intervals, another instance's reading equals our own cumulative histogram
        MetricsSnapshot cumulative = sample.metrics.cumulativeSnapshot();
        for (QueryStats q : cumulative.queries()) {
            assertEquals(q.histogram(), merged.get(q.name()), q.name());
        }
    }

    @Test
    void aLogHoldsOneUnit() {
        MetricsHistogramLog log = new MetricsHistogramLog(new ByteArrayOutputStream());
        log.append(MetricsSnapshot.of(T0, T0, TimeUnit.MICROSECONDS, List.of()));
        assertEquals("this log holds values in MICROSECONDS, the snapshot is in NANOSECONDS: write it to another log",
                assertThrows(IllegalArgumentException.class, () -> log.append(
                        MetricsSnapshot.of(T0, T0, TimeUnit.NANOSECONDS, List.of()))).getMessage());
    }

    @Test
    void tagsEscapeWhatHdrHistogramTagsCannotHold() {
        assertEquals(FIND, MetricsHistogramLog.tagOf(FIND));
        assertEquals("a%2Cb%25c%20d%C2%A0e", MetricsHistogramLog.tagOf("a,b%c d\u00a0e"));
        for (String name : List.of("a,b%c d\u00a0e", REPORT, "100%", "%2C", "x\u00e9y,")) {
            assertEquals(name, MetricsHistogramLog.queryNameOf(MetricsHistogramLog.tagOf(name)));
        }
    }
}
