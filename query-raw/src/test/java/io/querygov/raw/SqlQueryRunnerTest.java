package io.querygov.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryType;
import io.querygov.core.StatementRefusedException;
import io.querygov.testing.PostgresExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

class SqlQueryRunnerTest {
    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(
            "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL)",
            "INSERT INTO items SELECT g, 'item ' || g, timestamptz '2024-01-01' + g * interval '1 day' FROM generate_series(1, 10) g",
            "CREATE SEQUENCE counter",
            // a read that writes where no reading of the text can see it
            "CREATE FUNCTION bump() RETURNS bigint LANGUAGE sql AS 'SELECT nextval(''counter'')'",
            "CREATE TABLE victim (id int PRIMARY KEY)",
            "INSERT INTO victim SELECT g FROM generate_series(1, 20) g",
            "CREATE TABLE victim2 (id int PRIMARY KEY)",
            "INSERT INTO victim2 SELECT g FROM generate_series(1, 20) g",
            "CREATE TABLE written (n int)",
            // a read that writes a row, hidden in a function
            "CREATE FUNCTION writer() RETURNS int LANGUAGE sql AS 'INSERT INTO written VALUES (1) RETURNING n'",
            // a session setting changed where no reading of the text can see it
            "CREATE FUNCTION flip() RETURNS text LANGUAGE sql"
                    + " AS 'SELECT set_config(''default_transaction_read_only'', ''off'', false)'");

