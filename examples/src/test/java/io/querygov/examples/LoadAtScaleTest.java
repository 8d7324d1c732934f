package io.querygov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.querygov.testing.PostgresExtension;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the example data at a scale given on the command line, checks every row count and logs how long loading took
 * and what the data looks like, e.g. {@code mvn -pl examples -am test -Dtest=LoadAtScaleTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dquerygov.examples.scale=1}. Skipped otherwise: the normal build stays at
 * scale 0.01. Times are reported, never asserted; how long the reports take at a scale is measured by the benchmarks
 * module's ReportVariantsBenchmark.
 */
@EnabledIfSystemProperty(named = LoadAtScaleTest.SCALE_PROPERTY, matches = ".+")
class LoadAtScaleTest {

    static final String SCALE_PROPERTY = "querygov.examples.scale";

    private static final Logger LOG = LoggerFactory.getLogger(LoadAtScaleTest.class);

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withInitializer(Schema::apply);

    private static ExampleData data;

    @BeforeAll
    static void load() throws SQLException {
        data = ExampleData.ofScale(Double.parseDouble(System.getProperty(SCALE_PROPERTY)));
        LoadResult result = data.load(pg.dataSource());
        LOG.info("{}: load {} ms, analyze {} ms", data, result.loadTime().toMillis(),
                result.analyzeTime().toMillis());
    }

    @Test
    void loadsEveryRow() throws SQLException {
        try (Connection connection = pg.openConnection()) {
            assertEquals(data.rowCounts().byTable(), Db.rowCounts(connection));
            LOG.info("jobs of the busiest project: {}, of the busiest 1% of projects: {}",
                    Db.number(connection, "SELECT max(n) FROM (SELECT count(*) n FROM reconciliation_jobs "
                            + "GROUP BY project_id) c"),
                    Db.number(connection, "SELECT sum(n) FROM (SELECT count(*) n FROM reconciliation_jobs "
                            + "GROUP BY project_id ORDER BY n DESC LIMIT (SELECT count(*) / 100 FROM projects)) c"));
            LOG.info("status counts: {}", Db.strings(connection,
                    "SELECT status || '=' || count(*) FROM reconciliation_jobs GROUP BY status ORDER BY status"));
            LOG.info("completed duration ms p50/p95/max: {}", Db.strings(connection,
                    "SELECT concat_ws('/', percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms), "
                            + "percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms), max(duration_ms)) "
                            + "FROM reconciliation_jobs WHERE status = 'completed'"));
            LOG.info("table sizes: {}", Db.strings(connection,
                    "SELECT string_agg(relname || '=' || pg_size_pretty(pg_total_relation_size(oid)), ', ') "
                            + "FROM pg_class WHERE relname IN ('users','projects','workflows','visualizations',"
                            + "'reconciliation_jobs')"));
        }
    }
}
