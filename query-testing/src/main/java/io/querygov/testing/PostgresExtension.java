package io.querygov.testing;

import io.querygov.testing.internal.ConnectionLeakTracker;
import io.querygov.testing.internal.DatabaseNames;
import io.querygov.testing.internal.PostgresServer;
import io.querygov.testing.internal.SharedServer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh PostgreSQL database for each test class.
 *
 * <pre>{@code
 * class ProjectQueriesTest {
 *     @RegisterExtension
 *     static PostgresExtension pg = PostgresExtension.create()
 *             .withSchema("CREATE TABLE project (id bigint PRIMARY KEY, name text NOT NULL)")
 *             .withInitializer(connection -> loadFixtures(connection));
 *
 *     @Test
 *     void findsProjects() throws SQLException {
 *         try (Connection connection = pg.openConnection()) {
 *             ...
 *         }
 *     }
 * }
 * }</pre>
 *
 * <h2>Server</h2>
 * One server serves every test class of the JVM. By default it is an embedded PostgreSQL 17, started when the first
 * test class needs it, with {@code shared_preload_libraries=pg_stat_statements} and
 * {@code pg_stat_statements.track=all}, and stopped when the JUnit run ends. When the environment variable
 * {@value #JDBC_URL_ENVIRONMENT_VARIABLE} is set, e.g. to {@code jdbc:postgresql://127.0.0.1:5432/test?user=root},
 * that server is used instead: the extension connects to the database in the URL only to create and drop its own
 * databases, and derives each class's URL by replacing the database name (host, port and parameters are kept).
 * The role needs CREATEDB. A password in the URL is never logged or shown in messages.
 *
 * <h2>Lifecycle</h2>
 * Before the class's {@code @BeforeAll} methods, the extension creates a database named
 * {@code qg_<class simple name in lower case>_<8 random hex digits>} from {@code template0} (so it is empty),
 * creates the {@code pg_stat_statements} extension in it when the server preloads that library (see
 * {@link #pgStatStatementsAvailable()}), then runs the initializers in the order they were added. After the class's
 * {@code @AfterAll} methods it drops the database, ending any sessions still connected. {@code @Nested} classes share
 * the database of their enclosing class.
 *
 * <h2>Registration</h2>
 * Register the extension in a {@code static} field with {@code @RegisterExtension}: the database belongs to the class.
 * Registration in an instance field is rejected with a message that says so: per-method databases would make every
 * test pay for CREATE DATABASE and its initializers. One instance serves one test class at a time; if a base class
 * holds the field, its subclasses must not run in parallel with each other.
 *
 * <h2>Connection leak check</h2>
 * A connection from {@link #openConnection()} that is still open after the test method that opened it (including its
 * {@code @BeforeEach} and {@code @AfterEach} methods) fails that test; one opened in {@code @BeforeAll} and still open
 * after the class's {@code @AfterAll} methods fails the class. The extension closes such connections. Connections from
 * {@link #dataSource()} are not checked: hand that to a pool or a library that manages its connections.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** The environment variable that names an external server, as a JDBC URL, instead of the embedded one. */
    public static final String JDBC_URL_ENVIRONMENT_VARIABLE = PostgresServer.JDBC_URL_ENVIRONMENT_VARIABLE;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresExtension.class);

    private static final String REGISTER_STATICALLY =
            "Register it in a static field: @RegisterExtension static PostgresExtension pg = PostgresExtension.create();";

    private final List<DatabaseInitializer> initializers = new ArrayList<>();
    private final ConnectionLeakTracker leaks = new ConnectionLeakTracker();

    /** Guarded by {@code this}. */
    private boolean sealed;
    /** Written under {@code this}; read by the accessors from any thread. */
    private volatile ClassDatabase database;
    /** How many class contexts (the owning class and its {@code @Nested} classes) are running; guarded by {@code this}. */
    private int depth;

    private PostgresExtension() {
    }

    /** A new extension with no initializers. */
    public static PostgresExtension create() {
        return new PostgresExtension();
    }

    /**
     * Runs {@code sql} on each fresh database, after the initializers added before it. The SQL may hold several
     * statements separated by semicolons.
     *
     * @throws IllegalArgumentException if {@code sql} is null or blank
     * @throws IllegalStateException if the extension has already created a database
     */
    public PostgresExtension withInitializer(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("initializer SQL must not be blank");
        }
        return withInitializer(connection -> execute(connection, sql));
    }

    /**
     * Runs {@code initializer} on each fresh database, after the initializers added before it.
     *
     * @throws NullPointerException if {@code initializer} is null
     * @throws IllegalStateException if the extension has already created a database
     */
    public synchronized PostgresExtension withInitializer(DatabaseInitializer initializer) {
        Objects.requireNonNull(initializer, "initializer");
        if (sealed) {
            throw new IllegalStateException("PostgresExtension initializers are fixed once it has created a database: "
                    + "add them where the extension is created, e.g. PostgresExtension.create().withSchema(...)");
        }
        initializers.add(initializer);
        return this;
    }

    /**
     * Runs each of {@code sqlStatements}, in order, on each fresh database, after the initializers added before.
     *
     * @throws IllegalArgumentException if there are no statements or one is null or blank
     * @throws IllegalStateException if the extension has already created a database
     */
    public PostgresExtension withSchema(String... sqlStatements) {
        if (sqlStatements == null || sqlStatements.length == 0) {
            throw new IllegalArgumentException("withSchema needs at least one SQL statement");
        }
        List<String> statements = List.of(sqlStatements.clone());
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).isBlank()) {
                throw new IllegalArgumentException("schema statement " + (i + 1) + " of " + statements.size() + " is blank");
            }
        }
        return withInitializer(connection -> {
            for (String statement : statements) {
                execute(connection, statement);
            }
        });
    }

    /** A simple, unpooled data source for this class's database. Its connections are not leak-checked. */
    public DataSource dataSource() {
        return current().dataSource();
    }

    /** The JDBC URL of this class's database. It may carry a password (when the external URL does): do not log it. */
    public String jdbcUrl() {
        return current().jdbcUrl();
    }

    /** The role the tests connect as, e.g. {@code postgres} on the embedded server. */
    public String user() {
        return current().server().user();
    }

    /** The name of this class's database. */
    public String databaseName() {
        return current().name();
    }

    /** The server's {@code server_version_num}, e.g. 170006 for PostgreSQL 17.6. */
    public int serverVersionNum() {
        return current().server().serverVersionNum();
    }

    /**
     * Whether pg_stat_statements can be used in this class's database: the server preloads the library and the
     * extension was created. Always true on the embedded server; tests that need it should
     * {@code assumeTrue(pg.pgStatStatementsAvailable())} so that they are skipped on other servers.
     */
    public boolean pgStatStatementsAvailable() {
        return current().pgStatStatements();
    }

    /** Whether the server is the embedded one, not one named by {@value #JDBC_URL_ENVIRONMENT_VARIABLE}. */
    public boolean isEmbedded() {
        return current().server().isEmbedded();
    }

    /**
     * Opens a new connection to this class's database. The test must close it (try-with-resources): one still open
     * after the test fails the test.
     */
    public Connection openConnection() throws SQLException {
        ClassDatabase current = current();
        return leaks.track(current.dataSource().getConnection());
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        ClassDatabase active = database;
        if (active != null) {
            if (isWithin(context, active.ownerId())) {
                depth++;
                return;
            }
            throw new ExtensionConfigurationException("This PostgresExtension already serves "
                    + active.ownerName() + " and cannot serve " + context.getDisplayName() + " at the same time: "
                    + "give each test class its own static PostgresExtension field, or do not run classes that "
                    + "inherit one field in parallel");
        }
        sealed = true;
        PostgresServer server = SharedServer.get(context, () -> PostgresServer.fromEnvironment(System.getenv()));
        Class<?> testClass = context.getRequiredTestClass();
        String name = DatabaseNames.forTestClass(testClass);
        server.createDatabase(name);
        try {
            boolean pgStatStatements = server.installPgStatStatements(name);
            DataSource dataSource = server.dataSource(name);
            runInitializers(dataSource, name);
            database = new ClassDatabase(server, name, server.jdbcUrl(name), dataSource, pgStatStatements,
                    context.getUniqueId(), testClass.getName());
            depth = 1;
            LOG.debug("Test database {} for {} on {}", name, testClass.getName(), server.description());
        } catch (RuntimeException | Error e) {
            try {
                server.dropDatabase(name);
            } catch (RuntimeException dropFailure) {
                e.addSuppressed(dropFailure);
            }
            throw e;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (database == null) {
            throw new ExtensionConfigurationException("PostgresExtension is registered in an instance field of "
                    + context.getRequiredTestClass().getName() + "; it creates one database per test class. "
                    + REGISTER_STATICALLY);
        }
        leaks.methodStarted();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (database == null) {
            return;
        }
        int leaked = leaks.methodEnded();
        if (leaked > 0) {
            throw new AssertionError(leakMessage(leaked, "the test " + context.getDisplayName()));
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        ClassDatabase active = database;
        if (active == null || --depth > 0) {
            return;
        }
        database = null;
        int leaked = leaks.classEnded();
        active.server().dropDatabase(active.name());
        if (leaked > 0) {
            throw new AssertionError(leakMessage(leaked, "the test class " + active.ownerName()
                    + " (outside its test methods, e.g. in @BeforeAll)"));
        }
    }

    private void runInitializers(DataSource dataSource, String name) {
        List<DatabaseInitializer> toRun = List.copyOf(initializers);
        for (int i = 0; i < toRun.size(); i++) {
            try (Connection connection = dataSource.getConnection()) {
                toRun.get(i).initialize(connection);
            } catch (Exception e) {
                throw new IllegalStateException("Initializer " + (i + 1) + " of " + toRun.size()
                        + " failed on test database " + name + ": " + e.getMessage(), e);
            }
        }
    }

    private ClassDatabase current() {
        ClassDatabase current = database;
        if (current == null) {
            throw new IllegalStateException("PostgresExtension has no database now: it creates one before the test "
                    + "class's @BeforeAll methods and drops it after its @AfterAll methods. " + REGISTER_STATICALLY);
        }
        return current;
    }

    private static boolean isWithin(ExtensionContext context, String ancestorId) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getUniqueId().equals(ancestorId)) {
                return true;
            }
        }
        return false;
    }

    private String leakMessage(int leaked, String where) {
        return leaked + (leaked == 1 ? " connection" : " connections")
                + " from PostgresExtension.openConnection() left open by " + where
                + ": close every connection you open, e.g. with try-with-resources. The extension has closed "
                + (leaked == 1 ? "it." : "them.");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private record ClassDatabase(PostgresServer server, String name, String jdbcUrl, DataSource dataSource,
                                 boolean pgStatStatements, String ownerId, String ownerName) {
    }
}
