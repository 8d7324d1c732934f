package io.querygov.testing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DatabaseNamesTest {

    @Test
    void nameIsPrefixLowerCaseClassNameAndRandomHex() {
        String name = DatabaseNames.forTestClass(DatabaseNamesTest.class);
        assertTrue(name.matches("qg_databasenamestest_[0-9a-f]{8}"), name);
    }

    @Test
    void suffixComesFromTheRandomSource() {
        assertEquals(DatabaseNames.forTestClass(DatabaseNamesTest.class, new Random(42)),
                DatabaseNames.forTestClass(DatabaseNamesTest.class, new Random(42)));
        assertNotEquals(DatabaseNames.forTestClass(DatabaseNamesTest.class),
                DatabaseNames.forTestClass(DatabaseNamesTest.class));
    }

    @Test
    void longClassNamesAreTruncatedTo63Bytes() {
        String name = DatabaseNames.forTestClass(
                AVeryLongTestClassNameThatWouldNotFitIntoAPostgresIdentifierOfSixtyThreeBytesTest.class);
        assertEquals(63, name.getBytes(StandardCharsets.UTF_8).length, name);
        assertTrue(name.matches("qg_averylongtestclassnamethatwouldnotfitintoapostgresi_[0-9a-f]{8}"), name);
    }

    // two plain assertions, alike PostgresServerTest's quoting test in form only
    @Test
    void anythingButAsciiLettersAndDigitsBecomesUnderscore() {
        assertEquals("caf__test_1", DatabaseNames.sanitize("Café$Test-1"));
        assertEquals("anonymous", DatabaseNames.sanitize(""));
    }

    @Test
    void anonymousClassesGetAName() {
        Object anonymous = new Object() { };
        assertTrue(DatabaseNames.forTestClass(anonymous.getClass()).matches("qg_anonymous_[0-9a-f]{8}"));
    }

    static class AVeryLongTestClassNameThatWouldNotFitIntoAPostgresIdentifierOfSixtyThreeBytesTest {
    }
}
