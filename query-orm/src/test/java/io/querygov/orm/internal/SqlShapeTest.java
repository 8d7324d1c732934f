package io.querygov.orm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlShapeTest {

    @Test
    void classifiesByJoinsAgainstTheThreshold() {
        String twoJoins = "select * from a join b on a.id = b.a join c on c.id = b.c";
        assertEquals(QueryType.ORM_SIMPLE, new SqlShape(twoJoins, 3).type());
        assertEquals(QueryType.ORM_COMPLEX, new SqlShape(twoJoins, 2).type());
        assertEquals(2, new SqlShape(twoJoins, 3).joins());
    }

    /** By core's one classifier: a MERGE inside WITH and a SELECT ... INTO write, and a sequence is no read. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            select * from a where id = ?                                                      | true
            with x as (select 1) select * from x                                              | true
            select * from a where id = ? for update                                           | false
            update a set x = ? where id = ?                                                   | false
            insert into a (x) values (?) returning id                                         | false
            with d as (delete from a where id = ? returning *) select * from d                | false
            with m as (merge into a using b on a.id = b.id when matched then delete returning a.*) select * from m | false
            select * into archive from a                                                      | false
            select nextval('project_seq')                                                     | false
            """)
    void tellsReadsFromWritesAndLockingReads(String sql, boolean read) {
        assertEquals(read, new SqlShape(sql, 3).isRead());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            select * from task t where t.project_id = any(?)        | true
            select * from task t where t.project_id = ANY (?)       | true
            select * from task t where t.project_id in (?, ?, ?)    | true
            select * from task t where t.project_id in (?)          | true
            select * from task t where t.project_id = ?             | false
            """)
    void batchFetchesAndInListsFetchManyKeys(String sql, boolean multiKey) {
        assertEquals(multiKey, new SqlShape(sql, 3).isMultiKey());
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
