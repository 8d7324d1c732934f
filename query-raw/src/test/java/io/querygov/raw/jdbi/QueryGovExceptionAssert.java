package io.querygov.raw.jdbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.querygov.core.QueryGovException;
import org.junit.jupiter.api.function.Executable;

final class QueryGovExceptionAssert {
    private QueryGovExceptionAssert() {
    }

    static void assertMessage(Executable executable, String message) {
        assertEquals(message, assertThrows(QueryGovException.class, executable).getMessage());
    }
}
