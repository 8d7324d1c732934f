package io.querygov.routing.internal;

/**
 * PostgreSQL WAL positions ({@code pg_lsn}, written {@code 16/B374D848}) as unsigned 64-bit numbers,
 * compared in Java so that a routing decision needs no server-side comparison.
 */
public final class Lsn {
    /** Below every real position: what a replica that has replayed nothing reports. */
    public static final long NONE = 0;

    private Lsn() {
    }

    /**
     * The position {@code text} names; {@link #NONE} for SQL NULL.
     *
     * @throws IllegalArgumentException if {@code text} is not two hexadecimal halves separated by a slash
     */
    public static long parse(String text) {
        if (text == null) {
            return NONE;
        }
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("not a pg_lsn (expected two hexadecimal halves like 16/B374D848): " + text);
        }
        try {
            long high = Long.parseLong(text, 0, slash, 16);
            long low = Long.parseLong(text, slash + 1, text.length(), 16);
            if (high > 0xFFFF_FFFFL || low > 0xFFFF_FFFFL || high < 0 || low < 0) {
                throw new IllegalArgumentException("not a pg_lsn (each half has at most 8 hexadecimal digits): " + text);
            }
            return (high << 32) | low;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a pg_lsn (expected two hexadecimal halves like 16/B374D848): " + text, e);
        }
    }

    /** {@code lsn} as PostgreSQL writes it. */
    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(lsn & 0xFFFF_FFFFL).toUpperCase(java.util.Locale.ROOT);
    }

    /** Whether {@code a} is at or past {@code b}, as unsigned positions. */
    public static boolean reached(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0;
    }
}
