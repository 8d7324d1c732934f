package io.querygov.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.querygov.core.QueryTracker;
import io.querygov.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One instance: writes through the invalidating DataSource evict on commit, never on rollback. */
class CacheInvalidationTest {
    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(Db.SCHEMA);

    private final CacheCounts counts = new CacheCounts();
    private QueryCache cache;
    private DataSource dataSource;

    @BeforeEach
    void cacheAndReset() throws SQLException {
        cache = QueryCache.builder(QueryTracker.create(counts)).build();
        dataSource = cache.invalidatingDataSource(pg.dataSource());
        Db.write(pg.dataSource(), "UPDATE projects SET name = CASE id WHEN 1 THEN 'one' ELSE 'two' END");
    }

    @AfterEach
    void close() {
        cache.close();
    }

    /** A connection of the invalidating DataSource in a transaction that has run {@code update} and not ended. */
    private Connection transactionThatRan(String update) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(update)) {
                ps.executeUpdate();
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Test
    void aCommittedTransactionEvictsWhenItCommitsAndNotBefore() throws SQLException {
        assertEquals("one", Db.read(cache, dataSource, Db.PROJECT_NAME, 1));
        assertEquals("ada", Db.read(cache, dataSource, Db.USER_NAME, 1));
        try (Connection c = transactionThatRan("UPDATE projects SET name = 'renamed' WHERE id = 1")) {
            assertEquals(0, counts.evictions("project_name"), "nothing is evicted before the commit");
            c.commit();
        }
        assertEquals(1, counts.evictions("project_name"));
        assertEquals(0, counts.evictions("user_name"), "a query of another table keeps its result");
        assertEquals("renamed", Db.read(cache, dataSource, Db.PROJECT_NAME, 1));
        assertEquals("ada", Db.read(cache, dataSource, Db.USER_NAME, 1));
        assertEquals(1, counts.hits("user_name"));
    }

    @Test
    void aRolledBackTransactionEvictsNothing() throws SQLException {
        assertEquals("one", Db.read(cache, dataSource, Db.PROJECT_NAME, 1));
        Db.transaction(dataSource, false, "UPDATE projects SET name = 'never' WHERE id = 1");
        assertEquals(0, counts.evictions("project_name"));
        assertEquals("one", Db.read(cache, dataSource, Db.PROJECT_NAME, 1));
        assertEquals(1, counts.hits("project_name"));
    }

    @Test
    void aConnectionClosedWithItsTransactionOpenEvictsNothing() throws SQLException {
        assertEquals("one", Db.read(cache, dataSource, Db.PROJECT_NAME, 1));
        transactionThatRan("DELETE FROM projects WHERE id = 1").close();
        assertEquals(0, counts.evictions("project_name"));
    }

    @Test
    void anAutocommitWriteEvictsRightAfterItsStatement() throws SQLException {
        assertEquals("two", Db.read(cache, dataSource, Db.PROJECT_NAME, 2));
        Db.write(dataSource, "UPDATE projects SET name = 'second' WHERE id = 2");
        assertEquals(1, counts.evictions("project_name"));
        assertEquals("second", Db.read(cache, dataSource, Db.PROJECT_NAME, 2));
    }

    @Test
    void aWriteThatChangedNoRowEvictsNothingButATruncateDoes() throws SQLException {
        assertEquals("one", Db.read(cache, dataSource, Db.PROJECT_NAME, 1));
        Db.write(dataSource, "UPDATE projects SET name = 'nobody' WHERE id = 999");
        Db.transaction(dataSource, true, "DELETE FROM projects WHERE id = 999");
        assertEquals(0, counts.evictions("project_name"), "no row changed, so no result did");
        Db.write(dataSource, "TRUNCATE markers");
        assertEquals("0", Db.read(cache, dataSource, Db.MARKERS, 1));
        Db.write(dataSource, "TRUNCATE markers");
        assertEquals(1, counts.evictions("markers"), "TRUNCATE counts no rows, and evicts");
    }

    @Test
    void theWritingTransactionReadsItsOwnWritesPastTheCache() throws SQLException {
        assertEquals("one", Db.read(cache, dataSource, Db.PROJECT_NAME, 1));
        try (Connection c = transactionThatRan("UPDATE projects SET name = 'mine' WHERE id = 1")) {
            String seen = cache.get(Db.PROJECT_NAME, java.util.List.of(1), () -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT name FROM projects WHERE id = 1");
                     java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertEquals("mine", seen, "the transaction's own write, not the cached 'one'");
            assertEquals(0, counts.hits("project_name"));
            assertEquals(2, counts.misses("project_name"), "the first read, and the one that went past the cache");
            c.rollback();
        }
        assertEquals("one", Db.read(cache, dataSource, Db.PROJECT_NAME, 1), "rolled back: the cached result stands");
    }

    @Test
    void aWriteOfUnknownReachEvictsEverything() throws SQLException {
        Db.write(pg.dataSource(), "CREATE OR REPLACE PROCEDURE touch() LANGUAGE sql AS 'UPDATE users SET name = name'");
        assertEquals("one", Db.read(cache, dataSource, Db.PROJECT_NAME, 1));
        assertEquals("ada", Db.read(cache, dataSource, Db.USER_NAME, 1));
        Db.write(dataSource, "CALL touch()");
        assertEquals(1, counts.evictions("project_name"));
        assertEquals(1, counts.evictions("user_name"));
    }
}
