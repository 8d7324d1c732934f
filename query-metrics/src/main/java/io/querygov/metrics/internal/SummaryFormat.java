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
    private static final String[] UNIT_HEADER = {"unit of work", "units", "failed", "statements", "p95", "max",
        "db mean", "db p95", "db max", "db total"};

    private SummaryFormat() {
    }

    public static String format(MetricsSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "query metrics %s .. %s (%s), %d queries, times in ms%n",
                s.start(), s.end(), seconds(s.duration()), s.queries().size()));
        if (s.isEmpty() && s.units().isEmpty()) {
            return out.append("no query ran").toString();
        }
        if (!s.isEmpty()) {
            table(out, queryRows(s), 2);
        } else {
            out.append("no query ran");
        }
        if (!s.units().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(UNIT_HEADER);
            for (QueryStats u : s.units()) {
                rows.add(new String[] {u.name(), Long.toString(u.count()), Long.toString(u.errors()),
                    String.format(Locale.ROOT, "%.1f", u.meanStatements()), Long.toString(u.p95Statements()),
                    Long.toString(u.maxStatements()), millis(u.mean()), millis(u.p95()), millis(u.max()), millis(u.totalTime())});
            }
            out.append(System.lineSeparator());
            table(out, rows, 1);
        }
        return out.toString();
    }

    private static List<String[]> queryRows(MetricsSnapshot s) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (QueryStats q : s.queries()) {
            rows.add(new String[] {q.name(), q.isOverflow() ? "-" : q.type().name(),
                Long.toString(q.count()), Long.toString(q.errors()), Long.toString(q.slowCount()), Long.toString(q.rows()),
                millis(q.mean()), millis(q.p50()), millis(q.p95()), millis(q.p99()), millis(q.max()), millis(q.totalTime())});
        }
        return rows;
    }

    /** Appends the rows aligned, the first {@code textColumns} to the left, the numbers to the right. */
    private static void table(StringBuilder out, List<String[]> rows, int textColumns) {
        int[] widths = new int[rows.get(0).length];
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
                String cell = i < textColumns ? pad(row[i], widths[i], false) : pad(row[i], widths[i], true);
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            out.append(line.toString().stripTrailing());
            if (r < rows.size() - 1) {
                out.append(System.lineSeparator());
            }
        }
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
