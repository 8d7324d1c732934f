package io.querygov.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryType;
import io.querygov.core.sql.SqlClassification;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamedSqlTest {

    @Test
    void findsParametersInCodeOnly() {
        NamedSql sql = NamedSql.parse("SELECT :a::int, ':b', \"x:c\", $$ :d $$, $t$ :e $t$ -- :f\n"
                + ", /* :g /* nested :h */ */ :i, E'\\' :j', arr[1:2], :a");
        assertEquals(List.of("a", "i"), sql.parameterNames());
        assertEquals(List.of("a", "i", "a"), sql.jdbcParameterNames());
        assertEquals("SELECT ?::int, ':b', \"x:c\", $$ :d $$, $t$ :e $t$ -- :f\n"
                + ", /* :g /* nested :h */ */ ?, E'\\' :j', arr[1:2], ?", sql.jdbcSql());
        assertEquals("SELECT $1::int, ':b', \"x:c\", $$ :d $$, $t$ :e $t$ -- :f\n"
                + ", /* :g /* nested :h */ */ $2, E'\\' :j', arr[1:2], $1", sql.positionalSql());
    }

    @Test
    void questionMarksInCodeAreDoubledForPgjdbcOnlySoItSendsJsonbOperators() {
        NamedSql operators = NamedSql.parse("SELECT settings ? 'beta', settings ?| array['a'] FROM projects WHERE id = :id");
        assertEquals("SELECT settings ?? 'beta', settings ??| array['a'] FROM projects WHERE id = ?", operators.jdbcSql());
        assertEquals("SELECT settings ? 'beta', settings ?| array['a'] FROM projects WHERE id = $1", operators.positionalSql());
        NamedSql key = NamedSql.parse("SELECT settings ? 'k' FROM project WHERE id = :id");
        assertEquals("SELECT settings ?? 'k' FROM project WHERE id = ?", key.jdbcSql());
        assertEquals("SELECT settings ? 'k' FROM project WHERE id = $1", key.serverSql());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // identifiers with dollars are not dollar quotes
            "SELECT a$b$ FROM t WHERE x = :x AND y = $1 | x",
            "SELECT a$b$ FROM t WHERE c = :c | c",
            // PostgreSQL reads 1$$...$$ as the number 1 and a dollar-quoted string: '$' continues identifiers, not numbers
            "SELECT 1$$ :no $$, :yes | yes",
    })
    void dollarsInANameOrAfterANumberOpenNoDollarQuote(String text, String parameterName) {
        assertEquals(List.of(parameterName), NamedSql.parse(text).parameterNames());
    }

    @Test
    void eachPlaceholderIsItsOwnServerParameterAsPgjdbcSendsIt() {
        NamedSql sql = NamedSql.parse("SELECT * FROM t WHERE a = :a AND b > :b OR a = :a");
        assertEquals("SELECT * FROM t WHERE a = $1 AND b > $2 OR a = $3", sql.serverSql());
        assertEquals("SELECT * FROM t WHERE a = ? AND b > ? OR a = ?", sql.jdbcSql());
        assertEquals("SELECT * FROM t WHERE a = $1 AND b > $2 OR a = $1", sql.positionalSql());
        assertEquals(List.of("a", "b", "a"), sql.jdbcParameterNames());
        assertEquals(List.of("a", "b"), sql.parameterNames());
    }

    @Test
    void castsSlicesStringsCommentsAndDollarQuotesAreNotParameters() {
        String text = "SELECT x::text, arr[1:2], ':no', \":no\", $$ :no $$, $tag$ :no $tag$, E'\\' :no' -- :no\n"
                + "/* :no /* :nested */ */ FROM t WHERE id = :id::bigint";
        NamedSql sql = NamedSql.parse(text);
        assertEquals(List.of("id"), sql.parameterNames());
        assertEquals(text.replace(":id::bigint", "$1::bigint"), sql.serverSql());
    }

    @Test
    void questionMarksOutsideCodeAreLeftAlone() {
        // pgjdbc turns ?? back into ? only in code: doubled in a literal, it would change the value sent
        String text = "SELECT 'what?', \"why?\", $$ ? $$ -- really?\n/* ? */ FROM t WHERE id = :id";
        NamedSql sql = NamedSql.parse(text);
        assertEquals(text.replace(":id", "?"), sql.jdbcSql());
        assertEquals(text.replace(":id", "$1"), sql.serverSql());
    }

    @Test
    void suffixesFollowEachPlaceholder() {
        NamedSql sql = NamedSql.parse("SELECT :a, :b");
        assertEquals("SELECT ?::inet, ?", sql.jdbcSql(i -> i == 0 ? "::inet" : ""));
        assertEquals("SELECT $1::inet, $2", sql.serverSql(i -> i == 0 ? "::inet" : ""));
    }

    @Test
    void positionsInTheServerTextMapBackToTheStatementAsWritten() {
        String text = "SELECT :long_name, nope FROM t";
        NamedSql sql = NamedSql.parse(text);
        String server = sql.serverSql();
        int serverOffset = server.indexOf("nope");
        assertEquals(text.indexOf("nope"), sql.sqlOffset(serverOffset));
        assertEquals(text.indexOf(":long_name"), sql.sqlOffset(server.indexOf("$1") + 1));
        assertEquals(0, sql.sqlOffset(0));
        assertEquals(text.length(), sql.sqlOffset(server.length()));
    }

    @Test
    void positionsMapPastRepeatedNamesAndTwoDigitPlaceholders() {
        String text = "SELECT :a, :a, :a, :a, :a, :a, :a, :a, :a, :bb, oops FROM t";
        NamedSql sql = NamedSql.parse(text);
        String server = sql.serverSql();
        assertEquals("SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, oops FROM t", server);
        assertEquals(text.indexOf("oops"), sql.sqlOffset(server.indexOf("oops")));
        assertEquals(text.indexOf(":bb"), sql.sqlOffset(server.indexOf("$10") + 2));
    }

    @Test
    void parameterNamesMayHoldNonAsciiLettersLikeIdentifiers() {
        NamedSql sql = NamedSql.parse("SELECT * FROM t WHERE größe = :größe AND n = :n1");
        assertEquals(List.of("größe", "n1"), sql.parameterNames());
        assertEquals("SELECT * FROM t WHERE größe = ? AND n = ?", sql.jdbcSql());
    }

    @Test
    void infersReadsAndWritesAsCoresOneClassifierDoes() {
        // core's SqlClassificationTest holds the cases; here, that NamedSql answers with it
        assertKind("SELECT 1", QueryType.RAW_SQL_ANALYTICS, false);
        assertKind("(SELECT 1) UNION (SELECT 2)", QueryType.RAW_SQL_ANALYTICS, false);
        assertKind("INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET x = 1", QueryType.RAW_SQL_BULK, true);
        assertKind("SELECT * INTO new_table FROM t", QueryType.RAW_SQL_BULK, true);
        assertKind("WITH m AS (MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING t.*) SELECT * FROM m",
                QueryType.RAW_SQL_BULK, true);
        assertKind("SELECT nextval('s')", QueryType.RAW_SQL_ANALYTICS, true);
        NamedSql copy = NamedSql.parse("COPY (SELECT :a) TO PROGRAM 'gzip > /tmp/x'");
        assertEquals(SqlClassification.of(copy.sql()).sideEffects(), copy.classification().sideEffects());
    }

    @Test
    void parametersAreWhereTheServerSeesCode() {
        // a carriage return ends a -- comment: :b is code
        assertEquals(List.of("a", "b"), NamedSql.parse("SELECT :a --\r, :b").parameterNames());
        // $E'...' is a lone $ and an escape string, in which \' is a quote: :no is inside it
        assertEquals(List.of("yes"), NamedSql.parse("SELECT $E'\\' :no', :yes").parameterNames());
        assertEquals(2, NamedSql.parse("SELECT :a --\r; DELETE FROM t").classification().statementCount());
    }

    @Test
    void rowLocksNeedAReadWriteTransactionButStayAnalytics() {
        assertKind("SELECT * FROM t WHERE id = 1 FOR UPDATE", QueryType.RAW_SQL_ANALYTICS, true);
        assertKind("SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED", QueryType.RAW_SQL_ANALYTICS, true);
        assertKind("SELECT 'for update' FROM t", QueryType.RAW_SQL_ANALYTICS, false);
    }

    @Test
    void unknownKindsHaveNoTypeAndAreAssumedToWrite() {
        NamedSql call = NamedSql.parse("CALL refresh_everything()");
        assertEquals(Optional.empty(), call.inferredType());
        assertTrue(call.writes());
        assertEquals(Optional.empty(), NamedSql.parse("-- only a comment").inferredType());
    }

    private static void assertKind(String sql, QueryType type, boolean writes) {
        NamedSql parsed = NamedSql.parse(sql);
        assertEquals(Optional.of(type), parsed.inferredType(), sql);
        assertEquals(writes, parsed.writes(), sql);
        if (!writes) {
            assertFalse(parsed.writes());
        }
    }
}
