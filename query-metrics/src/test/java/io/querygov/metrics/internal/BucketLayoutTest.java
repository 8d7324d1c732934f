package io.querygov.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BucketLayoutTest {

    @Test
    void valuesBelow64HaveABucketEach() {
        for (long v = 0; v < 64; v++) {
            assertEquals(v, BucketLayout.index(v));
            assertEquals(v, BucketLayout.lowestValue((int) v));
            assertEquals(v, BucketLayout.highestValue((int) v));
        }
    }

    @Test
    void bucketsTileTheValuesWithoutGapsAndAreAtMostAThirtySecondOfTheirValueWide() {
        long expectedLowest = 0;
        for (int i = 0; i < BucketLayout.bucketsUpTo(Long.MAX_VALUE / 2); i++) {
            long lowest = BucketLayout.lowestValue(i);
            long highest = BucketLayout.highestValue(i);
            assertEquals(expectedLowest, lowest, "bucket " + i);
            assertEquals(i, BucketLayout.index(lowest));
            assertEquals(i, BucketLayout.index(highest));
            assertTrue(highest - lowest <= lowest / 32, "bucket " + i + " is " + lowest + ".." + highest);
            expectedLowest = highest + 1;
        }
    }

    @Test
    void eachBucketsHighestValueIsAnHdrHistogramBucketsHighestValueAtTwoDigits() {
        Histogram twoDigits = new Histogram(2);
        SplittableRandom random = new SplittableRandom(7);
        for (int k = 0; k < 100_000; k++) {
            long v = random.nextLong(1L << random.nextInt(1, 42));
            long top = BucketLayout.highestValue(BucketLayout.index(v));
            assertTrue(top >= v && top - v <= v / 32, v + " -> " + top);
            assertEquals(top, twoDigits.highestEquivalentValue(top));
        }
    }

    @Test
    void anHourInMicrosecondsTakes886Buckets() {
        assertEquals(886, BucketLayout.bucketsUpTo(3_600_000_000L));
        assertEquals(1_443, BucketLayout.bucketsUpTo(604_800_000_000_000L));
    }
}
