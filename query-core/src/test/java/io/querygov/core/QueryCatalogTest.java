package io.querygov.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryCatalogTest {

    private static QueryDescriptor query(String name, String origin) {
        return QueryDescriptor.builder(name, QueryType.RAW_SQL_ANALYTICS).sql("select 1").origin(origin).build();
    }

    private final QueryCatalog catalog = QueryCatalog.of(
            query("project_analytics", "sql/reports.sql:1"),
            query("project_with_stats", "sql/reports.sql:20"),
            query("monthly_report", "sql/reports.sql:40"),
            query("user_activity", "sql/users.sql:1"),
            query("archive_old_jobs", "sql/bulk.sql:1"));

    @Test
    void keepsRegistrationOrder() {
        assertEquals(List.of("project_analytics", "project_with_stats", "monthly_report", "user_activity", "archive_old_jobs"),
                catalog.names());
        assertEquals(5, catalog.size());
    }

    @Test
    void duplicateNameNamesBothOrigins() {
        DuplicateQueryException e = assertThrows(DuplicateQueryException.class, () -> QueryCatalog.of(
                query("a", "sql/one.sql:3"), query("b", "sql/one.sql:9"), query("a", "sql/two.sql:12")));
        assertEquals("Query names must be unique: 'a' is defined at sql/one.sql:3 and again at sql/two.sql:12", e.getMessage());
        assertEquals(1, e.duplicates().size());
    }

    @Test
    void everyDuplicateIsReportedAtOnce() {
        DuplicateQueryException e = assertThrows(DuplicateQueryException.class, () -> QueryCatalog.of(
                query("a", "x.sql:1"), query("b", "x.sql:2"), query("a", "y.sql:1"), query("b", null)));
        assertEquals("Query names must be unique, 2 are not:\n"
                + "  'a' is defined at x.sql:1 and again at y.sql:1\n"
                + "  'b' is defined at x.sql:2 and again at an unknown origin", e.getMessage());
    }

    @Test
    void mergeRejectsNamesSharedAcrossCatalogs() {
        QueryCatalog other = QueryCatalog.of(query("monthly_report", "com.acme.ReportDao#monthly"));
        DuplicateQueryException e = assertThrows(DuplicateQueryException.class, () -> QueryCatalog.merge(List.of(catalog, other)));
        assertTrue(e.getMessage().contains("sql/reports.sql:40 and again at com.acme.ReportDao#monthly"), e.getMessage());
    }

    @Test
    void unknownNameSuggestsNearMisses() {
        UnknownQueryException e = assertThrows(UnknownQueryException.class, () -> catalog.get("projct_analytics"));
        assertEquals(List.of("project_analytics"), e.suggestions());
        assertEquals("No query named 'projct_analytics' in the catalog (5 queries). Did you mean: project_analytics?",
                e.getMessage());
    }

    @Test
    void suggestionsIncludeSwapsAndFragmentsClosestFirst() {
        assertEquals(List.of("monthly_report"), catalog.suggestions("montlhy_report"));
        assertEquals(List.of("project_analytics", "project_with_stats"), catalog.suggestions("project"));
        assertEquals(List.of("user_activity"), catalog.suggestions("USER_ACTIVITY"));
    }

    @Test
    void noSuggestionForSomethingFarAway() {
        UnknownQueryException e = assertThrows(UnknownQueryException.class, () -> catalog.get("zzz"));
        assertEquals(List.of(), e.suggestions());
        assertEquals("No query named 'zzz' in the catalog (5 queries).", e.getMessage());
    }

    @Test
    void findsAndFilters() {
        assertEquals("sql/bulk.sql:1", catalog.get("archive_old_jobs").origin().orElseThrow());
        assertTrue(catalog.find("nope").isEmpty());
        assertEquals(List.of("user_activity"), catalog.filter(q -> q.name().startsWith("user")).names());
    }

    @Test
    void loadsProvidersThroughServiceLoader() {
        QueryCatalog loaded = QueryCatalog.load(getClass().getClassLoader());
        assertEquals(List.of("test_provider.lookup", "test_provider.report"), loaded.names());
        assertEquals(QueryType.ORM_SIMPLE, loaded.get("test_provider.lookup").type());
        assertEquals(TestCatalogProvider.class.getName() + "#catalog", loaded.get("test_provider.report").origin().orElseThrow());
    }

    @Test
    void descriptorRejectsBadValuesWithTheSubjectInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QueryDescriptor.builder("bad name", QueryType.RAW_SQL_BULK).build());
        assertEquals("query name 'bad name' contains whitespace or a control character at index 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QueryDescriptor.builder("q", QueryType.RAW_SQL_BULK)
                .parameter(QueryParameter.of("id", "uuid")).parameter(QueryParameter.of("id", "int")).build());
        assertEquals("query 'q' declares parameter 'id' twice", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QueryDescriptor.builder("q", QueryType.RAW_SQL_BULK)
                .timeout(java.time.Duration.ZERO).build());
        assertEquals("query 'q': timeout must be positive, was PT0S", e.getMessage());
    }

    @Test
    void adhocNamesComeFromTheFingerprint() {
        QueryDescriptor a = QueryDescriptor.adhocSql("select * from t where id = 1", QueryType.RAW_SQL_ANALYTICS);
        QueryDescriptor b = QueryDescriptor.adhocSql("SELECT * FROM t WHERE id = 2", QueryType.RAW_SQL_ANALYTICS);
        assertEquals(a.name(), b.name());
        assertTrue(a.name().startsWith("adhoc:"));
        assertEquals(SqlFingerprint.of("select * from t where id = ?").id(), a.name().substring("adhoc:".length()));
    }
}
