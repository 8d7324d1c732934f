package io.querygov.bench;

/**
 * How many of a query's measured calls may fail before the run fails, as a fraction: {@code 0.01} is 1%. A query
 * whose calls fail more often than that measured something else than the query (a server that went away, a
 * timeout it keeps hitting), and its figures are not to be trusted even where they look fine.
 *
 * @param fraction 0 (no failure allowed) to 1 (any)
 */
public record MaxErrorRate(double fraction) {
    /** 1% by default: a few failed calls in a long run are noise; more is a problem to look at. */
    public static final MaxErrorRate DEFAULT = new MaxErrorRate(0.01);

    public MaxErrorRate {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the maximum error rate must be from 0% to 100%, was "
                    + Tolerance.percent(fraction));
        }
    }

    /**
     * Reads a rate as written on a command line: a percentage such as {@code 1%} or {@code 0.5%}, or a fraction
     * below 1 such as {@code 0.01}.
     *
     * @throws IllegalArgumentException saying what was expected; a bare number of 1 or more is ambiguous
     */
    public static MaxErrorRate parse(String text) {
        double fraction = Tolerance.parseFraction(text, "error rate", "1%", "0.01");
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("error rate '" + text + "' is out of range: it must be from 0% to 100%");
        }
        return new MaxErrorRate(fraction);
    }

    /** Whether this error rate is above the limit. */
    public boolean exceededBy(double errorRate) {
        return errorRate > fraction;
    }

    /** The limit as a percentage, such as {@code 1%}. */
    @Override
    public String toString() {
        return Tolerance.percent(fraction);
    }
}
