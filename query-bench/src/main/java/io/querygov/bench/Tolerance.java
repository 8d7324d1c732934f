package io.querygov.bench;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How much slower a query may get before a baseline comparison calls it a regression, as a fraction:
 * {@code 0.2} is 20%.
 *
 * @param fraction greater than 0, at most {@value #MAX_FRACTION}
 */
public record Tolerance(double fraction) {
    /** The largest tolerance accepted, 1000%: beyond it a gate would never close. */
    public static final double MAX_FRACTION = 10.0;

    public Tolerance {
        if (!(fraction > 0) || fraction > MAX_FRACTION) {
            throw new IllegalArgumentException("tolerance must be greater than 0% and at most "
                    + (int) (MAX_FRACTION * 100) + "%, was " + percent(fraction));
        }
    }

    public static Tolerance of(double fraction) {
        return new Tolerance(fraction);
    }

    /**
     * Reads a tolerance as written on a command line: a percentage such as {@code 20%} or {@code 7.5%}, or a
     * fraction below 1 such as {@code 0.2}.
     *
     * @throws IllegalArgumentException saying what was expected: a bare number of 1 or more is rejected as
     *         ambiguous, because {@code 20} could mean 20% or 2000%
     */
    public static Tolerance parse(String text) {
        double fraction = parseFraction(text, "tolerance", "20%", "0.2");
        if (!(fraction > 0) || fraction > MAX_FRACTION) {
            throw new IllegalArgumentException("tolerance '" + text + "' is out of range: it must be greater than 0%"
                    + " and at most " + (int) (MAX_FRACTION * 100) + "%");
        }
        return new Tolerance(fraction);
    }

    /**
     * A percentage ({@code 20%}) or a fraction below 1 ({@code 0.2}) as a fraction; a bare number of 1 or more is
     * refused as ambiguous. The caller checks its own range.
     */
    static double parseFraction(String text, String what, String percentExample, String fractionExample) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is empty: write a percentage such as " + percentExample);
        }
        String t = text.trim();
        boolean percent = t.endsWith("%");
        String number = percent ? t.substring(0, t.length() - 1).trim() : t;
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number: write a percentage such as "
                    + percentExample + ", or a fraction such as " + fractionExample);
        }
        if (!percent && value.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException(what + " '" + text + "' is ambiguous: write " + number + "% for a"
                    + " percentage, or a fraction below 1 such as " + fractionExample);
        }
        return (percent ? value.movePointLeft(2) : value).doubleValue();
    }

    /** The tolerance as a percentage, such as {@code 20%}. */
    @Override
    public String toString() {
        return percent(fraction);
    }

    static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return fraction + " (as a fraction)";
        }
        return BigDecimal.valueOf(fraction * 100).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT) + "%";
    }
}
