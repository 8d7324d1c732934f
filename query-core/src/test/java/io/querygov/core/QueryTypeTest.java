package io.querygov.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueryTypeTest {

    @Test
    void fewerThanThreeJoinsIsSimple() {
        assertEquals(QueryType.ORM_SIMPLE, QueryType.forOrmJoins(0));
        assertEquals(QueryType.ORM_SIMPLE, QueryType.forOrmJoins(2));
        assertEquals(QueryType.ORM_COMPLEX, QueryType.forOrmJoins(3));
        assertEquals(QueryType.ORM_COMPLEX, QueryType.forOrmJoins(7));
    }

    @Test
    void thresholdIsConfigurable() {
        assertEquals(QueryType.ORM_COMPLEX, QueryType.forOrmJoins(2, 2));
        assertEquals(QueryType.ORM_SIMPLE, QueryType.forOrmJoins(4, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueryType.forOrmJoins(1, 0));
        assertEquals("complexThreshold must be at least 1, was 0", e.getMessage());
    }

    @Test
    void ormKindsAreOrm() {
        assertTrue(QueryType.ORM_SIMPLE.isOrm());
        assertTrue(QueryType.ORM_COMPLEX.isOrm());
        assertFalse(QueryType.RAW_SQL_ANALYTICS.isOrm());
        assertFalse(QueryType.RAW_SQL_BULK.isOrm());
    }

    @Test
    void parsesIgnoringCaseAndDashes() {
        assertEquals(QueryType.RAW_SQL_BULK, QueryType.parse(" raw-sql-bulk "));
        assertEquals(QueryType.ORM_SIMPLE, QueryType.parse("ORM_SIMPLE"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueryType.parse("RAW_SQL"));
        assertEquals("unknown query type 'RAW_SQL', expected one of ORM_SIMPLE, ORM_COMPLEX, RAW_SQL_ANALYTICS, RAW_SQL_BULK",
                e.getMessage());
    }
}
