package io.querygov.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsANumberAndAUnitExactly() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofMillis(100), Durations.parse("0.1s"));
        assertEquals(Duration.ofMillis(250), Durations.parse(".25s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2 min"));
        assertEquals(Duration.ofHours(1), Durations.parse(" 1H "));
        assertEquals(Duration.ofDays(1), Durations.parse("1d"));
        assertEquals(Duration.ofNanos(1500), Durations.parse("1.5us"));
        assertEquals(Duration.ofNanos(7), Durations.parse("7ns"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("PT30S"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("pt30s"));
        assertEquals(Duration.ZERO, Durations.parse("0"));
        assertEquals(Duration.ZERO, Durations.parse("0s"));
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
