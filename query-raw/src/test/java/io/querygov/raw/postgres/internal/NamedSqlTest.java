package io.querygov.raw.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedSqlTest {

    @Test
    void namedParametersBecomePositionalInOrderOfUse() {
        NamedSql sql = NamedSql.parse("SELECT * FROM t WHERE a = :a AND b > :b OR a = :a");
        assertEquals("SELECT * FROM t WHERE a = $1 AND b > $2 OR a = $3", sql.positional());
        assertEquals("SELECT * FROM t WHERE a = ? AND b > ? OR a = ?", sql.jdbc());
        assertEquals(List.of("a", "b", "a"), sql.occurrences().stream().map(NamedSql.Occurrence::name).toList());
        assertEquals(List.of("a", "b"), sql.distinctNames());
    }

    @Test
    void castsSlicesStringsCommentsAndDollarQuotesAreNotParameters() {
        String text = "SELECT x::text, arr[1:2], ':no', \":no\", $$ :no $$, $tag$ :no $tag$, E'\\' :no' -- :no\n"
                + "/* :no /* :nested */ */ FROM t WHERE id = :id::bigint";
        NamedSql sql = NamedSql.parse(text);
        assertEquals(List.of("id"), sql.distinctNames());
        assertEquals(text.replace(":id::bigint", "$1::bigint"), sql.positional());
    }

    @Test
    void literalQuestionMarkIsDoubledForPgjdbcOnly() {
        NamedSql sql = NamedSql.parse("SELECT settings ? 'k' FROM project WHERE id = :id");
        assertEquals("SELECT settings ?? 'k' FROM project WHERE id = ?", sql.jdbc());
        assertEquals("SELECT settings ? 'k' FROM project WHERE id = $1", sql.positional());
    }

    @Test
    void suffixesFollowEachPlaceholder() {
        NamedSql sql = NamedSql.parse("SELECT :a, :b");
        assertEquals("SELECT ?::inet, ?", sql.jdbc(i -> i == 0 ? "::inet" : ""));
        assertEquals("SELECT $1::inet, $2", sql.positional(i -> i == 0 ? "::inet" : ""));
    }

    @Test
    void positionsInTheServerTextMapBackToTheStatementAsWritten() {
        String text = "SELECT :long_name, nope FROM t";
        NamedSql sql = NamedSql.parse(text);
        String positional = sql.positional();
        int serverOffset = positional.indexOf("nope");
        assertEquals(text.indexOf("nope"), sql.originalOffset(serverOffset));
        assertEquals(text.indexOf(":long_name"), sql.originalOffset(positional.indexOf("$1") + 1));
        assertEquals(0, sql.originalOffset(0));
        assertEquals(text.length(), sql.originalOffset(positional.length()));
    }

    @Test
    void identifiersWithDollarSignsDoNotOpenDollarQuotes() {
        NamedSql sql = NamedSql.parse("SELECT a$b$ FROM t WHERE c = :c");
        assertEquals(List.of("c"), sql.distinctNames());
    }
}
