package io.querygov.examples.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void interpolatesBetweenNeighboursAsPercentileContDoes() {
        // SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY v) FROM unnest('{10,20,30,40,50}'::int[]) v  -> 48
        assertEquals(48.0, Percentiles.continuous(new long[] {10, 20, 30, 40, 50}, 0.95));
        assertEquals(30.0, Percentiles.continuous(new long[] {10, 20, 30, 40, 50}, 0.5));
        assertEquals(15.0, Percentiles.continuous(new long[] {10, 20}, 0.5));
        assertEquals(7.0, Percentiles.continuous(new long[] {7}, 0.95));
        assertEquals(10.0, Percentiles.continuous(new long[] {10, 20}, 0));
        assertEquals(20.0, Percentiles.continuous(new long[] {10, 20}, 1));
    }

    @Test
    void rejectsNoValuesAndFractionsOutsideZeroToOne() {
        assertEquals("a percentile needs at least one value",
                assertThrows(IllegalArgumentException.class, () -> Percentiles.continuous(new long[0], 0.5))
                        .getMessage());
        assertEquals("fraction must be between 0 and 1, was 1.5",
                assertThrows(IllegalArgumentException.class, () -> Percentiles.continuous(new long[] {1}, 1.5))
                        .getMessage());
    }
}
