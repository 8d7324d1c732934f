package io.querygov.examples;

import java.time.Duration;

/**
 * What {@link ExampleData#load} did.
 *
 * @param rows the rows added to each table
 * @param loadTime generating and copying the rows, and committing them
 * @param analyzeTime the ANALYZE of the loaded tables afterwards
 */
public record LoadResult(RowCounts rows, Duration loadTime, Duration analyzeTime) {
}
