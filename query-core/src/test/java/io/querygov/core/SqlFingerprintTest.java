package io.querygov.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SqlFingerprintTest {

    private static String norm(String sql) {
        return SqlFingerprint.of(sql).normalized();
    }

    @Test
    void collapsesWhitespaceAndLowerCasesWords() {
        assertEquals("select id, name from projects where owner_id = ?",
                norm("SELECT  id,\n\tname\n  FROM projects\r\n WHERE owner_id = ?"));
    }

    @Test
    void replacesEveryKindOfLiteralAndPlaceholder() {
        assertEquals("select * from t where a = ? and b = ? and c = ? and d = ? and e = ? and f > ?",
                norm("select * from t where a = 'it''s' and b = 42 and c = $1 and d = :name and e = ? and f > 1.5e-3"));
        assertEquals("select ?, ?, ?", norm("select E'a\\'b', $$dollar 'quoted'$$, $tag$x$tag$"));
    }

    @Test
    void keepsCastsQuotedIdentifiersAndOperators() {
        assertEquals("select \"Weird Name\", x::text from t where j ->> ? >= ?",
                norm("select \"Weird Name\", x::TEXT from t where j->>'k' >= 10"));
        assertEquals("select a[?:?] from t", norm("select a[1:2] from t"));
        assertEquals("select count(*) filter (where ok) over (partition by p) from t",
                norm("select COUNT (*) FILTER(WHERE ok) OVER(PARTITION BY p) from t"));
    }

    @Test
    void dropsCommentsAndTrailingSemicolon() {
        assertEquals("select ? from t",
                norm("-- name: x\nselect /* inline /* nested */ comment */ 1 from t; \n"));
    }

    @Test
    void collapsesInListsOfAnyLength() {
        String three = norm("select * from jobs where id in (?, ?, ?)");
        String thirty = norm("select * from jobs where id IN (1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30)");
        assertEquals("select * from jobs where id in (...)", three);
        assertEquals(three, thirty);
        assertEquals("select * from t where id = any (array[...])", norm("select * from t where id = any(ARRAY[1, 2])"));
        // a function's arguments are structure, not a list of values
        assertEquals("select substr(?, ?) from t", norm("select substr('abc', 2) from t"));
    }

    @Test
    void sameShapeSameIdDifferentShapeDifferentId() {
        SqlFingerprint a = SqlFingerprint.of("select * from t where id = 1");
        SqlFingerprint b = SqlFingerprint.of("SELECT *   FROM t WHERE id = 99");
        SqlFingerprint c = SqlFingerprint.of("select * from t where name = 1");
        assertEquals(a, b);
        assertEquals(a.id(), b.id());
        assertNotEquals(a.id(), c.id());
        assertEquals(16, a.id().length());
        assertTrue(a.id().matches("[0-9a-f]{16}"));
    }

    @Test
    void neverKeepsAValue() {
        String sql = "insert into users(email, password) values ('alice@example.com', 'hunter2')";
        String fp = norm(sql);
        assertFalse(fp.contains("alice"));
        assertFalse(fp.contains("hunter2"));
        assertEquals("insert into users(email, password) values (?, ?)", fp);
    }

    // Input and shape a line, like other normalizer tests (query-orm's SessionFactoryModelTest): the cases are the test.
    @Test
    void unterminatedInputStillGetsAShape() {
        assertEquals("select ?", norm("select 'unterminated"));
        assertEquals("select ?", norm("select $$never closed"));
        assertEquals("select", norm("select /* open comment"));
    }

    @Test
    void readsCommentsAndStringsAsTheServerDoes() {
        // a carriage return ends a -- comment: what follows it is code
        assertEquals("select ?, ? from t", norm("select 1 --\r, 2 from t"));
        assertEquals("select ? ; commit", norm("select 1 --\r; commit --\n;"));
        // a trailing semicolon, even with a comment after it, changes nothing
        assertEquals("select ?", norm("select 1; -- done"));
        // "=-1" is "=" and "-" as it is for the server, so both spellings have one shape
        assertEquals(norm("select * from t where x = -1"), norm("select * from t where x=-1"));
        // $E'...' is a lone $ and an escape string; 1e'...' one token the server refuses
        assertEquals("select $ ?", norm("select $E'\\' qq'"));
        assertEquals("select ? ? qq", norm("select 1e'x\\' qq"));
    }

    @Test
    void abbreviatesLongStatements() {
        SqlFingerprint fp = SqlFingerprint.of("select a, b, c, d, e, f from some_table");
        assertEquals("select a, b...", fp.abbreviated(14));
        assertEquals(fp.normalized(), fp.abbreviated(1000));
    }
}
