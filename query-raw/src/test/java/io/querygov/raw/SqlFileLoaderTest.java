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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
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
    void parameterNamesMayHoldNonAsciiLetters(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("sizes.sql"),
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
    void aSecondTypeTimeoutOrCacheHeaderAndAZeroDurationAreProblems(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("twice.sql"), "-- name: twice\n-- type: raw_sql_analytics\n-- type: raw_sql_bulk\n"
                + "-- timeout: 0s\n-- timeout: 1s\n-- cache: 0s\n-- cache: 1m\nSELECT 1;\n");
        SqlFileException e = assertThrows(SqlFileException.class, () -> SqlFileLoader.create().directory(dir).load());
        String file = dir.resolve("twice.sql").toString();
        assertEquals(List.of(
                new SqlFileProblem(file, 3, "second '-- type:' header for 'twice': keep one"),
                new SqlFileProblem(file, 4, "timeout '0s' is zero: write a positive duration, " + Durations.ACCEPTED),
                new SqlFileProblem(file, 5, "second '-- timeout:' header for 'twice': keep one"),
                new SqlFileProblem(file, 6, "cache TTL '0s' is zero: write a positive duration, " + Durations.ACCEPTED
                        + ", or leave out '-- cache:' for a query that is never cached"),
                new SqlFileProblem(file, 7, "second '-- cache:' header for 'twice': keep one")), e.problems());
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
                "sql-bad/same_line.sql:2: 'same_line' holds more than one statement: 'SELECT 2;' follows its semicolon on"
                        + " the same line; a registered query is one statement",
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
    void anEntryThatACarriageReturnSplitsIntoSeveralStatementsIsRefusedWithFileAndLine(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("victim.sql"), "-- name: cr_update_commit\n"
                + "UPDATE victim SET id = id + 1000 WHERE id < 1000 --\r; COMMIT --\n;\n"
                + "-- name: cr_after_comment\n"
                + "SELECT 1; -- done\rDELETE FROM victim\n");
        SqlFileException e = assertThrows(SqlFileException.class, () -> SqlFileLoader.create().directory(dir).load());
        String file = dir.resolve("victim.sql").toString();
        assertEquals(List.of(file + ":2", file + ":3", file + ":5"),
                e.problems().stream().map(SqlFileProblem::location).toList(), e::getMessage);
        assertEquals("'cr_update_commit' holds more than one statement: 'COMMIT --' follows its semicolon on the same"
                + " line; a registered query is one statement, so put each below its own '-- name:' header, or remove"
                + " it (PostgreSQL ends a -- comment at a carriage return as well as at a line feed, so what follows a"
                + " carriage return is code, though an editor may show the comment going on)",
                e.problems().get(0).message());
        assertTrue(e.problems().get(2).message().startsWith("'cr_after_comment' holds more than one statement:"
                + " 'DELETE FROM victim' follows its semicolon"), e::getMessage);
    }

    @Test
    void commentsAfterASemicolonAreReadAsTheServerReadsThem(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ok.sql"), "-- name: first\nSELECT 1; /* a comment\n that goes on */\n"
                + "-- name: second\nSELECT 2; -- done\r\n");
        QueryCatalog catalog = SqlFileLoader.create().directory(dir).load();
        assertEquals(List.of("first", "second"), catalog.queries().stream().map(QueryDescriptor::name).toList());
    }

    @Test
    void anIncompleteOrUnsafeSamplerIsReportedAtLoadWithFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("samplers.sql"), "-- name: sampled\n"
                + "-- param: q int sample: SELECT\n"
                + "-- param: r int sample: SELECT id FROM t WHERE\n"
                + "-- param: s int sample: DELETE FROM t RETURNING id\n"
                + "-- param: u int sample: SELECT 1; DELETE FROM t\n"
                + "-- param: v int sample: SELECT (id FROM t\n"
                + "-- param: w int sample: SELECT id FROM t ORDER BY random() LIMIT 500\n"
                + "SELECT :q, :r, :s, :u, :v, :w\n");
        SqlFileException e = assertThrows(SqlFileException.class, () -> SqlFileLoader.create().directory(dir).load());
        String file = dir.resolve("samplers.sql").toString();
        List<String> expected = List.of(
                file + ":2: 'sample:' of parameter 'q' is not a complete query: 'SELECT' selects no column; write one"
                        + " that returns one column, e.g. 'sample: SELECT id FROM projects ORDER BY random() LIMIT 500'",
                file + ":3: 'sample:' of parameter 'r' is not a complete query: it ends after 'WHERE'; write one that"
                        + " returns one column",
                file + ":4: 'sample:' of parameter 's' must only read, and 'DELETE FROM t RETURNING id' writes: write"
                        + " a SELECT that returns one column",
                file + ":5: 'sample:' of parameter 'u' holds 2 statements ('SELECT 1', 'DELETE FROM t'), where one is"
                        + " allowed; a sample query is one SELECT that returns one column",
                file + ":6: 'sample:' of parameter 'v' is not a complete query: a parenthesis is not closed");
        assertEquals(expected.size(), e.problems().size(), e::getMessage);
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(e.problems().get(i).toString().startsWith(expected.get(i)),
                    "expected: " + expected.get(i) + "\nactual:   " + e.problems().get(i));
        }
    }

    @Test
    void aCarriageReturnInsideAHeaderLineIsAProblemNotAHeaderReadTwoWays(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("cr.sql"), "-- name: sampled\n"
                + "-- param: u int sample: SELECT 1 --\r; COMMIT; DELETE FROM t\n"
                + "SELECT :u\n");
        SqlFileException e = assertThrows(SqlFileException.class, () -> SqlFileLoader.create().directory(dir).load());
        assertEquals(2, e.problems().get(0).line(), e::getMessage);
        assertTrue(e.problems().get(0).message().startsWith("a carriage return without a line feed splits this comment"
                + " line: PostgreSQL ends a -- comment there"), e::getMessage);
    }

    @Test
    void linksAreFollowedAndOnesThatLoopOrBreakAreWarnedAboutByName(@TempDir Path dir) throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.writeString(real.resolve("a.sql"), "-- name: a\nSELECT 1\n");
        Path other = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(other.resolve("b.sql"), "-- name: b\nSELECT 2\n");
        Path root = Files.createDirectories(dir.resolve("catalog"));
        Files.createSymbolicLink(root.resolve("real"), real);
        Files.createSymbolicLink(root.resolve("again.sql"), real.resolve("a.sql"));
        Files.createSymbolicLink(root.resolve("linked"), other);
        Files.createSymbolicLink(root.resolve("loop"), root);
        Files.createSymbolicLink(root.resolve("broken.sql"), dir.resolve("missing.sql"));
        Files.createSymbolicLink(root.resolve("self.sql"), root.resolve("self.sql"));
        Files.createSymbolicLink(root.resolve("broken.txt"), dir.resolve("missing.txt"));

        List<SqlFileProblem> warnings = new ArrayList<>();
        QueryCatalog catalog = SqlFileLoader.create().directory(root).warnings(warnings::add).load();

        // a.sql is reached twice (through real/ and again.sql) and read once
        assertEquals(List.of("a", "b"), catalog.queries().stream().map(QueryDescriptor::name).sorted().toList());
        assertEquals(List.of(root.resolve("broken.sql").toString(), root.resolve("loop").toString(),
                root.resolve("self.sql").toString()), warnings.stream().map(SqlFileProblem::file).sorted().toList());
        assertTrue(warnings.stream().anyMatch(w -> w.message().startsWith("is a broken symbolic link: its target '"
                + dir.resolve("missing.sql") + "' does not exist")), warnings::toString);
        assertTrue(warnings.stream().anyMatch(w -> w.message().startsWith("is a symbolic link to a folder that holds"
                + " it, a loop: skipped")), warnings::toString);
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
