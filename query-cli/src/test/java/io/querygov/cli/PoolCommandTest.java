package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querygov.cli.internal.PoolSizing;
import io.querygov.cli.internal.PoolSizing.SizeResult;
import io.querygov.testing.PostgresExtension;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code querytool pool}: one workload across pool sizes, the knee, HikariCP's formula beside it. */
class PoolCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Short runs: these tests check what is measured and printed, not how fast the server is. */
    private static final String[] QUICK = {"--pool-sizes", "2,1", "--concurrency", "3", "--warmup", "0s",
        "--duration", "500ms", "--rounds", "1"};

    @RegisterExtension
    static PostgresExtension pg = Fixtures.database();

    private static Cli.Result pool(String... more) {
        return Cli.run(List.of("pool", "--url", pg.jdbcUrl(), "--catalog", Cli.catalog("good")), QUICK, more);
    }

    @Test
    void measuresEachSizeAndRecommendsTheKneeWithHikariCpsFormulaBesideIt() {
        Cli.Result r = pool("--server-cores", "4", "-v");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("left out: raise_budget (writes)"), r::toString);
        List<String> lines = r.out().lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("POOL ")).findFirst().orElseThrow();
        for (String column : new String[] {"CALLS/s", "p50 ms", "p95 ms", "WAIT p50 ms", "WAIT p95 ms", "WAIT SHARE",
            "QUERY p95 ms", "ERRORS"}) {
            assertTrue(header.contains(column), header);
        }
        // sizes in increasing order, whatever order they were given in
        int one = indexOfRow(lines, "1");
        int two = indexOfRow(lines, "2");
        assertTrue(one > 0 && two == one + 1, r::toString);
        assertTrue(r.out().contains("pool: 3 threads at every size, warmup 0ms and 500ms measured per size in each of"
                + " 1 rounds, HikariCP, read-only transactions"), r::toString);
        assertTrue(r.out().matches("(?s).*recommendation: [12] connections \\(the knee\\)\n.*"), r::toString);
        assertTrue(r.out().contains("cross-check: HikariCP's formula, connections = cores * 2 + effective spindles = 4 * 2 + "),
                r::toString);
        assertTrue(r.out().contains("phases: "), r::toString);
    }

    private static int indexOfRow(List<String> lines, String size) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches(" *" + size + " +[0-9.]+ .*")) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void asJsonEverySizeHasItsCallsAndTheWaitApartFromTheQuery() throws Exception {
        Cli.Result r = pool("--format", "json");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(r.out());
        JsonStyle.assertFollowed(doc);
        assertEquals(3, doc.get("threads").asInt());
        assertEquals(List.of("project_by_id", "jobs_per_status"),
                JSON.convertValue(doc.get("queries"), List.class));
        assertEquals(2, doc.get("sizes").size());
        for (JsonNode size : doc.get("sizes")) {
            assertTrue(size.get("calls").asLong() > 0, size::toString);
            assertEquals(0, size.get("errors").asLong(), size::toString);
            assertTrue(size.get("waitShare").asDouble() >= 0 && size.get("waitShare").asDouble() <= 1, size::toString);
        }
        int recommended = doc.at("/recommendation/poolSize").asInt();
        assertTrue(recommended == 1 || recommended == 2, doc::toString);
        assertTrue(doc.at("/recommendation/hikariFormula").asText().contains("give --server-cores"), doc::toString);
    }

    @Test
    void badSizesAreUsageErrorsThatNameTheOption() {
        Cli.Result zero = pool("--pool-sizes", "0,4");
        assertEquals(ExitCode.USAGE, zero.exitCode(), zero::toString);
        assertTrue(zero.err().contains("--pool-sizes: each size must be between 1 and 1000, was 0"), zero::toString);
        Cli.Result word = pool("--pool-sizes", "4,many");
        assertEquals(ExitCode.USAGE, word.exitCode(), word::toString);
        assertTrue(word.err().contains("--pool-sizes"), word::toString);
        Cli.Result nothing = pool("--query", "raise_budget");
        assertEquals(ExitCode.USAGE, nothing.exitCode(), nothing::toString);
        assertTrue(nothing.err().contains("No read to size the pool with"), nothing::toString);
    }

    @Test
    void theKneeIsTheSmallestSizeWithinTenPercentOfTheBest() {
        List<SizeResult> sizes = List.of(result(1, 100), result(2, 480), result(4, 910), result(8, 1000), result(16, 960));
        assertEquals(2, PoolSizing.knee(sizes));
        assertEquals(List.of(
                "4 connections give 91.0 calls/s, 91% of the best (100.0/s with 8); the knee is the smallest size within 10%"
                        + " of the best.",
                "From 4 to 16 connections throughput changes +5% while the query's own p95 goes from 1.000 to 1.000 ms:"
                        + " extra connections queue in the server (CPU, locks, I/O) instead of in the pool.",
                "Below it, with 2, calls spend 50% of their time waiting for a connection (p95 wait 0.500 ms)."),
                PoolCommand.reasoning(sizes, 2, 32));
        assertEquals(-1, PoolSizing.knee(List.of(result(1, 0))));
        List<SizeResult> rising = List.of(result(1, 100), result(2, 200), result(4, 400));
        assertEquals(2, PoolSizing.knee(rising));
        assertTrue(PoolCommand.reasoning(rising, 2, 8).contains("Throughput still rises at the largest size tried: the"
                + " knee may lie beyond it; try larger --pool-sizes (with --concurrency above them)."));
    }

    @Test
    void hikariCpsFormulaCountsASpindleOnlyWhenReadsMissTheCache() {
        assertEquals("HikariCP's formula, connections = cores * 2 + effective spindles = 2 * 2 + 0 = 4 (cores: 2; effective"
                + " spindles: 99.5% of block reads hit shared buffers, so 0, as a data set in memory needs no disk wait)",
                PoolCommand.formula(2, 0.995));
        assertTrue(PoolCommand.formula(8, 0.5).contains("= 8 * 2 + 1 = 17"));
    }

    /** {@code calls} calls in 10 seconds, each of 1 ms, half of it waiting for a connection. */
    private static SizeResult result(int size, long calls) {
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount(1_000_000, Math.max(calls, 1));
        Histogram wait = new Histogram(3);
        wait.recordValueWithCount(500_000, Math.max(calls, 1));
        return new SizeResult(size, 32, calls, 0, Duration.ofSeconds(10), latency, wait, latency, null);
    }
}
