package io.querygov.core.sql;

import static io.querygov.core.sql.SqlToken.Kind.BLOCK_COMMENT;
import static io.querygov.core.sql.SqlToken.Kind.IDENTIFIER;
import static io.querygov.core.sql.SqlToken.Kind.LINE_COMMENT;
import static io.querygov.core.sql.SqlToken.Kind.NAMED_PARAMETER;
import static io.querygov.core.sql.SqlToken.Kind.NUMBER;
import static io.querygov.core.sql.SqlToken.Kind.OPERATOR;
import static io.querygov.core.sql.SqlToken.Kind.OTHER;
import static io.querygov.core.sql.SqlToken.Kind.PLACEHOLDER;
import static io.querygov.core.sql.SqlToken.Kind.POSITIONAL_PARAMETER;
import static io.querygov.core.sql.SqlToken.Kind.PUNCTUATION;
import static io.querygov.core.sql.SqlToken.Kind.QUOTED_IDENTIFIER;
import static io.querygov.core.sql.SqlToken.Kind.STRING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scanner rules of PostgreSQL, case by case; {@link SqlLexerPropertyTest} covers them in bulk. */
class SqlLexerTest {

    /** "KIND text" for each token, an error in brackets. */
    private static List<String> lex(String sql) {
        List<String> out = new ArrayList<>();
        for (SqlToken t : SqlLexer.tokens(sql)) {
            out.add(t.kind() + " " + t.text(sql) + (t.error() == null ? "" : " [" + t.error() + "]"));
        }
        return out;
    }

    @Test
    void aCarriageReturnEndsALineCommentAsItDoesForTheServer() {
        assertEquals(List.of("IDENTIFIER UPDATE", "IDENTIFIER victim", "LINE_COMMENT --", "PUNCTUATION ;",
                        "IDENTIFIER COMMIT", "LINE_COMMENT --", "PUNCTUATION ;"),
                lex("UPDATE victim --\r; COMMIT --\n;"));
        assertEquals(List.of("LINE_COMMENT -- a", "IDENTIFIER b"), lex("-- a\r\nb"));
        assertEquals(List.of("LINE_COMMENT -- to the end"), lex("-- to the end"));
    }

    @Test
    void aDollarThatOpensNoQuoteIsALoneDollarAndTheEStringAfterItHasBackslashEscapes() {
        // $E is no tag (no closing $): the server returns '$' alone, then reads E'...' where \' is a quote
        assertEquals(List.of("OTHER $", "STRING E'\\' qq'"), lex("$E'\\' qq'"));
        assertEquals(List.of("OTHER $", "STRING E'\\' qq [unterminated quoted string]"), lex("$E'\\' qq"));
        // after a name E is part of the name, and the quote opens a standard string
        assertEquals(List.of("IDENTIFIER abe", "STRING '\\'", "IDENTIFIER qq"), lex("abe'\\' qq"));
        assertEquals(List.of("IDENTIFIER a$E", "STRING '\\'", "IDENTIFIER qq"), lex("a$E'\\' qq"));
    }

    @Test
    void digitsFollowedByANameAreOneTokenTheServerRefuses() {
        // PostgreSQL 15 and later: "trailing junk after numeric literal at or near "1e"", never 1 and E'...'
        assertEquals(List.of("NUMBER 1e [trailing junk after numeric literal]", "STRING 'x\\'", "IDENTIFIER qq"),
                lex("1e'x\\' qq"));
        assertEquals(List.of("NUMBER 1.5e [trailing junk after numeric literal]", "STRING 'x'"), lex("1.5e'x'"));
        assertEquals(List.of("NUMBER 1as [trailing junk after numeric literal]", "IDENTIFIER x"), lex("1as x"));
        assertEquals(List.of("NUMBER 1e+ [trailing junk after numeric literal]"), lex("1e+"));
        assertEquals(List.of("NUMBER 0x1FG [trailing junk after numeric literal]"), lex("0x1FG"));
        assertEquals(List.of("NUMBER 0x [invalid hexadecimal integer]", "STRING '1'"), lex("0x'1'"));
        assertEquals(List.of("POSITIONAL_PARAMETER $1a [trailing junk after parameter]"), lex("$1a"));
    }