    static final QueryDescriptor COUNT_SINCE = QueryDescriptor.builder("count_since", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT count(*) FROM items WHERE created_at >= :since")
            .parameter(QueryParameter.of("since", "timestamptz")).build();
    static final QueryDescriptor RENAME_ALL = QueryDescriptor.builder("rename_all", QueryType.RAW_SQL_BULK)
            .sql("UPDATE items SET name = :name").parameter(QueryParameter.of("name", "text")).build();
    static final QueryDescriptor SETTINGS = QueryDescriptor.builder("settings", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT current_setting('transaction_read_only'), current_setting('statement_timeout')").build();

    @Test
    void executeReadsAndDiscardsRowsAndFetchReturnsThem() throws Exception {
        SqlQueryRunner runner = SqlQueryRunner.builder(pg.dataSource()).build();
        QueryDescriptor items = QueryDescriptor.builder("items", QueryType.RAW_SQL_ANALYTICS)
                .sql("SELECT id, name FROM items WHERE id <= :max ORDER BY id").parameter(QueryParameter.of("max", "int")).build();

        assertEquals(3, runner.execute(items, Map.of("max", 3L)));
        assertEquals(List.of(List.of(1, "item 1"), List.of(2, "item 2")), runner.fetch(items, Map.of("max", 2)));
    }

    @Test
    void readsRunReadOnlyWithoutATimeoutUnlessOneIsSet() throws Exception {
        SqlQueryRunner runner = SqlQueryRunner.builder(pg.dataSource()).build();
        assertEquals(List.of(List.of("on", "0")), runner.fetch(SETTINGS, Map.of()));
    }

    @Test
    void theDefaultTimeoutAndTheQuerysOwnAreSetLocally() throws Exception {
        SqlQueryRunner runner = SqlQueryRunner.builder(pg.dataSource()).defaultTimeout(Duration.ofSeconds(2)).build();
        assertEquals(List.of(List.of("on", "2s")), runner.fetch(SETTINGS, Map.of()));
        QueryDescriptor own = SETTINGS.toBuilder().timeout(Duration.ofMillis(1500)).build();
        assertEquals(List.of(List.of("on", "1500ms")), runner.fetch(own, Map.of()));
        // SET LOCAL: the session the pool hands out next has its own setting back
        try (Connection c = pg.openConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('statement_timeout')")) {
            rs.next();
            assertEquals("0", rs.getString(1));
        }
    }

    @Test
    void aReadThatWritesIsRefusedByPostgresql() {
        QueryDescriptor sneaky = QueryDescriptor.builder("sneaky", QueryType.RAW_SQL_ANALYTICS).sql("SELECT bump()").build();
        SqlQueryRunner runner = SqlQueryRunner.builder(pg.dataSource()).build();
        SQLException e = assertThrows(SQLException.class, () -> runner.execute(sneaky, Map.of()));
        assertEquals("25006", e.getSQLState(), e.getMessage()); // read_only_sql_transaction
    }

    @Test
    void aWriteRunsAndIsRolledBack() throws Exception {
        SqlQueryRunner runner = SqlQueryRunner.builder(pg.dataSource()).build();
        assertEquals(10, runner.execute(RENAME_ALL, Map.of("name", "renamed")));
        assertEquals(10, countNamed("item %"));
        assertEquals(0, countNamed("renamed"));
    }

    @Test
    void aWriteIsCommittedWhenAllowed() throws Exception {
        SqlQueryRunner runner = SqlQueryRunner.builder(pg.dataSource()).allowWrites(true).build();
        QueryDescriptor renameOne = QueryDescriptor.builder("rename_one", QueryType.RAW_SQL_BULK)
                .sql("UPDATE items SET name = :name WHERE id = 10").parameter(QueryParameter.of("name", "text")).build();
        assertEquals(1, runner.execute(renameOne, Map.of("name", "item 10 renamed")));
        assertEquals(1, countNamed("item 10 renamed"));
        runner.execute(renameOne, Map.of("name", "item 10"));
    }

    @Test
    void onReadOnlySessionsAReadRunsInATransactionThatIsRolledBackAndTheServerStillRefusesWrites() throws Exception {
        List<String> transactions = new ArrayList<>();
        SqlQueryRunner runner = SqlQueryRunner.builder(recordingTransactions(readOnlySessions(), transactions))
                .readOnlySessions(true).build();
        // never autocommit: what the read did to its session goes with its transaction
        assertEquals(List.of(List.of("on", "0")), runner.fetch(SETTINGS, Map.of()));
        assertEquals(List.of("setAutoCommit(false)", "rollback"), transactions);
        QueryDescriptor timed = SETTINGS.toBuilder().timeout(Duration.ofSeconds(3)).build();
        assertEquals(List.of(List.of("on", "3s")), runner.fetch(timed, Map.of()));
        assertEquals(List.of("setAutoCommit(false)", "rollback", "setAutoCommit(false)", "rollback"), transactions);
        QueryDescriptor sneaky = QueryDescriptor.builder("sneaky", QueryType.RAW_SQL_ANALYTICS).sql("SELECT bump()").build();
        SQLException e = assertThrows(SQLException.class, () -> runner.execute(sneaky, Map.of()));
        assertEquals("25006", e.getSQLState(), e.getMessage());
    }

    @Test
    void sideEffectsARollbackCannotUndoAreRefusedBeforeAnythingIsSentUnlessWritesAreAllowed() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        SqlQueryRunner runner = SqlQueryRunner.builder(counting(pg.dataSource(), opened)).build();
        QueryDescriptor next = QueryDescriptor.builder("next_counter", QueryType.RAW_SQL_ANALYTICS)
                .sql("SELECT nextval('counter')").origin("counter.sql:2").build();
        long before = counter();
        StatementRefusedException e = assertThrows(StatementRefusedException.class, () -> runner.execute(next, Map.of()));
        assertEquals("Query 'next_counter' (counter.sql:2) calls nextval(), which a rollback cannot undo (a sequence"
                + " never rolls back); it runs only when writes are allowed: pass --allow-writes to run it", e.getMessage());
        assertEquals("next_counter", e.queryName());
        Path touched = Files.createTempDirectory("querygov").resolve("touched");
        QueryDescriptor program = QueryDescriptor.builder("copy_program", QueryType.RAW_SQL_BULK)
                .sql("COPY (SELECT 1) TO PROGRAM 'touch " + touched + "'").build();
        assertTrue(assertThrows(StatementRefusedException.class, () -> runner.execute(program, Map.of()))
                .getMessage().contains("runs COPY ... TO PROGRAM, which a rollback cannot undo"));
        assertEquals(0, opened.get());
        assertEquals(before, counter());
        assertFalse(Files.exists(touched));

        SqlQueryRunner allowed = SqlQueryRunner.builder(pg.dataSource()).allowWrites(true).build();
        assertEquals(List.of(List.of(before + 1)), allowed.fetch(next, Map.of()));
        assertEquals(before + 1, counter());
    }

    @Test
    void aQueryOfSeveralStatementsIsRefusedEvenWithWritesAllowedAndNothingCommits() throws Exception {
        // a carriage return ends the -- comment for the server: each text below is more than one statement
        QueryDescriptor update = QueryDescriptor.builder("cr_update_commit", QueryType.RAW_SQL_BULK)
                .sql("UPDATE victim SET id = id + 1000 WHERE id < 1000 --\r; COMMIT --\n;").build();
        QueryDescriptor delete = QueryDescriptor.builder("cr_delete", QueryType.RAW_SQL_ANALYTICS)
                .sql("SELECT 1 --\r; COMMIT; SET transaction_read_only = off; DELETE FROM victim2 --\n;").build();
        for (boolean allowWrites : List.of(false, true)) {
            for (SqlQueryRunner runner : List.of(SqlQueryRunner.builder(pg.dataSource()).allowWrites(allowWrites).build(),
                    SqlQueryRunner.builder(readOnlySessions()).readOnlySessions(true).allowWrites(allowWrites).build())) {
                StatementRefusedException e = assertThrows(StatementRefusedException.class,
                        () -> runner.execute(update, Map.of()));
                assertTrue(e.getMessage().startsWith("Query 'cr_update_commit' (an unknown origin) holds 2 statements"
                        + " ('UPDATE victim SET id = id + 1000 WHER...', 'COMMIT'), where one is allowed; note that"
                        + " PostgreSQL ends a -- comment at a carriage return"), e.getMessage());
                assertThrows(StatementRefusedException.class, () -> runner.fetch(delete, Map.of()));
            }
        }
        assertEquals(List.of(20L, 20L), List.of(count("victim WHERE id <= 20"), count("victim2")));
    }

    // issue 10 item 2: a read turned its pooled session read-write, and every later call committed what it wrote
    static final QueryDescriptor FLIP_OR_WRITE = QueryDescriptor.builder("flip_or_write", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT CASE WHEN current_setting('default_transaction_read_only') = 'on'"
                    + " THEN set_config('default_transaction_read_only', 'off', false) ELSE writer()::text END").build();
    static final QueryDescriptor FLIP = QueryDescriptor.builder("flip", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT set_config('default_transaction_read_only', 'off', false)").build();
    static final QueryDescriptor WRITE = QueryDescriptor.builder("write", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT writer()").build();
    static final QueryDescriptor HIDDEN_FLIP_OR_WRITE = QueryDescriptor.builder("hidden_flip_or_write",
            QueryType.RAW_SQL_ANALYTICS).sql("SELECT CASE WHEN current_setting('default_transaction_read_only') = 'on'"
                    + " THEN flip() ELSE writer()::text END").build();
    static final QueryDescriptor HIDDEN_FLIP = QueryDescriptor.builder("hidden_flip", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT flip()").build();

    @Test
    void aReadThatTurnsItsSessionReadWriteCommitsNothingAsOneEntryOrTwo() throws Exception {
        long before = count("written");
        for (boolean readOnlySessions : List.of(true, false)) {
            for (boolean allowWrites : List.of(false, true)) {
                // set_config(..., false) in the text makes the entry a write, refused or (allowed) committed on
                // purpose; hidden in a function, only the transaction stands between it and later calls
                List<QueryDescriptor> entries = allowWrites
                        ? List.of(HIDDEN_FLIP_OR_WRITE, HIDDEN_FLIP, WRITE)
                        : List.of(FLIP_OR_WRITE, HIDDEN_FLIP_OR_WRITE, FLIP, WRITE, HIDDEN_FLIP, WRITE);
                try (OneConnection pool = new OneConnection(readOnlySessions ? readOnlySessions() : pg.dataSource())) {
                    SqlQueryRunner runner = SqlQueryRunner.builder(pool.dataSource()).readOnlySessions(readOnlySessions)
                            .allowWrites(allowWrites).build();
                    for (int i = 0; i < 10; i++) {
                        for (QueryDescriptor q : entries) {
                            runQuietly(runner, q);
                        }
                    }
                    assertEquals(readOnlySessions ? "on" : "off", pool.setting("default_transaction_read_only"));
                }
                assertEquals(before, count("written"), "readOnlySessions " + readOnlySessions + ", allowWrites " + allowWrites);
            }
        }
    }

    @Test
    void aCommittedWriteThatChangedItsSessionIsFollowedByAReset() throws Exception {
        QueryDescriptor flipAndWrite = QueryDescriptor.builder("flip_and_write", QueryType.RAW_SQL_BULK)
                .sql("UPDATE items SET name = name WHERE id = 1"
                        + " AND set_config('default_transaction_read_only', 'off', false) IS NOT NULL"
                        + " AND set_config('search_path', 'pg_catalog', false) IS NOT NULL").build();
        QueryDescriptor plainWrite = QueryDescriptor.builder("plain_write", QueryType.RAW_SQL_BULK)
                .sql("UPDATE items SET name = name WHERE id = 2").build();
        try (OneConnection pool = new OneConnection(readOnlySessions())) {
            SqlQueryRunner runner = SqlQueryRunner.builder(pool.dataSource()).readOnlySessions(true).allowWrites(true).build();
            // more calls than pgjdbc's prepareThreshold, so that server-side prepared statements meet the reset
            for (int i = 0; i < 8; i++) {
                assertEquals(1, runner.execute(flipAndWrite, Map.of()));
                assertEquals("on", pool.setting("default_transaction_read_only"));
                assertEquals("\"$user\", public", pool.setting("search_path"));
                assertEquals(1, runner.execute(plainWrite, Map.of()));
                assertEquals(List.of(List.of("on", "0")), runner.fetch(SETTINGS, Map.of()));
            }
            long before = count("written");
            SQLException e = assertThrows(SQLException.class, () -> runner.execute(WRITE, Map.of()));
            assertEquals("25006", e.getSQLState(), e.getMessage());
            assertEquals(before, count("written"));
        }
    }

    private static void runQuietly(SqlQueryRunner runner, QueryDescriptor query) {
        try {
            runner.execute(query, Map.of());
        } catch (StatementRefusedException e) {
            // set_config(..., false) written in the text is refused unless writes are allowed
            assertTrue(e.getMessage().contains("calls set_config() without is_local true"), e.getMessage());
        } catch (SQLException e) {
            // the read-only transaction refused writer(): that is the point
            assertEquals("25006", e.getSQLState(), e.getMessage());
        }
    }

    /** A pool of one connection, handed out again and again as a service's pool would: its close() gives it back. */
    private static final class OneConnection implements AutoCloseable {
        private final Connection physical;

        OneConnection(DataSource source) throws SQLException {
            this.physical = source.getConnection();
        }

        DataSource dataSource() {
            Connection lent = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (p, m, a) -> m.getName().equals("close") ? null : invoke(m, physical, a));
            return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                    (p, m, a) -> {
                        if (m.getName().equals("getConnection")) {
                            return lent;
                        }
                        throw new UnsupportedOperationException(m.getName());
                    });
        }

        String setting(String name) throws SQLException {
            try (Statement s = physical.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
                rs.next();
                return rs.getString(1);
            }
        }

        @Override
        public void close() throws SQLException {
            physical.close();
        }
    }

    private static long counter() throws SQLException {
        try (Connection c = pg.openConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM counter")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(String tableAndFilter) throws SQLException {
        try (Connection c = pg.openConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + tableAndFilter)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void onReadOnlySessionsAWriteAsksForReadWriteAndIsRolledBackUnlessAllowed() throws Exception {
        SqlQueryRunner rollsBack = SqlQueryRunner.builder(readOnlySessions()).readOnlySessions(true).build();
        assertEquals(10, rollsBack.execute(RENAME_ALL, Map.of("name", "renamed")));
        assertEquals(0, countNamed("renamed"));
        SqlQueryRunner commits = SqlQueryRunner.builder(readOnlySessions()).readOnlySessions(true).allowWrites(true).build();
        QueryDescriptor renameOne = QueryDescriptor.builder("rename_nine", QueryType.RAW_SQL_BULK)
                .sql("UPDATE items SET name = :name WHERE id = 9").parameter(QueryParameter.of("name", "text")).build();
        assertEquals(1, commits.execute(renameOne, Map.of("name", "item 9 renamed")));
        assertEquals(1, countNamed("item 9 renamed"));
        commits.execute(renameOne, Map.of("name", "item 9"));
    }

    /** Notes the calls on the data source's connections that begin and end transactions. */
    private static DataSource recordingTransactions(DataSource dataSource, List<String> calls) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, dataSource, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection c = (Connection) result;
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("setAutoCommit") && Boolean.FALSE.equals(a[0])) {
                                    calls.add("setAutoCommit(false)");
                                } else if (m.getName().equals("commit") || m.getName().equals("rollback")) {
                                    calls.add(m.getName());
                                }
                                return invoke(m, c, a);
                            });
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static DataSource readOnlySessions() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(pg.jdbcUrl());
        ds.setOptions("-c default_transaction_read_only=on");
        return ds;
    }

