package io.querygov.cli.report;

import io.querygov.cli.report.HtmlBuilder.Figure;
import java.util.Locale;

/** Numbers as pages show them. */
final class Figures {
    private Figures() {
    }

    /** Microseconds as milliseconds with three decimals: {@code 1.234}. */
    static Figure millis(double micros) {
        return new Figure(String.format(Locale.ROOT, "%.3f", micros / 1e3));
    }

    static Figure millisOrDash(Double micros) {
        return micros == null ? new Figure("-") : millis(micros);
    }

    static Figure decimal(double value, int digits) {
        return new Figure(String.format(Locale.ROOT, "%,." + digits + "f", value));
    }

    static Figure count(long value) {
        return new Figure(String.format(Locale.ROOT, "%,d", value));
    }

    static Figure ratio(Double value) {
        return new Figure(value == null ? "-" : String.format(Locale.ROOT, "%.2fx", value));
    }

    /** A value in milliseconds rounded to 0.1 microsecond, for chart data. */
    static Double chartMillis(double millis) {
        return Math.round(millis * 1e4) / 1e4;
    }
}
