package io.querygov.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The harness itself: the replica is a hot standby that streams the primary's writes. */
class StreamingReplicaTest {

    @Test
    void theReplicaIsAStandbyThatReplaysThePrimarysWritesAndCanBePaused() throws Exception {
        try (StreamingReplica pair = StreamingReplica.start()) {
            assertTrue(bool(pair.replica(), "SELECT pg_is_in_recovery()"));
            assertFalse(bool(pair.primary(), "SELECT pg_is_in_recovery()"));
            StreamingReplica.execute(pair.primary(), "CREATE TABLE t (id int); INSERT INTO t VALUES (1)");
            pair.awaitReplayed(pair.primaryLsn());
            assertEquals(1, count(pair.replica()));

            pair.pauseReplay();
            StreamingReplica.execute(pair.primary(), "INSERT INTO t VALUES (2)");
            assertEquals(2, count(pair.primary()));
            assertEquals(1, count(pair.replica()));      // received, not replayed
            pair.resumeReplay();
            pair.awaitReplayed(pair.primaryLsn());
            assertEquals(2, count(pair.replica()));
        }
    }

    private static boolean bool(javax.sql.DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static long count(javax.sql.DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
