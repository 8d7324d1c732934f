package io.querygov.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryType;
import io.querygov.testing.PostgresExtension;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PgStatStatementsTest {

    // the table and catalog this class's statements run on, declared as every database test here declares its own
    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(
            "CREATE TABLE project (id bigint PRIMARY KEY, owner text NOT NULL, budget int NOT NULL)",
            "INSERT INTO project SELECT g, 'owner' || (g % 10), g FROM generate_series(1, 1000) g");

    private static final QueryDescriptor BY_OWNER = QueryDescriptor.builder("projects.by_owner", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT id FROM project WHERE owner = :owner AND id > :after ORDER BY id")
            .parameter(QueryParameter.of("owner", "text")).parameter(QueryParameter.of("after", "bigint")).build();
    private static final QueryDescriptor TOTAL_BUDGET = QueryDescriptor.builder("projects.total_budget", QueryType.RAW_SQL_ANALYTICS)
            .sql("SELECT sum(budget) FROM project WHERE budget BETWEEN :low AND :high")
            .parameter(QueryParameter.of("low", "int")).parameter(QueryParameter.of("high", "int")).build();
    private static final QueryCatalog CATALOG = QueryCatalog.of(BY_OWNER, TOTAL_BUDGET);

    @BeforeEach
    void needsPgStatStatements() {
        assumeTrue(pg.pgStatStatementsAvailable(), "pg_stat_statements is not preloaded on this server");
    }

    /** Runs the registered statements the way a service does: through Jdbi, with named parameters. */
    private static void run(int byOwnerTimes, int budgetTimes) {
        Jdbi jdbi = Jdbi.create(pg.dataSource());
        jdbi.useHandle(h -> {
            for (int i = 0; i < byOwnerTimes; i++) {
                h.createQuery(BY_OWNER.statement().orElseThrow()).bind("owner", "owner" + i).bind("after", (long) i)
                        .mapTo(Long.class).list();
            }
            for (int i = 0; i < budgetTimes; i++) {
                h.createQuery(TOTAL_BUDGET.statement().orElseThrow()).bind("low", i).bind("high", 500 + i)
                        .mapTo(Long.class).one();
            }
        });
    }

    private static Optional<RankedStatement> find(List<RankedStatement> ranked, String name) {
        return ranked.stream().filter(r -> name.equals(r.queryName())).findFirst();
    }

    @Test
    void entriesAreReadAndMappedToRegisteredNamesByQueryId() {
        PgStatStatements stats = PgStatStatements.create(pg.dataSource());
        // the other test runs the same statements in this database first or not: count from a reading before
        StatementStatsSnapshot before = stats.read();
        run(5, 3);
        StatementNames names = StatementNames.forCatalog(pg.dataSource(), CATALOG);
        StatementStatsSnapshot snapshot = stats.read();

        List<RankedStatement> ranked = snapshot.top(StatRanking.CALLS, 1000, names);
        RankedStatement byOwner = find(ranked, "projects.by_owner").orElseThrow(() -> new AssertionError(ranked));
        RankedStatement budget = find(ranked, "projects.total_budget").orElseThrow(() -> new AssertionError(ranked));
        List<RankedStatement> window = snapshot.since(before).top(StatRanking.CALLS, 1000, names);

        assertEquals(5, find(window, "projects.by_owner").orElseThrow().stats().calls());
        assertEquals(3, find(window, "projects.total_budget").orElseThrow().stats().calls());
        assertEquals(3, find(window, "projects.total_budget").orElseThrow().stats().rows());
        assertTrue(byOwner.stats().calls() >= 5, byOwner.toString());
        assertTrue(byOwner.stats().maxExecTimeMillis() >= byOwner.stats().minExecTimeMillis(), byOwner.toString());
        assertEquals(pg.databaseName(), byOwner.stats().database());
        assertTrue(byOwner.stats().query().contains("owner = $1 AND id > $2"), byOwner.stats().query());
        assertTrue(byOwner.stats().totalExecTimeMillis() > 0);
        assertTrue(byOwner.stats().sharedBlocksHit() + byOwner.stats().sharedBlocksRead() > 0);
        assertTrue(byOwner.shareOfTotalTime() > 0 && byOwner.shareOfTotalTime() <= 1);
        if (pg.serverVersionNum() >= 140000) {
            assertEquals(NameMatch.Via.QUERY_ID, byOwner.matchedBy());
            assertEquals(NameMatch.Via.QUERY_ID, budget.matchedBy());
            assertEquals(Map.of("projects.by_owner", byOwner.stats().queryId(),
                    "projects.total_budget", budget.stats().queryId()), names.queryIds());
        }
        // only this database's entries
        assertEquals(List.of(pg.databaseName()), snapshot.entries().stream().map(StatementStats::database).distinct()
                .collect(Collectors.toList()));
    }

    @Test
    void differenceBetweenTwoReadingsCountsWhatRanInBetween() {
        PgStatStatements stats = PgStatStatements.create(pg.dataSource());
        run(1, 1);
        StatementStatsSnapshot before = stats.read();
        run(4, 0);
        StatementStatsSnapshot window = stats.read().since(before);

        List<RankedStatement> ranked = window.top(StatRanking.TOTAL_TIME, 1000, StatementNames.byText(CATALOG));
        RankedStatement byOwner = find(ranked, "projects.by_owner").orElseThrow(() -> new AssertionError(ranked));
        assertEquals(4, byOwner.stats().calls());
        assertEquals(NameMatch.Via.TEXT, byOwner.matchedBy());
        assertEquals(Optional.empty(), find(ranked, "projects.total_budget"));
    }
}
