package io.querygov.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InitializerTest {

    static final AtomicInteger lastInitializerRuns = new AtomicInteger();
    static final AtomicLong projectsSeenByLastInitializer = new AtomicLong(-1);

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create()
            .withSchema(
                    "CREATE TABLE project (id bigint PRIMARY KEY, name text NOT NULL)",
                    "INSERT INTO project VALUES (1, 'alpha')")
            .withInitializer("INSERT INTO project VALUES (2, 'beta'); INSERT INTO project VALUES (3, 'gamma')")
            .withInitializer(connection -> {
                lastInitializerRuns.incrementAndGet();
                projectsSeenByLastInitializer.set(Sql.number(connection, "SELECT count(*) FROM project"));
            });

    @Test
    void schemaAndDataFromTheInitializersArePresent() throws SQLException {
        try (Connection connection = pg.openConnection()) {
            assertEquals(List.of("alpha", "beta", "gamma"),
                    Sql.strings(connection, "SELECT name FROM project ORDER BY id"));
        }
    }

    @Test
    void initializersRunInTheOrderAdded() {
        assertEquals(3, projectsSeenByLastInitializer.get());
    }

    @RepeatedTest(2)
    void initializersRunOncePerClassNotPerTest() {
        assertEquals(1, lastInitializerRuns.get());
    }

    @Test
    void initializersCannotBeAddedOnceTheDatabaseExists() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pg.withSchema("SELECT 1"));
        assertTrue(e.getMessage().startsWith("PostgresExtension initializers are fixed once it has created a database"),
                e.getMessage());
    }
}
