package io.querygov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToleranceTest {

    @ParameterizedTest
    @CsvSource({"20%, 0.2", "' 7.5% ', 0.075", "0.2, 0.2", "150%, 1.5"})
    void readsPercentagesAndFractions(String text, double fraction) {
        assertEquals(fraction, Tolerance.parse(text).fraction());
    }

    @ParameterizedTest
    @CsvSource({"0.2, 20%", "7.5%, 7.5%"})
    void printsAsAPercentage(String text, String printed) {
        assertEquals(printed, Tolerance.parse(text).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ' '     | tolerance is empty: write a percentage such as 20%
            twenty  | tolerance 'twenty' is not a number: write a percentage such as 20%, or a fraction such as 0.2
            %       | tolerance '%' is not a number: write a percentage such as 20%, or a fraction such as 0.2
            20      | tolerance '20' is ambiguous: write 20% for a percentage, or a fraction below 1 such as 0.2
            0%      | tolerance '0%' is out of range: it must be greater than 0% and at most 1000%
            -5%     | tolerance '-5%' is out of range: it must be greater than 0% and at most 1000%
            2000%   | tolerance '2000%' is out of range: it must be greater than 0% and at most 1000%
            """)
    void badInputSaysWhatToWrite(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Tolerance.parse(text)).getMessage());
    }

    @Test
    void aFractionOutOfRangeIsRefused() {
        assertEquals("tolerance must be greater than 0% and at most 1000%, was -10%",
                assertThrows(IllegalArgumentException.class, () -> Tolerance.of(-0.1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tolerance.of(Double.NaN));
    }
}
