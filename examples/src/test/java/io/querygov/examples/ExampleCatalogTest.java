package io.querygov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.ParameterSampler;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryCatalogProvider;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import io.querygov.core.StatementLanguage;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The one catalog of the example service, as ServiceLoader finds it: no database needed. */
class ExampleCatalogTest {

    private static final List<String> SQL_FILES =
            List.of("archive_old_jobs", "monthly_report", "project_analytics", "project_with_stats", "user_activity");
    private static final List<String> NAMED_QUERIES = List.of("Project.byIdWithDetails", "Project.byIdWithOwner",
            "Project.byOwner", "ReconciliationJob.recentOfOwner", "ReconciliationJob.recentOfProject", "User.byEmail",
            "Visualization.byProject", "Workflow.byProject");
    private static final List<String> VARIANTS = List.of("orm.project_analytics.loop", "orm.project_analytics.hql",
            "orm.monthly_report.loop", "orm.project_with_stats.loop", "orm.project_with_stats.hql",
            "orm.archive_old_jobs.loop", "orm.archive_old_jobs.hql");

    @Test
    void serviceLoaderFindsTheProviderAndItsCatalogHasEveryQueryOnce() {
        List<QueryCatalogProvider> providers = ServiceLoader.load(QueryCatalogProvider.class,
                getClass().getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
        assertEquals(List.of(ExampleCatalogProvider.class), providers.stream().map(Object::getClass).toList());

        QueryCatalog catalog = QueryCatalog.load(getClass().getClassLoader());
        List<String> names = catalog.names();
        assertEquals(names.size(), new HashSet<>(names).size(), "duplicate names in " + names);
        assertEquals(SQL_FILES.size() + NAMED_QUERIES.size() + VARIANTS.size(), names.size(), names.toString());
        assertEquals(SQL_FILES, names.subList(0, SQL_FILES.size()).stream().sorted().toList());
        assertEquals(NAMED_QUERIES, names.subList(SQL_FILES.size(), SQL_FILES.size() + NAMED_QUERIES.size()));
        assertEquals(VARIANTS, names.subList(names.size() - VARIANTS.size(), names.size()));
        assertEquals(names, Examples.catalog().names());
        assertSame(Examples.catalog(), new ExampleCatalogProvider().catalog(), "built once");
    }

    @Test
    void everyKindOfQueryIsThere() {
        Map<QueryType, List<String>> byType = new TreeMap<>(Examples.catalog().stream().collect(
                Collectors.groupingBy(QueryDescriptor::type, Collectors.mapping(QueryDescriptor::name, Collectors.toList()))));
        assertEquals(EnumSet.allOf(QueryType.class), byType.keySet(), byType.toString());
        assertEquals(List.of("Project.byIdWithDetails", "ReconciliationJob.recentOfOwner"), byType.get(QueryType.ORM_COMPLEX));
        assertEquals(List.of("archive_old_jobs"), byType.get(QueryType.RAW_SQL_BULK));
    }

    @Test
    void namedQueriesCarryTheirSqlAndSamplersWithoutADatabase() {
        QueryDescriptor recent = Examples.catalog().get("ReconciliationJob.recentOfOwner");
        assertEquals(StatementLanguage.SQL, recent.language());
        String sql = recent.statement().orElseThrow();
        assertTrue(sql.startsWith("select ") && sql.contains(" join projects ") && sql.contains(" join users ")
                && sql.contains(" join workflows "), sql);
        assertEquals(List.of("ownerId", "since"), recent.parameters().stream().map(p -> p.name()).toList());
        assertEquals(new ParameterSampler.FromValues(List.of("2024-06-01", "2024-10-01", "2024-12-01")),
                recent.parameter("since").orElseThrow().sampler());
        for (String name : NAMED_QUERIES) {
            QueryDescriptor q = Examples.catalog().get(name);
            assertTrue(q.hasTag("orm"), name);
            q.parameters().forEach(p -> assertTrue(p.sampler() != ParameterSampler.NONE, name + " " + p));
        }
    }

    @Test
    void variantsShareTheirTwinsParametersTagAndTimeout() {
        QueryCatalog catalog = Examples.catalog();
        Set<String> groups = new HashSet<>();
        for (String name : VARIANTS) {
            QueryDescriptor variant = catalog.get(name);
            String report = name.substring("orm.".length(), name.lastIndexOf('.'));
            QueryDescriptor twin = catalog.get(report);
            assertEquals(StatementLanguage.ENTITY_OPERATION, variant.language(), name);
            assertTrue(variant.type().isOrm(), name);
            assertEquals(twin.parameters(), variant.parameters(), name);
            assertEquals(twin.timeout(), variant.timeout(), name);
            assertTrue(twin.hasTag("compare:" + report) && variant.hasTag("compare:" + report), name);
            assertTrue(variant.hasTag(name.endsWith(".hql") ? "hql" : "loop"), name);
            assertTrue(variant.origin().orElseThrow().startsWith("io.querygov.examples.reports.OrmReports#"), name);
            groups.add(report);
        }
        assertEquals(Set.of("project_analytics", "monthly_report", "project_with_stats", "archive_old_jobs"), groups);
    }
}
