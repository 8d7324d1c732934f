/**
 * The tracker's figures as Micrometer meters: {@link io.querygov.micrometer.QueryMeters} binds a
 * {@link io.querygov.metrics.QueryMetrics} to a {@code MeterRegistry}, reading querygov's own
 * histograms when the registry is scraped or publishes.
 */
package io.querygov.micrometer;
