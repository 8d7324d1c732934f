package io.querygov.orm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlShapeTest {

    @Test
    void classifiesByJoinsAgainstTheThreshold() {
        String twoJoins = "select * from a join b on a.id = b.a join c on c.id = b.c";
        assertEquals(QueryType.ORM_SIMPLE, new SqlShape(twoJoins, 3).type());
        assertEquals(QueryType.ORM_COMPLEX, new SqlShape(twoJoins, 2).type());
        assertEquals(2, new SqlShape(twoJoins, 3).joins());
    }

    @ParameterizedTest
    @ValueSource(strings = {"select * from a where id = ?", "with x as (select 1) select * from x"})
    void plainSelectsAreReads(String sql) {
        assertTrue(new SqlShape(sql, 3).isRead());
    }

    /** By core's one classifier, also a MERGE inside WITH and a SELECT ... INTO write, and a sequence is no read. */
    @ParameterizedTest
    @ValueSource(strings = {
        "select * from a where id = ? for update",
        "update a set x = ? where id = ?",
        "insert into a (x) values (?) returning id",
        "with d as (delete from a where id = ? returning *) select * from d",
        "with m as (merge into a using b on a.id = b.id when matched then delete returning a.*) select * from m",
        "select * into archive from a",
        "select nextval('project_seq')"})
    void writesLockingReadsAndSequencesAreNoReads(String sql) {
        assertFalse(new SqlShape(sql, 3).isRead());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "select * from task t where t.project_id = any(?)",
        "select * from task t where t.project_id = ANY (?)",
        "select * from task t where t.project_id in (?, ?, ?)",
        "select * from task t where t.project_id in (?)"})
    void batchFetchesAndInListsFetchManyKeys(String sql) {
        assertTrue(new SqlShape(sql, 3).isMultiKey());
    }

    @Test
    void oneKeyIsNoMultiKeyFetch() {
        assertFalse(new SqlShape("select * from task t where t.project_id = ?", 3).isMultiKey());
    }

    @Test
    void cachesOneDescriptorPerNameWithTheSqlAsStatement() {
        ShapeCache cache = new ShapeCache(3);
        String sql = "select p.id from project p where p.id = ?";
        SqlShape shape = cache.shape(sql);
        assertSame(shape, cache.shape(sql));
        QueryDescriptor d = shape.descriptor("find:Project", null);
        assertSame(d, shape.descriptor("find:Project", null));
        assertEquals(sql, d.statement().orElseThrow());
        assertEquals(QueryType.ORM_SIMPLE, d.type());
    }

    @Test
    void theCacheStopsGrowingAtItsBound() {
        ShapeCache cache = new ShapeCache(3);
        for (int i = 0; i < ShapeCache.MAX_ENTRIES + 10; i++) {
            cache.shape("select " + i + " as x from t where y = 'v" + i + "' and z = " + i);
        }
        assertEquals(ShapeCache.MAX_ENTRIES, cache.size());
        String uncached = "select 'late' from t where q = 1";
        SqlShape first = cache.shape(uncached);
        assertNotSame(first, cache.shape(uncached), "past the bound, a shape is made each time and not kept");
        assertEquals(ShapeCache.MAX_ENTRIES, cache.size());
    }
}
