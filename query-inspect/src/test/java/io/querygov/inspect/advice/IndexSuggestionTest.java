package io.querygov.inspect.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.inspect.PlanNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Columns read from a Seq Scan's filter as EXPLAIN VERBOSE writes it. */
class IndexSuggestionTest {

    private static PlanNode seqScan(String filter) {
        return new PlanNode(0, "Seq Scan", null, "reconciliation_jobs", "public", "j", null, null, null, 0, 100, 10,
                8, null, null, null, null, null, null, filter, null, null, null, null, null, null, null, null, null,
                List.of());
    }

    @Test
    void equalityColumnsComeFirstThenTheFirstRange() {
        IndexSuggestion s = IndexSuggestion.forSeqScan(seqScan("((j.finished_at < '2023-02-01 00:00:00+00'::timestamp"
                + " with time zone) AND (NOT j.archived) AND (j.status = 'completed'::text))")).orElseThrow();
        assertEquals(List.of("archived", "status", "finished_at"), s.index().columns());
        assertEquals("CREATE INDEX ON public.reconciliation_jobs (archived, status, finished_at)", s.ddl());
        assertEquals("CREATE INDEX ON \"public\".\"reconciliation_jobs\" (\"archived\", \"status\", \"finished_at\")",
                s.index().createStatement());
    }

    @Test
    void aColumnNameInsideALiteralOrAnOrIsNotTaken() {
        IndexSuggestion s = IndexSuggestion.forSeqScan(seqScan("((j.error = 'j.status failed'::text) AND ((j.status ="
                + " 'failed'::text) OR (j.duration_ms > 5)))")).orElseThrow();
        assertEquals(List.of("error"), s.index().columns());
        assertTrue(IndexSuggestion.forSeqScan(seqScan("((j.status = 'a'::text) OR (j.status = 'b'::text))")).isEmpty());
    }
}
