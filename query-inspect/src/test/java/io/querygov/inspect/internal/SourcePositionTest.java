package io.querygov.inspect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SourcePositionTest {

    @Test
    void offsetsBecomeLinesAndColumns() {
        String text = "SELECT a,\n       b\r\nFROM t";
        assertEquals(new SourcePosition(1, 1), SourcePosition.of(text, 0));
        assertEquals(new SourcePosition(2, 8), SourcePosition.of(text, text.indexOf('b')));
        assertEquals(new SourcePosition(3, 6), SourcePosition.of(text, text.indexOf('t')));
    }

    @Test
    void fileLineOriginsAreShiftedByTheLineInTheStatement() {
        assertEquals("sql/reports.sql:14:6", new SourcePosition(3, 6).locate("sql/reports.sql:12"));
        assertEquals("C:\\sql\\a.sql:1:2", new SourcePosition(1, 2).locate("C:\\sql\\a.sql:1"));
    }

    @Test
    void otherOriginsKeepThePositionInTheStatement() {
        assertEquals("Reports#monthly, line 2, column 5 of the statement",
                new SourcePosition(2, 5).locate("Reports#monthly"));
        assertEquals("line 1, column 3 of the statement", new SourcePosition(1, 3).locate(null));
    }
}
