/**
 * Benchmarks of registered queries, and baselines for CI gates.
 *
 * <ul>
 *   <li>{@link io.querygov.bench.BenchmarkEngine} runs queries through core's
 *       {@link io.querygov.core.QueryRunner} with {@link io.querygov.bench.BenchOptions}: warmup,
 *       duration or iterations, concurrency, an optional fixed rate with coordinated-omission correction.
 *       Parameter values come from {@link io.querygov.bench.BenchParameters}; progress goes to a
 *       {@link io.querygov.bench.BenchProgressListener}. It knows nothing of JDBC or SQL.</li>
 *   <li>{@link io.querygov.bench.BenchReport} is a whole run, with each query's
 *       {@link io.querygov.bench.QueryBenchResult}; it is saved and read back as JSON.</li>
 *   <li>{@link io.querygov.bench.BaselineComparison} compares a run with a saved one and gives each
 *       query a {@link io.querygov.bench.Verdict}.</li>
 * </ul>
 *
 * <p>Durations are nanoseconds where a field ends in {@code Nanos} and microseconds where it ends in
 * {@code Micros}; nothing in this package reads the wall clock except to date a run.
 */
package io.querygov.bench;
