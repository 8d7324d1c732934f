package io.querygov.orm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParameterValuesTest {

    @Test
    void sampledTimestampsBindToWhatEntitiesHold() {
        OffsetDateTime sampled = OffsetDateTime.of(2024, 6, 1, 12, 30, 0, 0, ZoneOffset.ofHours(2));
        assertEquals(Instant.parse("2024-06-01T10:30:00Z"), ParameterValues.coerce(sampled, Instant.class));
        assertEquals(LocalDateTime.parse("2024-06-01T10:30:00"), ParameterValues.coerce(sampled, LocalDateTime.class));
        assertEquals(OffsetDateTime.of(2024, 6, 1, 10, 30, 0, 0, ZoneOffset.UTC),
                ParameterValues.coerce(Instant.parse("2024-06-01T10:30:00Z"), OffsetDateTime.class));
    }

    @Test
    void aDateWrittenInAValuesListIsTheStartOfThatDayInUtc() {
        assertEquals(Instant.parse("2024-06-01T00:00:00Z"), ParameterValues.coerce("2024-06-01", Instant.class));
        assertEquals(OffsetDateTime.parse("2024-06-01T00:00Z"), ParameterValues.coerce(" 2024-06-01 ", OffsetDateTime.class));
        assertEquals(Instant.parse("2024-06-01T08:00:00Z"), ParameterValues.coerce("2024-06-01T08:00:00Z", Instant.class));
    }

    @Test
    void textAndNumbersBecomeTheDeclaredType() {
        assertEquals(42L, ParameterValues.coerce("42", Long.class));
        assertEquals(7, ParameterValues.coerce(7L, int.class));
        UUID id = UUID.randomUUID();
        assertEquals(id, ParameterValues.coerce(id.toString(), UUID.class));
        assertEquals("unknown", ParameterValues.sqlType(Object.class));
    }
}
