package io.querygov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.ParameterSampler;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryType;
import io.querygov.testing.PostgresExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqlFilesTest {

    @RegisterExtension
    static PostgresExtension pg = ExamplePostgres.withData(0.01);

    private static final List<SqlFile> FILES = SqlFile.resources().stream().map(SqlFile::load).toList();

    @Test
    void everyReportHasItsFile() {
        assertEquals(List.of("archive_old_jobs", "monthly_report", "project_analytics", "project_with_stats",
                "user_activity"), FILES.stream().map(SqlFile::name).toList());
        for (SqlFile file : FILES) {
            assertEquals("sql/" + file.name() + ".sql", file.resource(), "one statement per file, named after it");
            assertTrue(file.description() != null && file.timeout() != null, file.name());
        }
    }

    @Test
    void reportsWithAnOrmVariantAreTaggedForComparison() {
        Map<String, String> compared = new TreeMap<>();
        for (SqlFile file : FILES) {
            file.tags().stream().filter(t -> t.startsWith("compare:"))
                    .forEach(t -> compared.put(file.name(), t.substring("compare:".length())));
        }
        assertEquals(Map.of("archive_old_jobs", "archive_old_jobs", "monthly_report", "monthly_report",
                "project_analytics", "project_analytics", "project_with_stats", "project_with_stats"), compared);
    }

    @Test
    void theReportsAskForTheResultCacheAndTheBulkUpdateDoesNot() {
        Map<String, String> cached = new TreeMap<>();
        FILES.stream().filter(f -> f.cache() != null).forEach(f -> cached.put(f.name(), f.cache()));
        assertEquals(Map.of("monthly_report", "30s", "project_analytics", "30s", "project_with_stats", "30s",
                "user_activity", "30s"), cached);
        assertEquals(java.util.Optional.of(java.time.Duration.ofSeconds(30)),
                Examples.sqlCatalog().get("user_activity").cacheTtl(), "the loader reads the same header");
    }

    @Test
    void typesMatchWhatTheStatementsDo() {
        Map<String, QueryType> types = FILES.stream().collect(Collectors.toMap(SqlFile::name, SqlFile::type));
        assertEquals(Map.of("archive_old_jobs", QueryType.RAW_SQL_BULK, "monthly_report", QueryType.RAW_SQL_ANALYTICS,
                "project_analytics", QueryType.RAW_SQL_ANALYTICS, "project_with_stats", QueryType.RAW_SQL_ANALYTICS,
                "user_activity", QueryType.RAW_SQL_ANALYTICS), types);
    }

    @Test
    void everyDeclaredParameterIsUsedAndEveryUsedOneDeclared() {
        for (SqlFile file : FILES) {
            assertEquals(file.declaredNames(), new HashSet<>(file.parameterUses()), file.name());
            for (QueryParameter parameter : file.parameters()) {
                assertFalse(parameter.sampler() instanceof ParameterSampler.None,
                        file.name() + "." + parameter.name() + " needs a sampler for benchmarks");
            }
        }
    }

    /** Each statement once per declared value (the others at their first), writes rolled back. */
    @TestFactory
    List<DynamicTest> everyStatementRunsWithItsDeclaredValues() {
        return FILES.stream().map(file -> DynamicTest.dynamicTest(file.name(), () -> {
            try (Connection connection = pg.openConnection()) {
                connection.setAutoCommit(false);
                Map<String, List<Object>> choices = new TreeMap<>();
                for (QueryParameter parameter : file.parameters()) {
                    choices.put(parameter.name(), values(connection, parameter));
                }
                int runs = choices.values().stream().mapToInt(List::size).max().orElse(1);
                long rows = 0;
                boolean writes = file.sql().toUpperCase(Locale.ROOT).startsWith("UPDATE");
                for (int run = 0; run < runs; run++) {
                    try (PreparedStatement statement = connection.prepareStatement(file.jdbcSql())) {
                        List<String> uses = file.parameterUses();
                        for (int i = 0; i < uses.size(); i++) {
                            List<Object> values = choices.get(uses.get(i));
                            bind(statement, i + 1, values.get(run % values.size()));
                        }
                        if (writes) {
                            rows += statement.executeUpdate();
                        } else {
                            try (ResultSet rs = statement.executeQuery()) {
                                while (rs.next()) {
                                    rows++;
                                }
                            }
                        }
                    }
                    connection.rollback();
                }
                assertTrue(rows > 0, file.name() + " returned or changed no row with any declared value");
                assertEquals(0, Db.number(connection, "SELECT count(*) FROM reconciliation_jobs WHERE archived"));
            }
        })).toList();
    }

    /** Declared values as text, for the server to read as the type it expects; sampled ones as the driver reads them. */
    private static List<Object> values(Connection connection, QueryParameter parameter) throws SQLException {
        ParameterSampler sampler = parameter.sampler();
        if (sampler instanceof ParameterSampler.FromValues v) {
            return List.copyOf(v.values());
        }
        if (sampler instanceof ParameterSampler.FromRange r) {
            return List.of(String.valueOf(r.min()), String.valueOf(r.max()));
        }
        if (sampler instanceof ParameterSampler.FromQuery q) {
            List<Object> sampled = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(q.sql());
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next() && sampled.size() < 3) {
                    sampled.add(rs.getObject(1));
                }
            }
            assertFalse(sampled.isEmpty(), "the sampler of " + parameter.name() + " drew nothing");
            return sampled;
        }
        throw new AssertionError(parameter.name() + " has no sampler");
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof String text) {
            statement.setObject(index, text, Types.OTHER); // untyped: the server reads it as the type it needs
        } else {
            statement.setObject(index, value);
        }
    }

    @Test
    void parameterPlaceholdersSkipCastsLiteralsAndComments() {
        SqlFile file = new SqlFile("sql/x.sql", "x", null, null, List.of(), List.of(), null, null,
                "SELECT :a::int, ':b', 'it''s :c' -- :d\n, x::text FROM t WHERE y = :e_1 AND z = :a");
        assertEquals(List.of("a", "e_1", "a"), file.parameterUses());
        assertEquals("SELECT ?::int, ':b', 'it''s :c' -- :d\n, x::text FROM t WHERE y = ? AND z = ?", file.jdbcSql());
        assertEquals(Set.of(), file.declaredNames());
    }
}
