package io.querygov.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryGovException;
import io.querygov.core.QueryType;
import io.querygov.core.UnknownQueryException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OrmQueryRunnerTest {
    @RegisterExtension
    static final TestFactories factories = TestFactories.projects();

    private static SessionFactory sessionFactory;
    private static QueryCatalog catalog;

    @BeforeAll
    static void build() {
        sessionFactory = factories.build(null);
        catalog = OrmQueryCatalog.of(sessionFactory);
    }

    private static String projectName(long id) throws Exception {
        try (Connection c = factories.database().openConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select name from project where id = " + id)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    @Test
    void executesNamedQueriesWithSampledTextParameters() {
        OrmQueryRunner runner = OrmQueryRunner.create(sessionFactory);
        assertTrue(runner.supports(catalog.get("Project.byOwner")));
        assertFalse(runner.supports(QueryDescriptor.of("adhoc:1234", QueryType.RAW_SQL_ANALYTICS)));
        // a values sampler hands out text; the runner binds it as the Long the HQL declares
        assertEquals(12, runner.execute(catalog.get("Project.byOwner"), Map.of("ownerId", "1")));
        assertEquals(0, runner.execute(catalog.get("Project.byOwner"), Map.of("ownerId", 3)));
    }

    @Test
    void fetchesRowsAsColumnValues() {
        OrmQueryRunner runner = OrmQueryRunner.create(sessionFactory);
        assertEquals(List.of(List.of(1L, 12L)),
                runner.fetch(catalog.get("Project.countByOwner"), Map.of("ownerId", 1L)));
        List<List<Object>> projects = runner.fetch(catalog.get("Project.byOwner"), Map.of("ownerId", 1L));
        assertEquals(12, projects.size());
        // id, then name, owner (as its id), settings (JSONB as a map) in mapping order
        List<Object> first = projects.get(0);
        assertEquals(1L, first.get(0));
        assertTrue(first.contains("project 1"), first.toString());
        assertTrue(first.contains(Map.of("rank", 1)), first.toString());
    }

    @Test
    void readsRunInReadOnlyTransactions() {
        OrmQueryRunner runner = OrmQueryRunner.create(sessionFactory);
        assertEquals(List.of(List.of("on")), runner.fetch(catalog.get("Project.readOnlyProbe"), Map.of()));
    }

    @Test
    void whatAReadDoesToItsPooledSessionIsRolledBackWithIt() {
        OrmQueryRunner runner = OrmQueryRunner.builder(sessionFactory).allowWrites(true).build();
        for (int i = 0; i < 4; i++) {
            runner.fetch(catalog.get("Project.changeSearchPath"), Map.of());
            assertEquals(List.of(List.of("\"$user\", public")), runner.fetch(catalog.get("Project.searchPathProbe"), Map.of()));
        }
    }

    @Test
    void writesAreRolledBackUnlessAllowed() throws Exception {
        QueryDescriptor rename = catalog.get("Project.rename");
        assertEquals(1, OrmQueryRunner.create(sessionFactory).execute(rename, Map.of("id", "7", "name", "seven")));
        assertEquals("project 7", projectName(7));

        OrmQueryRunner writer = OrmQueryRunner.builder(sessionFactory).allowWrites(true).build();
        assertEquals(1, writer.execute(rename, Map.of("id", 8L, "name", "eight")));
        assertEquals("eight", projectName(8));
    }

    @Test
    void unknownQueriesAndParametersAreNamed() {
        OrmQueryRunner runner = OrmQueryRunner.create(sessionFactory);
        UnknownQueryException unknown = assertThrows(UnknownQueryException.class,
                () -> runner.execute(QueryDescriptor.of("Project.byOwnr", QueryType.ORM_SIMPLE), Map.of()));
        assertEquals(List.of("Project.byOwner"), unknown.suggestions().subList(0, 1));
        QueryGovException e = assertThrows(QueryGovException.class,
                () -> runner.execute(catalog.get("Project.byOwner"), Map.of("owner", 1)));
        assertEquals("Named query 'Project.byOwner' has no parameter 'owner'; its parameters are [ownerId]",
                e.getMessage());
    }
}
