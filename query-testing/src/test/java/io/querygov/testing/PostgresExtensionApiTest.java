package io.querygov.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The extension outside a test lifecycle: argument checks and messages. */
class PostgresExtensionApiTest {

    @Test
    void accessorsOutsideTheLifecycleSayHowToRegister() {
        PostgresExtension pg = PostgresExtension.create();
        IllegalStateException e = assertThrows(IllegalStateException.class, pg::databaseName);
        assertTrue(e.getMessage().contains(
                "@RegisterExtension static PostgresExtension pg = PostgresExtension.create();"), e.getMessage());
        assertThrows(IllegalStateException.class, pg::dataSource);
        assertThrows(IllegalStateException.class, pg::openConnection);
        assertThrows(IllegalStateException.class, pg::serverVersionNum);
    }

    @Test
    void schemaNeedsStatementsThatAreNotBlank() {
        PostgresExtension pg = PostgresExtension.create();
        assertEquals("withSchema needs at least one SQL statement",
                assertThrows(IllegalArgumentException.class, pg::withSchema).getMessage());
        assertEquals("schema statement 2 of 2 is blank",
                assertThrows(IllegalArgumentException.class, () -> pg.withSchema("SELECT 1", " ")).getMessage());
        assertEquals("initializer SQL must not be blank",
                assertThrows(IllegalArgumentException.class, () -> pg.withInitializer("")).getMessage());
        assertThrows(NullPointerException.class, () -> pg.withInitializer((DatabaseInitializer) null));
    }

    @Test
    void withMethodsReturnTheSameExtension() {
        PostgresExtension pg = PostgresExtension.create();
        assertEquals(pg, pg.withSchema("SELECT 1").withInitializer("SELECT 2").withInitializer(connection -> { }));
    }
}