    @Test
    void numbersAsPostgresql16ReadsThem() {
        for (String n : List.of("42", "1_000", "3.14", ".5", "5.", "1e10", "1.5E-3", "1.e5", "0x1F", "0o17", "0b1010",
                "0X_FF")) {
            assertEquals(List.of("NUMBER " + n), lex(n), n);
        }
        assertEquals(List.of("NUMBER 1", "OPERATOR ..", "NUMBER 10"), lex("1..10"));
        assertEquals(List.of("NUMBER 1.5", "NUMBER .3"), lex("1.5.3"));
        assertEquals(List.of("NUMBER 1", "STRING $$ :no $$"), lex("1$$ :no $$"));
    }

    // One test per rule of the server's lexer, alike on purpose: a failure names the rule, each line shows input and tokens.
    @Test
    void namesHoldDollarsDigitsAndEveryNonAsciiCharacter() {
        assertEquals(List.of("IDENTIFIER a$b$", "IDENTIFIER x"), lex("a$b$ x"));
        assertEquals(List.of("IDENTIFIER größe×2"), lex("größe×2"));
        assertEquals(List.of("IDENTIFIER _x1"), lex("_x1"));
        // a non-breaking space is no whitespace for the server: it is part of the name
        assertEquals(List.of("IDENTIFIER a\u00A0b"), lex("a\u00A0b"));
    }

    @Test
    void stringPrefixesOnlyWhereTheLetterStartsAToken() {
        assertEquals(List.of("STRING E'it\\'s'"), lex("E'it\\'s'"));
        assertEquals(List.of("STRING e'\\\\'", "STRING 'x'"), lex("e'\\\\' 'x'"));
        assertEquals(List.of("STRING N'x'"), lex("N'x'"));
        assertEquals(List.of("STRING U&'d\\0061t'"), lex("U&'d\\0061t'"));
        assertEquals(List.of("QUOTED_IDENTIFIER U&\"d\\0061t\""), lex("U&\"d\\0061t\""));
        assertEquals(List.of("IDENTIFIER u", "OPERATOR &", "IDENTIFIER x"), lex("u&x"));
        // a bit string ends at its first quote; a quote right after it opens the next constant
        assertEquals(List.of("STRING B'10'", "STRING '01'"), lex("B'10''01'"));
        assertEquals(List.of("STRING X'1f'"), lex("X'1f'"));
    }

    @Test
    void standardStringsHaveNoBackslashEscapes() {
        assertEquals(List.of("STRING 'a\\'", "PUNCTUATION ;", "IDENTIFIER x"), lex("'a\\'; x"));
        assertEquals(List.of("STRING 'it''s'"), lex("'it''s'"));
    }

    @Test
    void constantsSeparatedByALineBreakAreOneAndKeepTheFirstOnesMode() {
        assertEquals(List.of("STRING 'a'\n  'b'"), lex("'a'\n  'b'"));
        assertEquals(List.of("STRING 'a' -- c\r -- d\n'b'"), lex("'a' -- c\r -- d\n'b'"));
        assertEquals(List.of("STRING 'a'", "STRING 'b'"), lex("'a' 'b'"));
        assertEquals(List.of("STRING 'a'", "BLOCK_COMMENT /* c */", "STRING 'b'"), lex("'a'\n/* c */'b'"));
        // continued in E mode: the backslash still escapes, so the ';' is inside the string
        assertEquals(List.of("STRING E'a'\n'\\'; x'"), lex("E'a'\n'\\'; x'"));
        assertEquals(List.of("STRING 'a'\n'\\'", "PUNCTUATION ;", "IDENTIFIER y", "STRING ' [unterminated quoted string]"),
                lex("'a'\n'\\'; y'"));
    }

    @Test
    void dollarQuotesEndAtTheirOwnTag() {
        assertEquals(List.of("STRING $a$ $b$ ' -- ; $a$", "IDENTIFIER x"), lex("$a$ $b$ ' -- ; $a$ x"));
        assertEquals(List.of("STRING $$ $x$ $$"), lex("$$ $x$ $$"));
        assertEquals(List.of("STRING $a$ x $ab$ y $a$"), lex("$a$ x $ab$ y $a$"));
        assertEquals(List.of("STRING $t$ never [unterminated dollar-quoted string]"), lex("$t$ never"));
        assertEquals(List.of("OTHER $", "IDENTIFIER abc"), lex("$abc"));
        assertEquals(List.of("POSITIONAL_PARAMETER $12", "STRING $$x$$"), lex("$12$$x$$"));
    }

