package io.querygov.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "500ms, 500, MILLIS",
            "1.5s, 1500, MILLIS",
            "0.1s, 100, MILLIS",
            ".25s, 250, MILLIS",
            "2m, 2, MINUTES",
            "2 min, 2, MINUTES",
            "' 1H ', 1, HOURS",
            "1d, 1, DAYS",
            "1.5us, 1500, NANOS",
            "7ns, 7, NANOS",
            "PT30S, 30, SECONDS",
            "pt30s, 30, SECONDS",
            "0, 0, SECONDS",
            "0s, 0, SECONDS",
    })
    void readsANumberAndAUnitExactly(String text, long amount, ChronoUnit unit) {
        assertEquals(Duration.of(amount, unit), Durations.parse(text));
    }

    @Test
    void refusesWhatIsNotADurationAndSaysWhatIs() {
        IllegalArgumentException soon = assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"));
        assertEquals("'soon' is not a duration: write " + Durations.ACCEPTED, soon.getMessage());

        IllegalArgumentException bare = assertThrows(IllegalArgumentException.class, () -> Durations.parse("60"));
        assertTrue(bare.getMessage().startsWith("'60' has no unit: write 60s or 60ms"), bare.getMessage());

        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class, () -> Durations.parse("3 weeks"));
        assertTrue(unit.getMessage().startsWith("'3 weeks' has an unknown unit 'weeks'"), unit.getMessage());

        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("-1s")).getMessage()
                .contains("is negative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("PT-1S")).getMessage()
                .contains("is negative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("1e3s")).getMessage()
                .contains("is not a duration"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("")).getMessage()
                .contains("is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse(null)).getMessage()
                .contains("is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("300y")).getMessage()
                .contains("unknown unit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("200000d")).getMessage()
                .contains("too long"));
    }

    @Test
    void formatsSoThatParseReadsItBack() {
        assertEquals("0ms", Durations.format(Duration.ZERO));
        assertEquals("300ms", Durations.format(Duration.ofMillis(300)));
        assertEquals("1.5ms", Durations.format(Duration.ofNanos(1_500_000)));
        assertEquals("1s", Durations.format(Duration.ofSeconds(1)));
        assertEquals("1.5s", Durations.format(Duration.ofMillis(1500)));
        assertEquals("1.25s", Durations.format(Duration.ofMillis(1250)));
        assertEquals("1m", Durations.format(Duration.ofSeconds(60)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("60m", Durations.format(Duration.ofHours(1)));
        for (Duration d : new Duration[] {Duration.ZERO, Duration.ofNanos(1), Duration.ofMillis(999),
            Duration.ofMillis(1001), Duration.ofNanos(1_234_567_891), Duration.ofHours(25)}) {
            assertEquals(d, Durations.parse(Durations.format(d)), d::toString);
        }
    }
}
