package io.querygov.orm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import org.junit.jupiter.api.Test;

class SqlShapeTest {

    @Test
    void classifiesByJoinsAgainstTheThreshold() {
        String twoJoins = "select * from a join b on a.id = b.a join c on c.id = b.c";
        assertEquals(QueryType.ORM_SIMPLE, new SqlShape(twoJoins, 3).type());
        assertEquals(QueryType.ORM_COMPLEX, new SqlShape(twoJoins, 2).type());
        assertEquals(2, new SqlShape(twoJoins, 3).joins());
    }

    @Test
    void tellsReadsFromWritesAndLockingReads() {
        assertTrue(new SqlShape("select * from a where id = ?", 3).isRead());
        assertTrue(new SqlShape("with x as (select 1) select * from x", 3).isRead());
        assertFalse(new SqlShape("select * from a where id = ? for update", 3).isRead());
        assertFalse(new SqlShape("update a set x = ? where id = ?", 3).isRead());
        assertFalse(new SqlShape("insert into a (x) values (?) returning id", 3).isRead());
        assertFalse(new SqlShape("with d as (delete from a where id = ? returning *) select * from d", 3).isRead());
        // core's one classifier: a MERGE inside WITH and a SELECT ... INTO write, a sequence is no read
        assertFalse(new SqlShape("with m as (merge into a using b on a.id = b.id when matched then delete returning a.*)"
                + " select * from m", 3).isRead());
        assertFalse(new SqlShape("select * into archive from a", 3).isRead());
        assertFalse(new SqlShape("select nextval('project_seq')", 3).isRead());
    }

    @Test
    void batchFetchesAndInListsFetchManyKeys() {
        assertTrue(new SqlShape("select * from task t where t.project_id = any(?)", 3).isMultiKey());
        assertTrue(new SqlShape("select * from task t where t.project_id = ANY (?)", 3).isMultiKey());
        assertTrue(new SqlShape("select * from task t where t.project_id in (?, ?, ?)", 3).isMultiKey());
        assertTrue(new SqlShape("select * from task t where t.project_id in (?)", 3).isMultiKey());
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