    @Test
    void operatorsFollowTheServersCutsAndTrailingSignRule() {
        assertEquals(List.of("IDENTIFIER x", "OPERATOR =", "OPERATOR -", "NUMBER 1"), lex("x=-1"));
        assertEquals(List.of("OPERATOR @-"), lex("@-"));
        assertEquals(List.of("OPERATOR ->>", "STRING 'k'"), lex("->>'k'"));
        assertEquals(List.of("OPERATOR *", "BLOCK_COMMENT /*c*/"), lex("*/*c*/"));
        assertEquals(List.of("OPERATOR +", "LINE_COMMENT --c"), lex("+--c"));
        assertEquals(List.of("OPERATOR ::", "OPERATOR :=", "OPERATOR =>", "OPERATOR <>", "OPERATOR !="),
                lex(":: := => <> !="));
        // '?' is pgjdbc's placeholder wherever it stands in code, never part of an operator
        assertEquals(List.of("IDENTIFIER a", "PLACEHOLDER ?", "OPERATOR |", "IDENTIFIER b"), lex("a ?| b"));
        assertEquals(List.of("OPERATOR =", "PLACEHOLDER ?"), lex("=?"));
    }

    @Test
    void namedParametersCastsAndSlices() {
        assertEquals(List.of("NAMED_PARAMETER :id", "OPERATOR ::", "IDENTIFIER int"), lex(":id::int"));
        assertEquals(List.of("IDENTIFIER a", "PUNCTUATION [", "NUMBER 1", "PUNCTUATION :", "NUMBER 2",
                "PUNCTUATION ]"), lex("a[1:2]"));
        assertEquals(List.of("NAMED_PARAMETER :größe"), lex(":größe"));
        assertEquals(List.of("PUNCTUATION :", "IDENTIFIER x"), lex(": x"));
    }

    @Test
    void commentsNestAndQuotedIdentifiersDoubleTheirQuotes() {
        assertEquals(List.of("BLOCK_COMMENT /* a /* b */ c */", "IDENTIFIER d"), lex("/* a /* b */ c */ d"));
        assertEquals(List.of("BLOCK_COMMENT /*/**/*/"), lex("/*/**/*/"));
        assertEquals(List.of("BLOCK_COMMENT /* open [unterminated /* comment]"), lex("/* open"));
        assertEquals(List.of("QUOTED_IDENTIFIER \"a\"\"b\""), lex("\"a\"\"b\""));
        assertEquals(List.of("QUOTED_IDENTIFIER \"\" [zero-length delimited identifier]"), lex("\"\""));
        assertEquals(List.of("QUOTED_IDENTIFIER \"x [unterminated quoted identifier]"), lex("\"x"));
    }

    @Test
    void escapeStringsWithBadUnicodeEscapesAreRefused() {
        assertEquals(List.of("STRING E'\\u12' [invalid Unicode escape]"), lex("E'\\u12'"));
        assertEquals(List.of("STRING E'\\u0041'"), lex("E'\\u0041'"));
    }

    @Test
    void whitespaceIsTheServersSet() {
        assertEquals(List.of("IDENTIFIER a", "IDENTIFIER b"), lex("a \t\n\r\f\u000Bb"));
        assertEquals(List.of("OTHER \\", "OTHER {"), lex("\\ {"));
    }

    @Test
    void theCursorAnswersWithoutAllocatingAndStartsWhereAsked() {
        SqlLexer lexer = SqlLexer.of("x SELECT ;", 2);
        assertTrue(lexer.next());
        assertTrue(lexer.isWord("select"));
        assertFalse(lexer.isWord("sel"));
        assertEquals(IDENTIFIER, lexer.kind());
        assertEquals(2, lexer.start());
        assertEquals(8, lexer.end());
        assertNull(lexer.error());
        assertTrue(lexer.next());
        assertTrue(lexer.is(';'));
        assertFalse(lexer.next());
        assertNull(lexer.kind());
        assertThrows(IllegalArgumentException.class, () -> SqlLexer.of("x", 2));
        assertThrows(IllegalArgumentException.class, () -> SqlLexer.of(null));
    }

    @Test
    void everyKindHasACase() {
        List<SqlToken.Kind> seen = new ArrayList<>();
        for (SqlToken t : SqlLexer.tokens("SELECT \"q\" 'x' 1 $1 :n ? = ( -- c\n /* d */ \\")) {
            seen.add(t.kind());
        }
        assertEquals(List.of(IDENTIFIER, QUOTED_IDENTIFIER, STRING, NUMBER, POSITIONAL_PARAMETER, NAMED_PARAMETER,
                PLACEHOLDER, OPERATOR, PUNCTUATION, LINE_COMMENT, BLOCK_COMMENT, OTHER), seen);
    }
}
