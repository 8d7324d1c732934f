package io.querygov.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.Durations;
import io.querygov.core.ParameterSampler;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryType;
import io.querygov.core.StatementLanguage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlFileLoaderTest {

    @Test
    void loadsEveryStatementOfAClasspathFolderInFileOrder() {
        QueryCatalog catalog = SqlFileLoader.create().classpath("sql-good").load();
        assertEquals(List.of("project_analytics", "rename_projects", "archive_old_jobs", "reports.monthly-totals"),
                catalog.names());
    }

    @Test
    void descriptorsCarryEveryHeader() {
        QueryDescriptor d = SqlFileLoader.create().classpath("/sql-good/").load().get("project_analytics");
        assertEquals(QueryType.RAW_SQL_ANALYTICS, d.type());
        assertEquals(StatementLanguage.SQL, d.language());
        assertEquals(Optional.of("sql-good/projects.sql:13"), d.origin());
        assertEquals(Optional.of("completed jobs, mean and p95 duration per project"), d.description());
        assertEquals(List.of(
                new QueryParameter("project_id", "uuid",
                        new ParameterSampler.FromQuery("SELECT id FROM projects ORDER BY random() LIMIT 500")),
                new QueryParameter("since", "timestamptz", new ParameterSampler.FromValues(List.of("2024-01-01", "2024-06-01"))),
                new QueryParameter("min_jobs", "int", new ParameterSampler.FromRange(1, 50))), d.parameters());
        assertEquals(Set.of("dashboard", "compare:project-stats"), d.tags());
        assertEquals(Optional.of(Duration.ofSeconds(5)), d.timeout());
        String sql = d.statement().orElseThrow();
        assertTrue(sql.startsWith("SELECT p.id, count(*) AS jobs\n"), sql);
        assertTrue(sql.endsWith("HAVING count(*) >= :min_jobs"), sql);
    }

    @Test
    void infersTypesWhenTheHeaderIsAbsent() {
        QueryCatalog catalog = SqlFileLoader.create().classpath("sql-good").load();
        assertEquals(QueryType.RAW_SQL_BULK, catalog.get("rename_projects").type());
        assertEquals(QueryType.RAW_SQL_BULK, catalog.get("archive_old_jobs").type());
        assertEquals(QueryType.RAW_SQL_ANALYTICS, catalog.get("reports.monthly-totals").type());
        assertEquals(List.of(QueryParameter.of("prefix", "text")), catalog.get("rename_projects").parameters());
        assertEquals(Optional.of("sql-good/reports/monthly.sql:3"), catalog.get("reports.monthly-totals").origin());
    }

    @Test
    void lastStatementNeedsNoSemicolon() {
        QueryDescriptor d = SqlFileLoader.create().classpath("sql-good").load().get("archive_old_jobs");
        assertEquals("WITH moved AS (\n    DELETE FROM jobs WHERE created_at < :before RETURNING *\n)\nSELECT count(*) FROM moved",
                d.statement().orElseThrow());
    }

    @Test
    void loadsAFilesystemFolderNamingFilesByPath() {
        Path dir = resourceFolder("sql-good");
        QueryCatalog catalog = SqlFileLoader.create().directory(dir).load();
        assertEquals(Optional.of(dir.resolve("projects.sql") + ":21"), catalog.get("rename_projects").origin());
    }

    @Test
    void aTimeoutHeaderReadsDurationsAsTheCommandLineDoes(@TempDir Path dir) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("timeouts.sql"), "-- name: fractional\n-- timeout: 1.5s\nSELECT 1;\n\n"
                + "-- name: minutes\n-- timeout: 2 min\nSELECT 2;\n\n-- name: bare\n-- timeout: 60\nSELECT 3;\n");
        SqlFileException e = assertThrows(SqlFileException.class, () -> SqlFileLoader.create().directory(dir).load());
        assertTrue(e.getMessage().contains("timeouts.sql:10: timeout '60' has no unit: write 60s or 60ms"),
                e.getMessage());

        java.nio.file.Files.writeString(dir.resolve("timeouts.sql"), "-- name: fractional\n-- timeout: 1.5s\nSELECT 1;\n\n"
                + "-- name: minutes\n-- timeout: 2 min\nSELECT 2;\n");
        QueryCatalog catalog = SqlFileLoader.create().directory(dir).load();
        assertEquals(Optional.of(Duration.ofMillis(1500)), catalog.get("fractional").timeout());
        assertEquals(Optional.of(Duration.ofMinutes(2)), catalog.get("minutes").timeout());
    }

    @Test
    void parameterNamesMayHoldNonAsciiLetters(@TempDir Path dir) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("sizes.sql"),
                "-- name: by_size\n-- param: größe int\nSELECT * FROM items WHERE größe = :größe\n");
        QueryDescriptor d = SqlFileLoader.create().directory(dir).load().get("by_size");
        assertEquals(Optional.of("int"), d.parameter("größe").map(QueryParameter::sqlType));
    }

    @Test
    void aCacheHeaderGivesTheQueryItsCacheTtlAndABadOneIsAProblem(@TempDir Path dir) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("cached.sql"),
                "-- name: cached\n-- cache: 30s\nSELECT 1;\n-- name: uncached\nSELECT 2;\n");
        QueryCatalog catalog = SqlFileLoader.create().directory(dir).load();
        assertEquals(Optional.of(Duration.ofSeconds(30)), catalog.get("cached").cacheTtl());
        assertEquals(Optional.empty(), catalog.get("uncached").cacheTtl());

        java.nio.file.Files.writeString(dir.resolve("cached.sql"), "-- name: cached\n-- cache: a while\nSELECT 1;\n");
        SqlFileException e = assertThrows(SqlFileException.class, () -> SqlFileLoader.create().directory(dir).load());
        assertEquals(new SqlFileProblem(dir.resolve("cached.sql").toString(), 2, "cache TTL 'a while' is not a duration: write "
                + Durations.ACCEPTED + "; or leave out '-- cache:' for a query that is never cached"), e.problems().get(0));
    }

    @Test
    void reportsEveryProblemOfEveryFileAtOnceWithFileAndLine() {
        SqlFileException e = assertThrows(SqlFileException.class, () -> SqlFileLoader.create().classpath("sql-bad").load());
        List<String> expected = List.of(
                "sql-bad/bad_headers.sql:2: 'range: 50..1' of parameter 'r' is empty: write the smaller bound first, '1..50'",
                "sql-bad/bad_headers.sql:3: 'values:' of parameter 'v' needs at least one value",
                "sql-bad/bad_headers.sql:4: parameter 'notype' needs a PostgreSQL type, e.g. '-- param: notype uuid'",
                "sql-bad/bad_headers.sql:5: timeout 'soon' is not a duration: write a number and a unit, like 500ms, 1.5s, 2m or 1h",
                "sql-bad/bad_headers.sql:6: unknown header 'colour': a header is one of name, type, description, param, tags, timeout",
                "sql-bad/bad_name.sql:1: name 'Project Stats' is not valid: use lower-case letters, digits, '_', '.' and '-', e.g. 'project_stats'",
                "sql-bad/empty_statement.sql:1: statement 'nothing_here' is empty: put its SQL directly below its header lines",
                "sql-bad/missing_name.sql:1: statement has no '-- name:' header: add one",
                "sql-bad/not_utf8.sql:2: file is not UTF-8: byte 0xE9 on this line is not valid UTF-8; save the file as UTF-8",
                "sql-bad/same_line.sql:2: text after the statement's semicolon is not a new header",
                "sql-bad/trailing_text.sql:3: text after statement 'first' is not a new header",
                "sql-bad/undeclared_param.sql:5: parameter ':b' is used in 'undeclared' but not declared: add '-- param: b <type>'",
                "sql-bad/unknown_type.sql:2: unknown query type 'RAW_SQL_ANALYTIC', expected one of ORM_SIMPLE, ORM_COMPLEX, "
                        + "RAW_SQL_ANALYTICS, RAW_SQL_BULK, or leave out '-- type:' to infer it from the SQL",
                "sql-bad/unterminated.sql:2: unterminated string literal in statement 'unterminated': close it",
                "sql-bad/unused_param.sql:3: parameter 'never' is declared but 'unused' does not use it");
        List<SqlFileProblem> problems = e.problems();
        assertEquals(expected.size(), problems.size(), () -> "problems were:\n" + e.getMessage());
        for (int i = 0; i < expected.size(); i++) {
            String actual = problems.get(i).toString();
            assertTrue(actual.startsWith(expected.get(i)), "problem " + i + "\nexpected: " + expected.get(i) + "\nactual:   " + actual);
        }
        assertTrue(e.getMessage().startsWith("Cannot load SQL files, 15 problems:\n  sql-bad/bad_headers.sql:2: "), e.getMessage());
    }

    @Test
    void problemsCarryTheirFileAndLineAsValues() {
        SqlFileException e = assertThrows(SqlFileException.class, () -> SqlFileLoader.create().classpath("sql-bad").load());
        SqlFileProblem undeclared = e.problems().stream().filter(p -> p.file().endsWith("undeclared_param.sql")).findFirst().orElseThrow();
        assertEquals("sql-bad/undeclared_param.sql", undeclared.file());
        assertEquals(5, undeclared.line());
        assertEquals("sql-bad/undeclared_param.sql:5", undeclared.location());
    }

    @Test
    void aDuplicateNameIsReportedAtBothPlaces() {
        SqlFileException e = assertThrows(SqlFileException.class,
                () -> SqlFileLoader.create().classpath("sql-dup-a").classpath("sql-dup-b").load());
        assertEquals(List.of(
                new SqlFileProblem("sql-dup-a/one.sql", 1, "duplicate name 'shared_name', also defined at sql-dup-b/two.sql:4: "
                        + "names must be unique across all SQL files, rename one"),
                new SqlFileProblem("sql-dup-b/two.sql", 4, "duplicate name 'shared_name', also defined at sql-dup-a/one.sql:1: "
                        + "names must be unique across all SQL files, rename one")), e.problems());
    }

    @Test
    void nothingIsRegisteredWhenAnyFileHasAProblem() {
        // the good folder alone loads; together with a bad one the loader returns nothing at all
        assertEquals(4, SqlFileLoader.create().classpath("sql-good").load().size());
        SqlFileException e = assertThrows(SqlFileException.class,
                () -> SqlFileLoader.create().classpath("sql-good").classpath("sql-dup-a").classpath("sql-bad").load());
        assertEquals(15, e.problems().size());
    }

    @Test
    void aMissingFolderIsAProblemNotAnEmptyCatalog() {
        SqlFileException e = assertThrows(SqlFileException.class, () -> SqlFileLoader.create().classpath("no-such-folder").load());
        assertEquals("no-such-folder", e.problems().get(0).file());
        assertEquals(0, e.problems().get(0).line());
        assertTrue(e.getMessage().contains("no classpath folder 'no-such-folder' found"), e.getMessage());
    }

    @Test
    void aLoaderNeedsAFolder() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SqlFileLoader.create().load());
        assertTrue(e.getMessage().contains("classpath(\"sql\")"), e.getMessage());
    }

    static Path resourceFolder(String name) {
        try {
            return Paths.get(SqlFileLoaderTest.class.getClassLoader().getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
