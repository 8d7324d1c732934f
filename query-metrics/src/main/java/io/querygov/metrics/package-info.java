/**
 * Per-query measurement: HdrHistogram latency histograms and counters fed by the tracker, snapshots,
 * rankings and exports.
 *
 * <ul>
 *   <li>{@link io.querygov.metrics.QueryMetrics}: the {@link io.querygov.core.QueryListener} that
 *       records every execution, and takes interval and cumulative snapshots.</li>
 *   <li>{@link io.querygov.metrics.MetricsSnapshot} and {@link io.querygov.metrics.QueryStats}: what
 *       each query did over a window; {@link io.querygov.metrics.Ranking} for top-N lists.</li>
 *   <li>{@link io.querygov.metrics.MetricsJson} and {@link io.querygov.metrics.MetricsHistogramLog}:
 *       exports in formats others read (JSON, HdrHistogram's interval log);
 *       {@link io.querygov.metrics.MetricsSnapshot#summary()} for a log.</li>
 * </ul>
 *
 * <p>Nothing here knows JDBC, Hibernate or Jdbi.
 */
package io.querygov.metrics;