    @Test
    void stringsForTypedParametersAreParsedAsTheDeclaredType() throws Exception {
        SqlQueryRunner runner = SqlQueryRunner.builder(pg.dataSource()).build();
        assertEquals(List.of(List.of(6L)), runner.fetch(COUNT_SINCE, Map.of("since", "2024-01-06")));
    }

    @Test
    void badParametersFailBeforeAConnectionIsOpened() {
        AtomicInteger opened = new AtomicInteger();
        SqlQueryRunner runner = SqlQueryRunner.builder(counting(pg.dataSource(), opened)).build();
        ParameterBindingException missing = assertThrows(ParameterBindingException.class, () -> runner.execute(COUNT_SINCE, Map.of()));
        assertEquals("Query 'count_since' (an unknown origin) needs 'since', which was not given. It takes since timestamptz; "
                + "nothing was sent to the database.", missing.getMessage());
        assertThrows(ParameterBindingException.class, () -> runner.execute(COUNT_SINCE, Map.of("since", "2024-01-01", "until", "x")));
        assertEquals(0, opened.get());
    }

    @Test
    void runsOnlySql() {
        SqlQueryRunner runner = SqlQueryRunner.builder(pg.dataSource()).build();
        QueryDescriptor hql = QueryDescriptor.builder("find", QueryType.ORM_SIMPLE).hql("from Item").build();
        assertTrue(runner.supports(COUNT_SINCE));
        assertEquals(false, runner.supports(hql));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runner.execute(hql, Map.of()));
        assertEquals("SqlQueryRunner runs SQL queries; 'find' (an unknown origin) is HQL", e.getMessage());
    }

    @Test
    void runsEveryStatementOfALoadedCatalog() throws Exception {
        QueryCatalog catalog = SqlFileLoader.create().classpath("sql-runner").load();
        SqlQueryRunner runner = SqlQueryRunner.builder(pg.dataSource()).build();
        assertEquals(5, runner.execute(catalog.get("items_between"), Map.of("low", 3, "high", 7)));
        assertEquals(10, runner.execute(catalog.get("touch_items"), Map.of()));
        assertEquals(10, countNamed("item %"));
    }

    private static long countNamed(String pattern) throws SQLException {
        try (Connection c = pg.openConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM items WHERE name LIKE '" + pattern + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Counts the connections asked of the data source. */
    private static DataSource counting(DataSource delegate, AtomicInteger opened) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        opened.incrementAndGet();
                    }
                    return invoke(method, delegate, args);
                });
    }
}
