package io.querygov.cli.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rows of two variants of a report, compared as people would: numbers by value (floating point to 9 significant
 * digits, since SQL and Java average in different orders), timestamps by instant, everything else by text.
 */
public final class ResultRows {
    private static final MathContext DIGITS = new MathContext(9);

    /** How two results compare. */
    public enum Match {
        /** The same rows in the same order. */
        SAME,
        /** The same rows in another order: equal for a report without ORDER BY. */
        SAME_ROWS_OTHER_ORDER,
        /** Different rows. */
        DIFFERENT
    }

    private ResultRows() {
    }

    public static Match compare(List<List<Object>> a, List<List<Object>> b) {
        List<List<String>> left = normalize(a);
        List<List<String>> right = normalize(b);
        if (left.equals(right)) {
            return Match.SAME;
        }
        Comparator<List<String>> order = Comparator.comparing(Object::toString);
        List<List<String>> sortedLeft = new ArrayList<>(left);
        List<List<String>> sortedRight = new ArrayList<>(right);
        sortedLeft.sort(order);
        sortedRight.sort(order);
        return sortedLeft.equals(sortedRight) ? Match.SAME_ROWS_OTHER_ORDER : Match.DIFFERENT;
    }

    static List<List<String>> normalize(List<List<Object>> rows) {
        List<List<String>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<String> values = new ArrayList<>(row.size());
            for (Object value : row) {
                values.add(value(value));
            }
            out.add(values);
        }
        return out;
    }

    static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : number(new BigDecimal(d).round(DIGITS));
        }
        if (v instanceof Float f) {
            return number(new BigDecimal(f.doubleValue()).round(new MathContext(6)));
        }
        if (v instanceof BigDecimal d) {
            return number(d.round(DIGITS));
        }
        if (v instanceof Number n) {
            return number(new BigDecimal(n.toString()));
        }
        if (v instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (v instanceof ZonedDateTime t) {
            return t.toInstant().toString();
        }
        if (v instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toString();
        }
        if (v instanceof Instant t) {
            return t.toString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        return v.toString();
    }

    private static String number(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.signum() == 0 ? "0" : stripped.toPlainString();
    }
}
