package io.querygov.cache.jdbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.cache.QueryCache;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryTracker;
import io.querygov.metrics.CacheStats;
import io.querygov.metrics.MetricsSnapshot;
import io.querygov.metrics.QueryMetrics;
import io.querygov.raw.SqlFileLoader;
import io.querygov.raw.jdbi.NamedQueries;
import io.querygov.raw.jdbi.QueryTrackingPlugin;
import io.querygov.testing.PostgresExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cache through Jdbi: registered queries by name, SQL object methods by annotation or by their SQL. */
class JdbiCacheTest {
    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create()
            .withSchema("CREATE TABLE projects (id int PRIMARY KEY, name text NOT NULL)",
                    "INSERT INTO projects VALUES (1, 'one'), (2, 'two')");

    private static final QueryCatalog CATALOG = SqlFileLoader.create().classpath("sql-cache").load();

    public interface Projects {
        /** The SQL of the file's project_name: cached under that name, with its TTL. */
        @SqlQuery("SELECT name FROM projects WHERE id = :id")
        List<String> nameOf(@Bind("id") int id);

        @SqlQuery("SELECT count(*) FROM projects WHERE name <> :name")
        @Cached(60)
        long countOthers(@Bind("name") String name);

        @SqlQuery("SELECT id FROM projects")
        List<Integer> ids();
    }

    public interface Streams {
        @SqlQuery("SELECT id FROM projects")
        @Cached(60)
        Stream<Integer> idStream();
    }

    private QueryMetrics metrics;
    private QueryCache cache;
    private Jdbi jdbi;
    private CachedNamedQueries named;

    @BeforeEach
    void jdbi() {
        metrics = QueryMetrics.create();
        QueryTracker tracker = QueryTracker.create(metrics);
        cache = QueryCache.builder(tracker).build();
        jdbi = Jdbi.create(cache.invalidatingDataSource(pg.dataSource()))
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(QueryTrackingPlugin.create(tracker, CATALOG))
                .installPlugin(QueryCachePlugin.create(cache, CATALOG));
        named = CachedNamedQueries.create(NamedQueries.create(jdbi, CATALOG), cache);
        jdbi.useHandle(h -> h.execute("UPDATE projects SET name = CASE id WHEN 1 THEN 'one' ELSE 'two' END"));
        metrics.intervalSnapshot();
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void aRegisteredQueryWithACacheHeaderRunsOnceForTheSameValues() {
        assertEquals(List.of("one"), named.list("project_name", Map.of("id", 1), String.class));
        assertEquals(List.of("one"), named.list("project_name", Map.of("id", 1), String.class));
        assertEquals(List.of("two"), named.list("project_name", Map.of("id", 2), String.class));
        MetricsSnapshot s = metrics.intervalSnapshot();
        assertEquals(2, s.query("project_name").orElseThrow().count(), "the database ran it for id 1 and id 2 only");
        assertEquals(new CacheStats("project_name", 1, 2, 0), s.cache("project_name").orElseThrow());
        assertThrows(UnsupportedOperationException.class,
                () -> named.list("project_name", Map.of("id", 1), String.class).add("x"), "a shared result cannot change");
    }

    @Test
    void aQueryWithoutTheHeaderIsNeverCached() {
        named.list("project_count", Map.of(), Long.class);
        named.list("project_count", Map.of(), Long.class);
        MetricsSnapshot s = metrics.intervalSnapshot();
        assertEquals(2, s.query("project_count").orElseThrow().count());
        assertTrue(s.cache("project_count").isEmpty());
    }

    @Test
    void anUpdateThroughTheSameJdbiEvictsWhatItWrote() {
        assertEquals(List.of("one"), named.list("project_name", Map.of("id", 1), String.class));
        named.uncached().update("rename_project", Map.of("id", 1, "name", "first"));
        assertEquals(List.of("first"), named.list("project_name", Map.of("id", 1), String.class));
        assertEquals(new CacheStats("project_name", 0, 2, 1), metrics.intervalSnapshot().cache("project_name").orElseThrow());
    }

    @Test
    void sqlObjectMethodsAreCachedByTheirSqlOrTheirAnnotation() {
        Projects projects = jdbi.onDemand(Projects.class);
        assertEquals(List.of("one"), projects.nameOf(1));
        assertEquals(List.of("one"), named.list("project_name", Map.of("id", 1), String.class),
                "another row type: a result of its own");
        assertEquals(List.of("one"), projects.nameOf(1));
        assertEquals(1, projects.countOthers("one"));
        assertEquals(1, projects.countOthers("one"));
        projects.ids();
        projects.ids();
        MetricsSnapshot s = metrics.intervalSnapshot();
        assertEquals(new CacheStats("project_name", 1, 2, 0), s.cache("project_name").orElseThrow());
        assertEquals(new CacheStats("Projects.countOthers", 1, 1, 0), s.cache("Projects.countOthers").orElseThrow());
        assertEquals(1, s.query("Projects.countOthers").orElseThrow().count());
        assertEquals(2, s.query("Projects.ids").orElseThrow().count(), "no annotation, no catalog TTL: not cached");

        jdbi.useHandle(h -> h.execute("UPDATE projects SET name = 'uno' WHERE id = 1"));
        assertEquals(List.of("uno"), projects.nameOf(1));
        assertEquals(2, projects.countOthers("one"));
    }

    @Test
    void aCachedMethodThatReturnsAStreamIsRefusedWithItsName() {
        Streams streams = jdbi.onDemand(Streams.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, streams::idStream);
        assertTrue(e.getMessage().contains("Streams#idStream is cached but returns Stream"), e.getMessage());
    }
}
