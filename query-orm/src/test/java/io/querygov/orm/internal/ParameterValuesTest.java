package io.querygov.orm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ParameterValuesTest {

    @Test
    void aSampledTimestamptzBindsToAnInstantAttributeAndBack() {
        OffsetDateTime drawn = OffsetDateTime.of(2024, 10, 1, 0, 0, 0, 0, ZoneOffset.ofHours(2));
        assertEquals(Instant.parse("2024-09-30T22:00:00Z"), ParameterValues.coerce(drawn, Instant.class));
        assertEquals(OffsetDateTime.of(2024, 9, 30, 22, 0, 0, 0, ZoneOffset.UTC),
                ParameterValues.coerce(Instant.parse("2024-09-30T22:00:00Z"), OffsetDateTime.class));
    }

    @Test
    void textAndNumbersKeepTheirConversions() {
        assertEquals(42L, ParameterValues.coerce("42", Long.class));
        assertEquals(7, ParameterValues.coerce(7L, int.class));
    }
}
