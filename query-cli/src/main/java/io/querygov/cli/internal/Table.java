package io.querygov.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Rows of typed values, printed as aligned text for people (numbers right-aligned), as CSV, or as JSON objects
 * keyed by each column's stable key. Cells hold strings, numbers, booleans, collections (joined with ", " in text
 * and CSV, arrays in JSON) or null (shown as "-", empty in CSV).
 */
public final class Table {
    private static final String NONE = "-";

    private final List<Column> columns;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * A column: its header for people, its key for JSON, and how its values read as text.
     *
     * @param decimals digits after the point for non-integral numbers
     * @param maxWidth longest text shown in a table cell, cut with "..." beyond; 0 for no limit (CSV and JSON are
     *        never cut)
     */
    public record Column(String header, String key, boolean numeric, int decimals, int maxWidth) {
        public Column {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(key, "key");
        }

        public static Column text(String header, String key) {
            return new Column(header, key, false, 0, 0);
        }

        public static Column text(String header, String key, int maxWidth) {
            return new Column(header, key, false, 0, maxWidth);
        }

        public static Column number(String header, String key, int decimals) {
            return new Column(header, key, true, decimals, 0);
        }
    }

    public Table(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    public static Table of(Column... columns) {
        return new Table(List.of(columns));
    }

    /** Adds a row; one value per column, in column order. */
    public Table row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + columns.size() + " columns got " + values.length
                    + " values");
        }
        rows.add(values.clone());
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** Aligned text: a header, a rule, the rows; every line ends with a newline and has no trailing blanks. */
    public String text() {
        int n = columns.size();
        List<String[]> cells = new ArrayList<>();
        int[] widths = new int[n];
        for (int c = 0; c < n; c++) {
            widths[c] = columns.get(c).header().length();
        }
        for (Object[] row : rows) {
            String[] line = new String[n];
            for (int c = 0; c < n; c++) {
                line[c] = cut(cellText(columns.get(c), row[c]), columns.get(c).maxWidth());
                widths[c] = Math.max(widths[c], line[c].length());
            }
            cells.add(line);
        }
        StringBuilder out = new StringBuilder();
        String[] header = columns.stream().map(Column::header).toArray(String[]::new);
        line(out, header, widths);
        String[] rule = new String[n];
        for (int c = 0; c < n; c++) {
            rule[c] = "-".repeat(widths[c]);
        }
        line(out, rule, widths);
        for (String[] line : cells) {
            line(out, line, widths);
        }
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String cell = cells[c];
            int pad = widths[c] - cell.length();
            if (columns.get(c).numeric()) {
                line.append(" ".repeat(pad)).append(cell);
            } else {
                line.append(cell).append(" ".repeat(pad));
            }
        }
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        out.append(line, 0, end).append('\n');
    }

    /** RFC 4180 CSV with a header row of the columns' keys. */
    public void csv(PrintWriter out) {
        out.print(String.join(",", columns.stream().map(c -> csvQuote(c.key())).toList()));
        out.print("\r\n");
        for (Object[] row : rows) {
            List<String> line = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                Object value = row[c];
                boolean empty = value == null || value instanceof Collection<?> list && list.isEmpty();
                line.add(empty ? "" : csvQuote(cellText(columns.get(c), value)));
            }
            out.print(String.join(",", line));
            out.print("\r\n");
        }
        out.flush();
    }

    /** The rows as JSON-ready maps, keyed by the columns' keys, in column order. */
    public List<Map<String, Object>> json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] row : rows) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                object.put(columns.get(c).key(), row[c]);
            }
            out.add(object);
        }
        return out;
    }

    private static String cellText(Column column, Object value) {
        if (value == null) {
            return NONE;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                return NONE;
            }
            return String.format(Locale.ROOT, "%." + column.decimals() + "f", d);
        }
        if (value instanceof Collection<?> list) {
            return list.isEmpty() ? NONE : String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value).replace('\n', ' ').replace('\r', ' ');
    }

    private static String cut(String text, int maxWidth) {
        if (maxWidth <= 0 || text.length() <= maxWidth) {
            return text;
        }
        return text.substring(0, Math.max(0, maxWidth - 3)) + "...";
    }

    private static String csvQuote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
