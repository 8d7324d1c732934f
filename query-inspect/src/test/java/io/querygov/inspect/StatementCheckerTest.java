package io.querygov.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryType;
import io.querygov.core.StatementLanguage;
import io.querygov.testing.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatementCheckerTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(
            "CREATE TABLE project (id bigint PRIMARY KEY, name text NOT NULL, owner_id uuid, created_at timestamptz)",
            "INSERT INTO project SELECT g, 'p' || g, NULL, now() FROM generate_series(1, 5) g");

    private static QueryDescriptor sql(String name, String sql) {
        return QueryDescriptor.builder(name, QueryType.RAW_SQL_ANALYTICS).sql(sql).origin("sql/projects.sql:10").build();
    }

    private static CheckResult check(String sql) {
        return StatementChecker.create(pg.dataSource()).check(sql("q", sql));
    }

    @Test
    void goodStatementReportsParameterTypesAndResultColumns() {
        QueryDescriptor query = QueryDescriptor.builder("projects.by_owner", QueryType.RAW_SQL_ANALYTICS)
                .sql("SELECT id, name, count(*) OVER () AS total FROM project WHERE owner_id = :owner AND id > :after")
                .parameter(QueryParameter.of("owner", "uuid"))
                .build();
        CheckResult result = StatementChecker.create(pg.dataSource()).check(query);

        assertEquals(CheckStatus.OK, result.status());
        assertEquals(List.of(new CheckedParameter(1, "owner", "uuid", "uuid"),
                new CheckedParameter(2, "after", "int8", null)), result.parameters());
        assertEquals(List.of(new ResultColumn("id", "int8", "project", ResultColumn.Nullability.NOT_NULL),
                new ResultColumn("name", "text", "project", ResultColumn.Nullability.NOT_NULL),
                new ResultColumn("total", "int8", null, ResultColumn.Nullability.UNKNOWN)), result.columns());
        assertNull(result.failure());
    }

    /** The result's failure, once its SQLSTATE, message and 1-based position are as expected. */
    private static CheckFailure assertFailure(CheckResult result, String sqlState, String message, int position) {
        CheckFailure failure = result.failure();
        assertEquals(sqlState, failure.sqlState());
        assertEquals(message, failure.message());
        assertEquals(position, failure.position());
        return failure;
    }

    @Test
    void undefinedTableIsReportedWithSqlStateAndPosition() {
        CheckResult result = check("SELECT id\nFROM projects\nWHERE id = :id");
        assertEquals(CheckStatus.FAILED, result.status());
        CheckFailure failure = assertFailure(result, "42P01", "relation \"projects\" does not exist", 16);
        assertEquals(2, failure.line());
        assertEquals(6, failure.column());
        assertEquals("sql/projects.sql:11:6", failure.location());
    }

    @Test
    void undefinedColumnAfterAParameterMapsBackToTheNamedText() {
        // the server sees "$1", two characters shorter than ":owner_id": the position must be corrected
        String text = "SELECT id FROM project WHERE owner_id = :owner_id AND nme = 'x'";
        CheckFailure failure = assertFailure(check(text), "42703", "column \"nme\" does not exist",
                text.indexOf("nme") + 1);
        assertEquals(1, failure.line());
    }

    @Test
    void typeMismatchIsReported() {
        String text = "SELECT id FROM project WHERE owner_id = 42";
        assertFailure(check(text), "42883", "operator does not exist: uuid = integer", text.indexOf("= 42") + 1);
    }

    @Test
    void syntaxErrorIsReported() {
        String text = "SELECT id FROM project WHERE id = :id ORDER id";
        CheckFailure failure = assertFailure(check(text), "42601", "syntax error at or near \"id\"",
                text.lastIndexOf("id") + 1);
        assertEquals("sql/projects.sql:10:" + (text.lastIndexOf("id") + 1), failure.location());
    }

    @Test
    void writeStatementIsDescribedButNeverExecuted() {
        CheckResult result = check("DELETE FROM project WHERE id > :min RETURNING id");
        assertEquals(CheckStatus.OK, result.status());
        assertEquals(List.of(new CheckedParameter(1, "min", "int8", null)), result.parameters());
        assertEquals(List.of(new ResultColumn("id", "int8", "project", ResultColumn.Nullability.NOT_NULL)),
                result.columns());
        assertEquals(5, Db.count(pg, "project"));

        CheckResult withoutReturning = check("DELETE FROM project");
        assertEquals(CheckStatus.OK, withoutReturning.status());
        assertEquals(List.of(), withoutReturning.columns());
        assertEquals(5, Db.count(pg, "project"));
    }

    @Test
    void catalogIsCheckedInOrderAndNonSqlQueriesAreSkipped() {
        QueryCatalog catalog = QueryCatalog.of(
                sql("a.good", "SELECT 1 AS one"),
                QueryDescriptor.builder("find:Project", QueryType.ORM_SIMPLE)
                        .statement(StatementLanguage.ENTITY_OPERATION, "find Project").build(),
                QueryDescriptor.builder("Project.byName", QueryType.ORM_SIMPLE)
                        .hql("from Project p where p.name = :name").build(),
                sql("b.broken", "SELECT nope FROM project"),
                QueryDescriptor.of("by.name.only", QueryType.RAW_SQL_BULK));

        List<CheckResult> results = StatementChecker.create(pg.dataSource()).check(catalog);

        assertEquals(List.of("a.good", "find:Project", "Project.byName", "b.broken", "by.name.only"),
                results.stream().map(CheckResult::query).toList());
        assertEquals(List.of(CheckStatus.OK, CheckStatus.SKIPPED, CheckStatus.SKIPPED, CheckStatus.FAILED,
                CheckStatus.SKIPPED), results.stream().map(CheckResult::status).toList());
        assertEquals("HQL: Hibernate writes the SQL, check it through the ORM module", results.get(2).skipReason());
        assertEquals("42703", results.get(3).failure().sqlState());
    }

    @Test
    void jsonbQuestionMarkOperatorSurvivesTheRoundTrip() {
        CheckResult result = check("SELECT '{\"a\":1}'::jsonb ? :key AS has_key");
        assertEquals(CheckStatus.OK, result.status());
        assertEquals("text", result.parameters().get(0).serverType());
        assertEquals("bool", result.columns().get(0).type());
    }
}
