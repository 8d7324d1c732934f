package io.querygov.metrics;

import static io.querygov.metrics.Executions.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopTest {
    /**
     * a: 9 x 0.1 ms + 1 x 40 ms: total 40.9 ms, mean 4.09 ms, p95 40 ms, 10 calls
     * b: 1 x 50 ms:              total 50 ms,   mean 50 ms,   p95 50 ms, 1 call
     * c: 100 x 0.2 ms:           total 20 ms,   mean 0.2 ms,  p95 0.2 ms, 100 calls
     * d: 3 x 0.1 ms + 1 x 30 ms: total 30.3 ms, mean 7.6 ms,  p95 30 ms, 4 calls
     */
    private static MetricsSnapshot snapshot() {
        QueryMetrics m = QueryMetrics.create();
        Executions.recordMicros(m, query("a"), 100, 100, 100, 100, 100, 100, 100, 100, 100, 40_000);
        Executions.recordMicros(m, query("b"), 50_000);
        for (int i = 0; i < 100; i++) {
            Executions.recordMicros(m, query("c"), 200);
        }
        Executions.recordMicros(m, query("d"), 100, 100, 100, 30_000);
        return m.cumulativeSnapshot();
    }

    private static List<String> top(MetricsSnapshot s, int n, Ranking ranking) {
        return s.top(n, ranking).stream().map(QueryStats::name).toList();
    }

    @Test
    void eachRankingOrdersHighestFirst() {
        MetricsSnapshot s = snapshot();
        assertEquals(List.of("b", "a", "d", "c"), top(s, 4, Ranking.TOTAL_TIME));
        assertEquals(List.of("b", "d", "a", "c"), top(s, 4, Ranking.MEAN));
        assertEquals(List.of("b", "a", "d", "c"), top(s, 4, Ranking.P95));
        assertEquals(List.of("c", "a", "d", "b"), top(s, 4, Ranking.CALLS));
    }

    @Test
    void nLimitsTheList() {
        MetricsSnapshot s = snapshot();
        assertEquals(List.of("b", "d"), top(s, 2, Ranking.MEAN));
        assertEquals(List.of("c"), top(s, 1, Ranking.CALLS));
        assertEquals(4, s.top(10, Ranking.P95).size());
        assertEquals(List.of(), s.top(0, Ranking.TOTAL_TIME));
        assertEquals("n must be zero or more, was -1",
                assertThrows(IllegalArgumentException.class, () -> s.top(-1, Ranking.CALLS)).getMessage());
    }

    @Test
    void tiesGoByName() {
        QueryMetrics m = QueryMetrics.create();
        for (String name : List.of("zeta", "alpha", "mu")) {
            Executions.recordMicros(m, query(name), 100, 100);
        }
        assertEquals(List.of("alpha", "mu", "zeta"), top(m.cumulativeSnapshot(), 3, Ranking.CALLS));
    }

    @Test
    void theValueEachRankingUses() {
        QueryStats a = snapshot().query("a").orElseThrow();
        assertEquals(40_900_000, Ranking.TOTAL_TIME.value(a));
        assertEquals(4_090_000, Ranking.MEAN.value(a));
        assertEquals(a.p95().toNanos(), Ranking.P95.value(a));
        assertEquals(10, Ranking.CALLS.value(a));
    }
}
