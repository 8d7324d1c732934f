package io.querygov.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, read the same way wherever querygov reads one: a SQL file's
 * {@code -- timeout: 1.5s} header and a command line's {@code --duration 30s}.
 *
 * <p>The grammar: a decimal number and a unit, with or without a space between, in any case:
 * {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code m} or {@code min}, {@code h}, {@code d}; so
 * {@code 500ms}, {@code 1.5s}, {@code 2 min}, {@code 1h}. Also {@code 0} alone, and ISO-8601 such as
 * {@code PT30S}. Any other bare number is refused: {@code statement_timeout = 60} is 60 ms to
 * PostgreSQL and 60 s to most tools, so the unit has to be said. Durations are exact to the nanosecond
 * ({@code 0.1s} is 100,000,000 ns, not a float's approximation of it) and never negative.
 */
public final class Durations {
    /** What {@link #parse} accepts, for messages that tell a user how to write a duration. */
    public static final String ACCEPTED = "a number and a unit, like 500ms, 1.5s, 2m or 1h (units: us, ms, s,"
            + " m or min, h, d), or ISO-8601 like PT30S";

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([a-zµ]*)");
    private static final Pattern BARE_NUMBER = Pattern.compile("[-+]?(\\d+(?:\\.\\d+)?|\\.\\d+)");
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * Reads a duration.
     *
     * @throws IllegalArgumentException saying what was wrong and what is accepted: no unit, an unknown unit, a
     *         negative value, more than {@link Long#MAX_VALUE} nanoseconds (292 years), or not a duration at all
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("the duration is empty: write " + ACCEPTED);
        }
        if (t.startsWith("p") || t.startsWith("-p") || t.startsWith("+p")) {
            return iso(text.strip());
        }
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("'" + text + "' is negative: a duration is 0 or more");
        }
        if (BARE_NUMBER.matcher(t).matches()) {
            if (new BigDecimal(t).signum() == 0) {
                return Duration.ZERO;
            }
            throw new IllegalArgumentException("'" + text + "' has no unit: write " + t + "s or " + t + "ms ("
                    + ACCEPTED + ")");
        }
        Matcher m = NUMBER_AND_UNIT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write " + ACCEPTED);
        }
        long unitNanos = switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + m.group(2)
                    + "': write " + ACCEPTED);
        };
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos))
                .setScale(0, RoundingMode.HALF_UP);
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long: a duration is at most 292 years");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    private static Duration iso(String text) {
        Duration d;
        try {
            d = Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write " + ACCEPTED, e);
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is negative: a duration is 0 or more");
        }
        return d;
    }

    /**
     * A duration as {@link #parse} reads it back exactly: {@code 250ms}, {@code 1.5ms}, {@code 30s},
     * {@code 1.25s}, {@code 2m}; below a second in milliseconds, whole minutes in minutes, else in seconds.
     */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a duration cannot be negative, was " + duration);
        }
        BigDecimal nanos = new BigDecimal(duration.getSeconds()).movePointRight(9).add(BigDecimal.valueOf(duration.getNano()));
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return plain(nanos.movePointLeft(6)) + "ms";
        }
        if (duration.getNano() == 0 && duration.getSeconds() % 60 == 0) {
            return duration.getSeconds() / 60 + "m";
        }
        return plain(nanos.movePointLeft(9)) + "s";
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
