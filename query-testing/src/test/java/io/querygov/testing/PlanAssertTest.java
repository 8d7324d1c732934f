package io.querygov.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Plan, buffer and statement-count assertions against the embedded server: what the database did, never time. */
class PlanAssertTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(
            "CREATE TABLE account (id bigint PRIMARY KEY, branch int NOT NULL, balance int NOT NULL, pad text)",
            "INSERT INTO account SELECT g, g % 10, 0, repeat('x', 80) FROM generate_series(1, 20000) g",
            "CREATE TABLE copy_of_account AS SELECT * FROM account",
            "ANALYZE account",
            "ANALYZE copy_of_account");

    private static final String BY_ID = "SELECT balance FROM account WHERE id = ?";

    @Test
    void aKeyLookupUsesTheIndexAndTouchesAFewBuffers() {
        PlanAssert plan = PlanAssert.explain(pg.dataSource(), BY_ID, 42L)
                .usesIndex("account_pkey")
                .hasNoSeqScanOn("account")
                .buffersAtMost(8);
        assertEquals(List.of("Index Scan using account_pkey on account"), plan.shape());
        assertEquals(1, plan.rows());
    }

    @Test
    void aSequentialScanFailsWithThePlanShown() {
        AssertionError e = assertThrows(AssertionError.class, () -> PlanAssert.explain(pg.dataSource(),
                "SELECT balance FROM copy_of_account WHERE id = ?", 42L).hasNoSeqScanOn("copy_of_account"));
        assertTrue(e.getMessage().startsWith("Expected no sequential scan on copy_of_account for SELECT balance FROM"
                + " copy_of_account WHERE id = ?; the plan is:\n  Seq Scan on copy_of_account"), e.getMessage());
        assertThrows(AssertionError.class, () -> PlanAssert.explain(pg.dataSource(),
                "SELECT balance FROM copy_of_account WHERE id = ?", 42L).usesIndex("account_pkey"));
        AssertionError buffers = assertThrows(AssertionError.class, () -> PlanAssert.explain(pg.dataSource(),
                "SELECT sum(balance) FROM copy_of_account").buffersAtMost(8));
        assertTrue(buffers.getMessage().startsWith("Expected at most 8 shared buffers (hit + read), the execution"
                + " touched "), buffers.getMessage());
    }

    @Test
    void aWriteIsRefusedUnderAnalyzeAndExplainedWithoutRunning() throws Exception {
        String update = "UPDATE account SET balance = 1 WHERE id = ?";
        AssertionError e = assertThrows(AssertionError.class, () -> PlanAssert.explain(pg.dataSource(), update, 1L));
        assertTrue(e.getMessage().endsWith("use PlanAssert.explainOnly"), e.getMessage());
        PlanAssert plan = PlanAssert.explainOnly(pg.dataSource(), update, 1L).usesIndex("account_pkey");
        assertEquals("ModifyTable on account", plan.shape().get(0));
        assertEquals(0, count("SELECT count(*) FROM account WHERE balance <> 0"));
    }

    @Test
    void aBaselineIsWrittenOnceThenHoldsThePlanAndTheBuffers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plans/account_by_id.plan");
        AssertionError first = assertThrows(AssertionError.class,
                () -> PlanAssert.explain(pg.dataSource(), BY_ID, 42L).matchesBaseline(file));
        assertTrue(first.getMessage().startsWith("No plan baseline at " + file + ": written now"), first.getMessage());
        assertTrue(Files.readString(file).contains("Index Scan using account_pkey on account"));

        PlanAssert.explain(pg.dataSource(), BY_ID, 42L).matchesBaseline(file);

        // the same statement on a table without the index: the baseline catches the new plan
        Files.writeString(file, Files.readString(file).replace("account", "copy_of_account")
                .replace("Index Scan using copy_of_account_pkey", "Index Scan using account_pkey"));
        AssertionError changed = assertThrows(AssertionError.class, () -> PlanAssert.explain(pg.dataSource(),
                "SELECT balance FROM copy_of_account WHERE id = ?", 42L).matchesBaseline(file));
        assertTrue(changed.getMessage().contains("changed against " + file + ":\nbaseline:\n  Index Scan using"
                + " account_pkey on copy_of_account\nnow:\n  Seq Scan on copy_of_account"), changed.getMessage());
    }

    @Test
    void buffersGrownBeyondToleranceAndFloorFailTheBaseline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sum.plan");
        String sum = "SELECT sum(balance) FROM copy_of_account WHERE branch = ?";
        PlanAssert plan = PlanAssert.explain(pg.dataSource(), sum, 3);
        Files.writeString(file, "buffers " + (plan.buffers() / 2) + "\n" + String.join("\n", plan.shape()) + "\n");
        AssertionError e = assertThrows(AssertionError.class,
                () -> PlanAssert.explain(pg.dataSource(), sum, 3).matchesBaseline(file));
        assertTrue(e.getMessage().contains("Buffers of " + sum + " grew against " + file + ": "), e.getMessage());
    }

    @Test
    void statementsPerUnitOfWorkAreCountedAndAnNPlusOneFails() throws Exception {
        StatementCount counted = StatementCount.wrap(pg.dataSource());
        StatementCount.Work onePerAccount = () -> {
            try (Connection c = counted.getConnection();
                 PreparedStatement p = c.prepareStatement("SELECT balance FROM account WHERE id = ?")) {
                for (long id = 1; id <= 5; id++) {
                    p.setLong(1, id);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                    }
                }
            }
        };
        StatementCount.Work oneForAll = () -> {
            try (Connection c = counted.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT balance FROM account WHERE id <= 5")) {
                while (rs.next()) {
                    rs.getInt(1);
                }
            }
        };
        assertEquals(5, counted.count(onePerAccount));
        counted.assertAtMost(1, oneForAll);
        AssertionError e = assertThrows(AssertionError.class, () -> counted.assertAtMost(1, onePerAccount));
        assertTrue(e.getMessage().startsWith("Expected at most 1 statement in the unit of work, it sent 5:\n  1."
                + " SELECT balance FROM account WHERE id = ?"), e.getMessage());
    }

    private static long count(String sql) throws Exception {
        try (Connection c = pg.openConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
