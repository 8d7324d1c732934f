package io.querygov.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs sample test classes (the static member classes below, which the build does not run by itself) through the
 * JUnit launcher and checks what the extension did to them: their databases, their outcomes and their messages.
 */
class ExtensionLifecycleTest {

    /** Registered first, so that the server is this run's and outlives the sample runs. */
    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create();

    /** What the samples saw, by key; cleared before each run. */
    static final Map<String, Object> seen = new ConcurrentHashMap<>();

    @Test
    void eachClassGetsItsOwnFreshDatabaseWhichIsDroppedAfterTheClass() throws SQLException {
        Outcomes outcomes = run(FirstSample.class, SecondSample.class);

        assertEquals(TestExecutionResult.Status.SUCCESSFUL, outcomes.status(FirstSample.class));
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, outcomes.status(SecondSample.class));
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, outcomes.status("createsATable()"));
        String first = (String) seen.get("FirstSample.database");
        String second = (String) seen.get("SecondSample.database");
        assertTrue(first.matches("qg_firstsample_[0-9a-f]{8}"), first);
        assertTrue(second.matches("qg_secondsample_[0-9a-f]{8}"), second);
        assertNotEquals(first, second);
        assertEquals(0L, seen.get("FirstSample.relationsBefore"), "FirstSample started with an empty database");
        assertEquals(0L, seen.get("SecondSample.relationsBefore"), "SecondSample started with an empty database");
        assertEquals(List.of(), existingDatabases(first, second));
    }

    @Test
    void nestedClassesShareTheDatabaseOfTheirEnclosingClass() throws SQLException {
        Outcomes outcomes = run(NestedSample.class);

        assertEquals(TestExecutionResult.Status.SUCCESSFUL, outcomes.status("outer()"));
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, outcomes.status("inner()"));
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, outcomes.status("Inner"));
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, outcomes.status(NestedSample.class));
        String outer = (String) seen.get("NestedSample.database");
        assertTrue(outer.matches("qg_nestedsample_[0-9a-f]{8}"), outer);
        assertEquals(outer, seen.get("NestedSample.Inner.database"));
        assertEquals(1L, seen.get("NestedSample.Inner.projects"), "the nested class sees the outer class's data");
        assertEquals(List.of(), existingDatabases(outer));
    }

    @Test
    void aConnectionLeftOpenFailsTheTestThatOpenedItAndIsClosed() throws SQLException {
        Outcomes outcomes = run(LeakingSample.class);

        assertEquals(TestExecutionResult.Status.SUCCESSFUL, outcomes.status("closesItsConnection()"));
        assertEquals(TestExecutionResult.Status.FAILED, outcomes.status("leaksAConnection()"));
        Throwable failure = outcomes.failure("leaksAConnection()");
        assertTrue(failure instanceof AssertionError, String.valueOf(failure));
        assertEquals("1 connection from PostgresExtension.openConnection() left open by the test leaksAConnection(): "
                + "close every connection you open, e.g. with try-with-resources. The extension has closed it.",
                failure.getMessage());
        assertTrue(((Connection) seen.get("LeakingSample.leaked")).isClosed());
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, outcomes.status(LeakingSample.class));
    }

    @Test
    void aConnectionFromBeforeAllLeftOpenFailsTheClassNotItsTests() throws SQLException {
        Outcomes outcomes = run(BeforeAllLeakSample.class);

        assertEquals(TestExecutionResult.Status.SUCCESSFUL, outcomes.status("usesTheSharedConnection()"));
        assertEquals(TestExecutionResult.Status.FAILED, outcomes.status(BeforeAllLeakSample.class));
        assertEquals("1 connection from PostgresExtension.openConnection() left open by the test class "
                + BeforeAllLeakSample.class.getName() + " (outside its test methods, e.g. in @BeforeAll): close every "
                + "connection you open, e.g. with try-with-resources. The extension has closed it.",
                outcomes.failure(BeforeAllLeakSample.class).getMessage());
        assertTrue(((Connection) seen.get("BeforeAllLeakSample.leaked")).isClosed());
        assertEquals(List.of(), existingDatabases((String) seen.get("BeforeAllLeakSample.database")));
    }

    @Test
    void registrationInAnInstanceFieldIsRejected() {
        Outcomes outcomes = run(InstanceFieldSample.class);

        assertEquals(TestExecutionResult.Status.FAILED, outcomes.status("test()"));
        Throwable failure = outcomes.failure("test()");
        assertTrue(failure instanceof ExtensionConfigurationException, String.valueOf(failure));
        assertEquals("PostgresExtension is registered in an instance field of " + InstanceFieldSample.class.getName()
                + "; it creates one database per test class. Register it in a static field: "
                + "@RegisterExtension static PostgresExtension pg = PostgresExtension.create();", failure.getMessage());
        assertEquals(null, seen.get("InstanceFieldSample.ran"), "the test body did not run");
    }

    @Test
    void aFailingInitializerFailsTheClassAndLeavesNoDatabase() throws SQLException {
        Outcomes outcomes = run(FailingInitializerSample.class);

        assertEquals(TestExecutionResult.Status.FAILED, outcomes.status(FailingInitializerSample.class));
        Throwable failure = outcomes.failure(FailingInitializerSample.class);
        assertTrue(failure.getMessage().matches("(?s)Initializer 1 of 1 failed on test database "
                + "qg_failinginitializersample_[0-9a-f]{8}: .*nonexistent_table.*"), failure.getMessage());
        assertTrue(failure.getCause() instanceof SQLException, String.valueOf(failure.getCause()));
        assertEquals(null, seen.get("FailingInitializerSample.ran"), "no test ran");
        try (Connection connection = pg.openConnection()) {
            assertEquals(0, Sql.number(connection,
                    "SELECT count(*) FROM pg_database WHERE datname LIKE 'qg\\_failinginitializersample\\_%'"));
        }
    }

    /** The names among {@code names} that still exist on the server. */
    private static List<String> existingDatabases(String... names) throws SQLException {
        for (String name : names) {
            assertNotNull(name, "the sample recorded its database name");
        }
        try (Connection connection = pg.openConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT datname FROM pg_database WHERE datname = ANY (?) ORDER BY datname")) {
            statement.setArray(1, connection.createArrayOf("text", names));
            try (ResultSet rs = statement.executeQuery()) {
                List<String> existing = new java.util.ArrayList<>();
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
                return existing;
            }
        }
    }

    private static Outcomes run(Class<?>... testClasses) {
        seen.clear();
        Outcomes outcomes = new Outcomes();
        LauncherFactory.create().execute(
                LauncherDiscoveryRequestBuilder.request()
                        .selectors(Arrays.stream(testClasses).map(c -> selectClass(c)).toList())
                        .build(),
                outcomes);
        return outcomes;
    }

    /** The result of each test and container of a run, by display name. */
    static final class Outcomes implements TestExecutionListener {
        private final Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            results.put(identifier.getDisplayName(), result);
        }

        TestExecutionResult.Status status(String displayName) {
            TestExecutionResult result = results.get(displayName);
            assertNotNull(result, () -> "no result for " + displayName + " in " + results.keySet());
            return result.getStatus();
        }

        /** A class's display name: its binary name without the package, for a static member class. */
        TestExecutionResult.Status status(Class<?> testClass) {
            return status(displayName(testClass));
        }

        Throwable failure(Class<?> testClass) {
            return failure(displayName(testClass));
        }

        private static String displayName(Class<?> testClass) {
            return testClass.getName().substring(testClass.getPackageName().length() + 1);
        }

        Throwable failure(String displayName) {
            status(displayName);
            return results.get(displayName).getThrowable().orElseThrow();
        }
    }

    // ---- samples: run only through run(...) above ----

    /** Notes the sample's database and what it held, then leaves a table behind that no other class may see. */
    private static void createMarkerTable(String sample, PostgresExtension pg) throws SQLException {
        try (Connection connection = pg.openConnection()) {
            seen.put(sample + ".database", Sql.string(connection, "SELECT current_database()"));
            seen.put(sample + ".relationsBefore", Sql.number(connection, Sql.USER_RELATIONS));
            connection.createStatement().execute("CREATE TABLE marker (id int)");
        }
    }

    static class FirstSample {
        @RegisterExtension
        static PostgresExtension pg = PostgresExtension.create();

        @Test
        void createsATable() throws SQLException {
            createMarkerTable("FirstSample", pg);
        }
    }

    static class SecondSample {
        @RegisterExtension
        static PostgresExtension pg = PostgresExtension.create();

        @Test
        void createsATable() throws SQLException {
            createMarkerTable("SecondSample", pg);
        }
    }

    static class NestedSample {
        @RegisterExtension
        static PostgresExtension pg = PostgresExtension.create()
                .withSchema("CREATE TABLE project (id int)", "INSERT INTO project VALUES (1)");

        @Test
        void outer() {
            seen.put("NestedSample.database", pg.databaseName());
        }

        @Nested
        class Inner {
            @Test
            void inner() throws SQLException {
                try (Connection connection = pg.openConnection()) {
                    seen.put("NestedSample.Inner.database", Sql.string(connection, "SELECT current_database()"));
                    seen.put("NestedSample.Inner.projects", Sql.number(connection, "SELECT count(*) FROM project"));
                }
            }
        }
    }

    static class LeakingSample {
        @RegisterExtension
        static PostgresExtension pg = PostgresExtension.create();

        @Test
        void leaksAConnection() throws SQLException {
            seen.put("LeakingSample.leaked", pg.openConnection());
        }

        @Test
        void closesItsConnection() throws SQLException {
            try (Connection connection = pg.openConnection()) {
                assertEquals(1, Sql.number(connection, "SELECT 1"));
            }
        }
    }

    static class BeforeAllLeakSample {
        @RegisterExtension
        static PostgresExtension pg = PostgresExtension.create();

        static Connection shared;

        @BeforeAll
        static void open() throws SQLException {
            shared = pg.openConnection();
            seen.put("BeforeAllLeakSample.leaked", shared);
            seen.put("BeforeAllLeakSample.database", pg.databaseName());
        }

        @Test
        void usesTheSharedConnection() throws SQLException {
            assertEquals(1, Sql.number(shared, "SELECT 1"));
        }

        @AfterAll
        static void forgetsToClose() {
            shared = null;
        }
    }

    static class InstanceFieldSample {
        @RegisterExtension
        PostgresExtension pg = PostgresExtension.create();

        @Test
        void test() {
            seen.put("InstanceFieldSample.ran", true);
        }
    }

    static class FailingInitializerSample {
        @RegisterExtension
        static PostgresExtension pg = PostgresExtension.create().withSchema("INSERT INTO nonexistent_table VALUES (1)");

        @Test
        void test() {
            seen.put("FailingInitializerSample.ran", true);
        }
    }
}
