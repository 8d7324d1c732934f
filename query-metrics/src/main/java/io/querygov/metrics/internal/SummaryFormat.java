package io.querygov.metrics.internal;

import io.querygov.metrics.MetricsSnapshot;
import io.querygov.metrics.QueryStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The few aligned lines of {@link MetricsSnapshot#summary()}. */
public final class SummaryFormat {
    private static final String[] HEADER = {"query", "type", "calls", "errors", "slow", "rows",
        "mean", "p50", "p95", "p99", "max", "total"};

    private SummaryFormat() {
    }

    public static String format(MetricsSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "query metrics %s .. %s (%s), %d queries, times in ms%n",
                s.start(), s.end(), seconds(s.duration()), s.queries().size()));
        if (s.isEmpty()) {
            return out.append("no query ran").toString();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (QueryStats q : s.queries()) {
            rows.add(new String[] {q.name(), q.isOverflow() ? "-" : q.type().name(),
                Long.toString(q.count()), Long.toString(q.errors()), Long.toString(q.slowCount()), Long.toString(q.rows()),
                millis(q.mean()), millis(q.p50()), millis(q.p95()), millis(q.p99()), millis(q.max()), millis(q.totalTime())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                // names and types to the left, numbers to the right
                String cell = i < 2 ? pad(row[i], widths[i], false) : pad(row[i], widths[i], true);
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            out.append(line.toString().stripTrailing());
            if (r < rows.size() - 1) {
                out.append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e6);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f s", d.toMillis() / 1e3);
    }
}
