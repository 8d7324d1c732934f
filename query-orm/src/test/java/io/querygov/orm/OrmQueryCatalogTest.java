package io.querygov.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.ParameterSampler;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryGovException;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryType;
import io.querygov.core.StatementLanguage;
import java.util.List;
import java.util.Set;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OrmQueryCatalogTest {
    @RegisterExtension
    static final TestFactories factories = TestFactories.projects();

    private static QueryCatalog catalog;

    @BeforeAll
    static void build() {
        // untracked: the catalog needs only the entity model
        SessionFactory sf = factories.build(null);
        catalog = OrmQueryCatalog.of(sf);
    }

    @Test
    void listsEveryNamedQuerySortedByName() {
        assertEquals(List.of("Project.byOwner", "Project.changeSearchPath", "Project.countByOwner", "Project.readOnlyProbe",
                "Project.rename", "Project.searchPathProbe",
                "Project.withOwnerAndTasks"), catalog.names());
    }

    @Test
    void hqlQueriesCarryTheSqlTheyTranslateToAndTheirHql() {
        QueryDescriptor byOwner = catalog.get("Project.byOwner");
        assertEquals(StatementLanguage.SQL, byOwner.language());
        String sql = byOwner.statement().orElseThrow();
        assertTrue(sql.startsWith("select") && sql.contains("from project") && sql.contains("owner_id=:ownerId"), sql);
        assertEquals("HQL: select p from Project p where p.owner.id = :ownerId order by p.id",
                byOwner.description().orElseThrow());
        assertEquals(QueryType.ORM_SIMPLE, byOwner.type());
        assertEquals("io.querygov.orm.model.Project", byOwner.origin().orElseThrow());
        assertEquals(Set.of("orm", "hql", "dashboard", "owner"), byOwner.tags());
        assertEquals(List.of(new QueryParameter("ownerId", "bigint",
                new ParameterSampler.FromQuery("select id from app_user"))), byOwner.parameters());
    }

    @Test
    void joinsDecideTheType() {
        QueryDescriptor heavy = catalog.get("Project.withOwnerAndTasks");
        assertEquals(QueryType.ORM_COMPLEX, heavy.type());
        assertEquals(List.of(QueryParameter.of("ownerName", "text")), heavy.parameters());
    }

    @Test
    void mutationsAndNativeQueriesAreThereToo() {
        QueryDescriptor rename = catalog.get("Project.rename");
        // each placeholder written as the parameter Hibernate binds to it, so that plain SQL can run it
        assertEquals("update project p1_0 set name=:name where p1_0.id=:id", rename.statement().orElseThrow());
        assertEquals(QueryParameter.of("name", "text"), rename.parameter("name").orElseThrow());
        assertEquals(new ParameterSampler.FromRange(1, 3), rename.parameter("id").orElseThrow().sampler());

        QueryDescriptor count = catalog.get("Project.countByOwner");
        assertEquals("select owner_id, count(*) as projects from project where owner_id = :ownerId group by owner_id",
                count.statement().orElseThrow());
        assertEquals(Set.of("orm", "native"), count.tags());
        assertEquals(List.of("ownerId"), count.parameters().stream().map(QueryParameter::name).toList());
    }

    @Test
    void malformedSamplerHintsNameTheQueryAndTheSyntax() {
        QueryGovException e = assertThrows(QueryGovException.class,
                () -> OrmQueryCatalog.sampler("Project.byOwner", "ownerId", "between 1 and 3"));
        assertEquals("Named query 'Project.byOwner', hint querygov.param.ownerId='between 1 and 3' is not a sampler:"
                + " write 'sample: <SQL returning one column>', 'values: a, b, c' or 'range: 1..100'", e.getMessage());
        assertEquals(new ParameterSampler.FromValues(List.of("a", "b")),
                OrmQueryCatalog.sampler("q", "p", "values: a, b"));
        assertThrows(QueryGovException.class, () -> OrmQueryCatalog.sampler("q", "p", "range: 9..1"));
    }
}
