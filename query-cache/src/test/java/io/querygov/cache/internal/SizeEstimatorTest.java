package io.querygov.cache.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SizeEstimatorTest {

    record Row(UUID id, String name, long count, BigDecimal mean, Instant at) {
    }

    @Test
    void aListOfRowsWeighsInProportionToItsRowsAndTheirText() {
        List<Row> small = rows(10, "p");
        List<Row> large = rows(1000, "p");
        List<Row> wide = rows(10, "x".repeat(1000));
        long perRow = (SizeEstimator.estimate(large) - SizeEstimator.estimate(small)) / 990;
        // five references, a UUID, a short string, a boxed long, a BigDecimal, an instant: about 250 bytes
        assertTrue(perRow > 150 && perRow < 400, "bytes per row: " + perRow);
        assertTrue(SizeEstimator.estimate(wide) > SizeEstimator.estimate(small) + 9 * 1000,
                "ten rows with 1000 more characters each are heavier by at least 10,000 bytes");
    }

    @Test
    void nonLatinTextCountsTwoBytesPerCharacter() {
        assertEquals(SizeEstimator.estimate("a".repeat(100)) + 100, SizeEstimator.estimate("\u0416".repeat(100)));
    }

    @Test
    void sharedAndCyclicObjectsAreCountedOnce() {
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertTrue(SizeEstimator.estimate(cyclic) < 100);
        Map<String, Object> row = Map.of("a", "value");
        long one = SizeEstimator.estimate(List.of(row));
        long twice = SizeEstimator.estimate(List.of(row, row));
        assertEquals(8, twice - one, "the second reference to the same map adds only the reference");
    }

    @Test
    void primitiveArraysCountTheirWidth() {
        assertEquals(16 + 8000, SizeEstimator.estimate(new long[1000]));
        assertEquals(16 + 1000, SizeEstimator.estimate(new byte[1000]));
    }

    private static List<Row> rows(int n, String name) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Row(new UUID(i, i), name, i, BigDecimal.valueOf(i, 2), Instant.EPOCH));
        }
        return rows;
    }
}
