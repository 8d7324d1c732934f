package io.querygov.cli.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.cli.internal.AdviceEvidence;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryRunner;
import io.querygov.core.QueryType;
import io.querygov.core.StatementLanguage;
import io.querygov.inspect.advice.AdviceRule;
import io.querygov.inspect.advice.AdviceThresholds;
import io.querygov.inspect.advice.Advisor;
import io.querygov.inspect.advice.Finding;
import io.querygov.inspect.advice.QueryEvidence;
import io.querygov.orm.HibernateTracking;
import io.querygov.raw.SqlFileLoader;
import io.querygov.testing.PostgresExtension;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rules on a schema written for this test, not the examples': a selective filter over a table with no index on
 * it, a key lookup in a SQL file, and an ORM loop over a lazy collection.
 */
class AdviceOnOwnSchemaTest {
    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(
            "CREATE TABLE author (id bigint PRIMARY KEY, name text NOT NULL, country text NOT NULL)",
            "INSERT INTO author SELECT g, 'author ' || g, CASE WHEN g % 5 = 0 AND g <= 200 THEN 'fr' ELSE 'de' END"
                    + " FROM generate_series(1, 5000) g",
            "CREATE TABLE book (id bigint PRIMARY KEY, author_id bigint NOT NULL REFERENCES author, title text NOT NULL,"
                    + " genre text NOT NULL, pages int NOT NULL)",
            "INSERT INTO book SELECT g, 1 + g % 200, 'book ' || g,"
                    + " CASE WHEN g % 100 = 0 THEN 'poetry' ELSE 'novel' END, 50 + g % 700 FROM generate_series(1, 30000) g",
            "CREATE INDEX book_author ON book (author_id)",
            "ANALYZE");

    private static final AdviceThresholds THRESHOLDS = AdviceThresholds.defaults().withLargeTableRows(10_000);
    private static final List<SessionFactory> FACTORIES = new ArrayList<>();

    private static final QueryDescriptor LOOP = QueryDescriptor.builder("authors.books.loop", QueryType.ORM_SIMPLE)
            .statement(StatementLanguage.ENTITY_OPERATION, "authors of a country, then each one's books")
            .parameter(new QueryParameter("country", "text",
                    new io.querygov.core.ParameterSampler.FromValues(List.of("fr")))).build();
    private static final QueryDescriptor FETCH = QueryDescriptor.builder("authors.books.fetch", QueryType.ORM_SIMPLE)
            .statement(StatementLanguage.ENTITY_OPERATION, "authors of a country with their books, one join fetch")
            .parameter(new QueryParameter("country", "text",
                    new io.querygov.core.ParameterSampler.FromValues(List.of("fr")))).build();

    @AfterAll
    static void closeFactories() {
        FACTORIES.forEach(SessionFactory::close);
    }

    private static Map<String, List<Finding>> advise(boolean verify, QueryDescriptor... more) throws Exception {
        QueryCatalog files = SqlFileLoader.create().directory(folder()).load();
        List<QueryDescriptor> queries = new ArrayList<>(files.queries());
        queries.addAll(List.of(more));
        Advisor advisor = Advisor.create(THRESHOLDS);
        List<String> notes = new ArrayList<>();
        AdviceEvidence evidence = new AdviceEvidence(pg.dataSource(), pg.dataSource(), Duration.ofSeconds(30),
                tracking -> List.of(new AuthorsRunner(factory(tracking))), advisor, 2, 42, notes::add);
        Map<String, List<Finding>> out = new java.util.LinkedHashMap<>();
        for (QueryDescriptor q : queries) {
            QueryEvidence e = evidence.gather(q, null, null);
            out.put(q.name(), advisor.advise(verify ? evidence.verify(e) : e));
        }
        assertTrue(notes.stream().allMatch(n -> n.contains("QG-GP skipped")), notes::toString);
        return out;
    }

    @Test
    void aSelectiveFilterWithoutAnIndexGetsOneOnItsColumns() throws Exception {
        Map<String, List<Finding>> found = advise(false);
        Finding ix = only(found.get("books_of_genre"), AdviceRule.SEQ_SCAN_INDEX);
        assertEquals("CREATE INDEX ON public.book (genre, pages)", ix.evidence().get("createIndex"), ix::toString);
        assertEquals(List.of("genre", "pages"), ix.evidence().get("columns"));
        assertEquals(300L, ix.evidence().get("rowsKept"), ix::toString);
        assertEquals(false, ix.evidence().get("verified"));
        assertTrue(ix.message().contains("--verify"), ix::message);
        // most of the table passes this filter: an index would not help, and nothing is said
        assertTrue(found.get("long_books").isEmpty(), () -> found.get("long_books").toString());
    }

