package io.querygov.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParameterTypingTest {

    // A table like the other parameterized tests' (SqlClassificationTest, JdbcUrlsTest): the rows differ, JUnit's frame does not.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "uuid | UUID_TYPE",
            "INT | INTEGER",
            "integer | INTEGER",
            "int8 | BIGINT",
            "numeric(10, 2) | NUMERIC",
            "double  precision | DOUBLE",
            "timestamp with time zone | TIMESTAMPTZ",
            "timestamp | TIMESTAMP",
            "varchar(40) | TEXT",
            "inet | CAST_FROM_TEXT",
            "int[] | CAST_FROM_TEXT",
            // no declared type at all
            " | CAST_FROM_TEXT",
    })
    void declaredTypesMapToJavaTypes(String declared, ParameterTyping expected) {
        assertEquals(expected, ParameterTyping.of(declared));
    }

    @Test
    void textIsReadAsTheType() {
        assertEquals(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                ParameterTyping.UUID_TYPE.fromText("123e4567-e89b-12d3-a456-426614174000"));
        assertEquals(42, ParameterTyping.INTEGER.fromText(" 42 "));
        assertEquals(42L, ParameterTyping.BIGINT.fromText("42"));
        assertEquals(new BigDecimal("12.50"), ParameterTyping.NUMERIC.fromText("12.50"));
        assertEquals(OffsetDateTime.of(2024, 5, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2)),
                ParameterTyping.TIMESTAMPTZ.fromText("2024-05-01 10:00:00+02"));
        assertEquals(OffsetDateTime.of(2024, 5, 1, 10, 0, 0, 0, ZoneOffset.UTC),
                ParameterTyping.TIMESTAMPTZ.fromText("2024-05-01T10:00:00Z"));
        assertEquals(OffsetDateTime.of(2024, 5, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                ParameterTyping.TIMESTAMPTZ.fromText("2024-05-01"));
        assertEquals(LocalDateTime.of(2024, 5, 1, 10, 30), ParameterTyping.TIMESTAMP.fromText("2024-05-01 10:30"));
        assertEquals(LocalDate.of(2024, 5, 1), ParameterTyping.DATE.fromText("2024-05-01"));
        assertEquals(true, ParameterTyping.BOOLEAN.fromText("t"));
        assertEquals(false, ParameterTyping.BOOLEAN.fromText("FALSE"));
        assertEquals("10.0.0.1", ParameterTyping.CAST_FROM_TEXT.fromText("10.0.0.1"));
    }

    @Test
    void badTextSaysWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterTyping.INTEGER.fromText("4x"));
        assertEquals("expected an integer from -2147483648 to 2147483647, got '4x'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterTyping.UUID_TYPE.fromText("nope"));
        assertThrows(IllegalArgumentException.class, () -> ParameterTyping.BOOLEAN.fromText("maybe"));
    }

    @Test
    void rangesGiveIntegersOfTheType() {
        assertEquals((short) 7, ParameterTyping.SMALLINT.fromLong(7));
        assertEquals(7, ParameterTyping.INTEGER.fromLong(7));
        assertEquals(BigDecimal.valueOf(7), ParameterTyping.NUMERIC.fromLong(7));
        assertEquals("7", ParameterTyping.TEXT.fromLong(7));
        assertThrows(IllegalArgumentException.class, () -> ParameterTyping.SMALLINT.fromLong(40_000));
        assertThrows(ArithmeticException.class, () -> ParameterTyping.INTEGER.fromLong(Long.MAX_VALUE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterTyping.DATE.fromLong(1));
        assertEquals("a range gives integers, which a date parameter cannot take", e.getMessage());
    }

    @Test
    void onlyOtherTypesGetACastAndOnlyTypeNamesAreAccepted() {
        assertEquals("", ParameterTyping.castSuffix("bigint"));
        assertEquals("", ParameterTyping.castSuffix(null));
        assertEquals("::inet", ParameterTyping.castSuffix("inet"));
        assertEquals("::int[]", ParameterTyping.castSuffix("int[]"));
        assertEquals("::public.\"Mood\"", ParameterTyping.castSuffix("public.\"Mood\""));
        assertEquals("::bit varying(8)", ParameterTyping.castSuffix("bit varying(8)"));
        assertThrows(IllegalArgumentException.class, () -> ParameterTyping.castSuffix("inet); DROP TABLE x; --"));
    }
}
