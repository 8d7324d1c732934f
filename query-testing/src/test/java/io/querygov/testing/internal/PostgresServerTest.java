package io.querygov.testing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of server handling that need no server. */
class PostgresServerTest {

    @Test
    void preloadedLibrariesAreSplitTrimmedAndUnquoted() {
        assertEquals(List.of("pg_stat_statements", "auto_explain"),
                PostgresServer.preloadedLibraries("pg_stat_statements, \"auto_explain\""));
        assertEquals(List.of(), PostgresServer.preloadedLibraries(""));
    }

    @Test
    void identifiersAreQuoted() {
        assertEquals("\"qg_x\"", PostgresServer.quote("qg_x"));
        assertEquals("\"a\"\"b\"", PostgresServer.quote("a\"b"));
    }

    @Test
    void unreachableExternalServerIsNamedWithoutItsPassword() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PostgresServer.fromEnvironment(
                Map.of("QUERYGOV_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/nowhere?user=u&password=hunter2")));
        String message = e.getMessage();
        assertTrue(message.startsWith("Could not connect to the PostgreSQL server named by QUERYGOV_TEST_JDBC_URL "
                + "(jdbc:postgresql://127.0.0.1:1/nowhere?user=u&password=***): "), message);
        assertFalse(message.contains("hunter2"), message);
    }

    @Test
    void malformedExternalUrlIsReportedWithoutItsPassword() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PostgresServer.connectExternal("jdbc:mysql://h/db?password=hunter2"));
        assertEquals("QUERYGOV_TEST_JDBC_URL is not a PostgreSQL JDBC URL (expected "
                + "jdbc:postgresql://host:port/database?user=...): jdbc:mysql://h/db?password=***", e.getMessage());
    }

    @Test
    void embeddedStartFailureShowsCauseAndTheEndOfTheServerOutput(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("server.log");
        Files.write(log, IntStream.rangeClosed(1, 30).mapToObj(i -> "line " + i).toList());
        String message = PostgresServer.embeddedStartFailure(new IllegalStateException("Process [initdb] failed"), log, true);
        assertTrue(message.startsWith("Could not start the embedded PostgreSQL 17 server: "
                + "java.lang.IllegalStateException: Process [initdb] failed\nLast lines of its output (" + log + "):\n"
                + "  line 11\n"), message);
        assertTrue(message.contains("  line 30\n"), message);
        assertFalse(message.contains("line 10\n"), message);
        assertTrue(message.contains("unshare -U"), message);
        assertTrue(message.endsWith("or set QUERYGOV_TEST_JDBC_URL to the JDBC URL of a running server "
                + "(jdbc:postgresql://host:port/database?user=...)."), message);
    }

    @Test
    void embeddedStartFailureWithoutOutputStillNamesTheCause(@TempDir Path dir) {
        String message = PostgresServer.embeddedStartFailure(new java.io.IOException("Gave up waiting"),
                dir.resolve("missing.log"), false);
        assertTrue(message.startsWith("Could not start the embedded PostgreSQL 17 server: java.io.IOException: "
                + "Gave up waiting\nCheck that the temporary directory"), message);
    }
}