    @Test
    void verifyTriesTheIndexAndRollsItBack() throws Exception {
        Finding ix = only(advise(true).get("books_of_genre"), AdviceRule.SEQ_SCAN_INDEX);
        assertEquals(true, ix.evidence().get("verified"), ix::toString);
        assertEquals(true, ix.evidence().get("indexUsed"), ix::toString);
        assertTrue(((Double) ix.evidence().get("costWith")) < ((Double) ix.evidence().get("costWithout")),
                ix::toString);
        assertTrue(ix.message().contains("verified (rolled back): the planner uses it"), ix::message);
        try (var c = pg.openConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pg_indexes WHERE tablename = 'book'")) {
            rs.next();
            assertEquals(2, rs.getInt(1), "the trial index was rolled back: book_pkey and book_author remain");
        }
    }

    @Test
    void aKeyLookupInASqlFileIsAnOrmCandidate() throws Exception {
        Map<String, List<Finding>> found = advise(false);
        Finding pk = only(found.get("author_by_id"), AdviceRule.PRIMARY_KEY_READ);
        assertEquals("public.author", pk.evidence().get("table"));
        assertEquals("author_pkey", pk.evidence().get("index"));
        assertTrue(found.get("books_of_genre").stream().noneMatch(f -> f.rule() == AdviceRule.PRIMARY_KEY_READ));
    }

    @Test
    void anOrmLoopOverALazyCollectionIsAnNPlusOne() throws Exception {
        Map<String, List<Finding>> found = advise(false, LOOP, FETCH);
        Finding n1 = only(found.get(LOOP.name()), AdviceRule.N_PLUS_ONE);
        assertEquals(40, n1.evidence().get("repeatedExecutions"), n1::toString);
        assertEquals(41, n1.evidence().get("statementsPerCall"), n1::toString);
        assertEquals("load:Author.books", n1.evidence().get("repeatedStatement"), n1::toString);
        assertTrue(found.get(FETCH.name()).isEmpty(), () -> found.get(FETCH.name()).toString());
    }

    private static Finding only(List<Finding> findings, AdviceRule rule) {
        List<Finding> of = findings.stream().filter(f -> f.rule() == rule).toList();
        assertEquals(1, of.size(), findings::toString);
        assertFalse(of.get(0).message().isBlank());
        return of.get(0);
    }

    private static Path folder() throws URISyntaxException {
        return Path.of(AdviceOnOwnSchemaTest.class.getResource("/catalogs/advise-own").toURI());
    }

    private static SessionFactory factory(HibernateTracking tracking) {
        SessionFactory f = new HibernatePersistenceConfiguration("advise-test")
                .managedClasses(Author.class, Book.class)
                .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pg.dataSource())
                .property(AvailableSettings.HBM2DDL_AUTO, "none")
                .properties(tracking.settings())
                .createEntityManagerFactory();
        FACTORIES.add(f);
        return f;
    }

    /** The two ORM paths to the same books: a loop over the lazy collection, and one join fetch. */
    private record AuthorsRunner(SessionFactory sessions) implements QueryRunner {
        @Override
        public boolean supports(QueryDescriptor query) {
            return query.name().startsWith("authors.books.");
        }

        @Override
        public long execute(QueryDescriptor query, Map<String, Object> parameters) {
            try (Session session = sessions.openSession()) {
                String hql = query.name().endsWith(".fetch")
                        ? "select distinct a from Author a left join fetch a.books where a.country = :country"
                        : "from Author a where a.country = :country";
                List<Author> authors = session.createSelectionQuery(hql, Author.class)
                        .setParameter("country", parameters.get("country")).list();
                long books = 0;
                for (Author a : authors) {
                    books += a.books().size();
                }
                return books;
            }
        }

        @Override
        public List<List<Object>> fetch(QueryDescriptor query, Map<String, Object> parameters) {
            return List.of(List.of(execute(query, parameters)));
        }
    }
}
