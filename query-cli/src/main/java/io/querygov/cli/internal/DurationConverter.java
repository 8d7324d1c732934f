package io.querygov.cli.internal;

import io.querygov.core.Durations;
import java.time.Duration;

/**
 * Reads a duration option with core's {@link Durations}, the grammar of SQL files' {@code -- timeout:} headers:
 * {@code 500ms}, {@code 1.5s}, {@code 2m}, {@code 1h}, ISO-8601 ({@code PT30S}); a bare number other than 0 is
 * refused, because it could be seconds or milliseconds.
 */
public final class DurationConverter extends ParsingConverter<Duration> {

    public DurationConverter() {
        super(Durations::parse);
    }

    /** A duration as this converter reads it back: {@code 250ms}, {@code 30s}, {@code 1.5s}, {@code 2m}. */
    public static String format(Duration d) {
        return Durations.format(d);
    }
}
