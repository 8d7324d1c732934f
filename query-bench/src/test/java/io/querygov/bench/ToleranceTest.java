package io.querygov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ToleranceTest {

    @Test
    void readsPercentagesAndFractions() {
        assertEquals(0.2, Tolerance.parse("20%").fraction());
        assertEquals(0.075, Tolerance.parse(" 7.5% ").fraction());
        assertEquals(0.2, Tolerance.parse("0.2").fraction());
        assertEquals(1.5, Tolerance.parse("150%").fraction());
        assertEquals("20%", Tolerance.parse("0.2").toString());
        assertEquals("7.5%", Tolerance.parse("7.5%").toString());
    }

    @Test
    void badInputSaysWhatToWrite() {
        assertEquals("tolerance is empty: write a percentage such as 20%",
                assertThrows(IllegalArgumentException.class, () -> Tolerance.parse(" ")).getMessage());
        assertEquals("tolerance 'twenty' is not a number: write a percentage such as 20%, or a fraction such as 0.2",
                assertThrows(IllegalArgumentException.class, () -> Tolerance.parse("twenty")).getMessage());
        assertEquals("tolerance '%' is not a number: write a percentage such as 20%, or a fraction such as 0.2",
                assertThrows(IllegalArgumentException.class, () -> Tolerance.parse("%")).getMessage());
        assertEquals("tolerance '20' is ambiguous: write 20% for a percentage, or a fraction below 1 such as 0.2",
                assertThrows(IllegalArgumentException.class, () -> Tolerance.parse("20")).getMessage());
        assertEquals("tolerance '0%' is out of range: it must be greater than 0% and at most 1000%",
                assertThrows(IllegalArgumentException.class, () -> Tolerance.parse("0%")).getMessage());
        assertEquals("tolerance '-5%' is out of range: it must be greater than 0% and at most 1000%",
                assertThrows(IllegalArgumentException.class, () -> Tolerance.parse("-5%")).getMessage());
        assertEquals("tolerance '2000%' is out of range: it must be greater than 0% and at most 1000%",
                assertThrows(IllegalArgumentException.class, () -> Tolerance.parse("2000%")).getMessage());
        assertEquals("tolerance must be greater than 0% and at most 1000%, was -10%",
                assertThrows(IllegalArgumentException.class, () -> Tolerance.of(-0.1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tolerance.of(Double.NaN));
    }
}
