package io.querygov.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.metrics.QueryMetrics;
import io.querygov.micrometer.QueryMeters;
import io.querygov.orm.HibernateTracking;
import io.querygov.raw.SqlFileException;
import io.querygov.spring.internal.TrackingDataSource;
import io.querygov.testing.PostgresExtension;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.validation.FieldError;

/**
 * Every condition of the auto-configurations, each on a real PostgreSQL: what is configured, what backs off to the
 * application's beans, what a missing library or {@code querygov.enabled=false} turns off, and that a statement is
 * recorded once whichever path ran it.
 */
class QuerygovAutoConfigurationTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(
            "CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL)",
            "INSERT INTO item SELECT g, 'item ' || g FROM generate_series(1, 10) g");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QuerygovAutoConfiguration.class,
                    QuerygovDataSourceAutoConfiguration.class, QuerygovHibernateAutoConfiguration.class,
                    QuerygovJdbiAutoConfiguration.class, QuerygovMicrometerAutoConfiguration.class,
                    QuerygovEndpointAutoConfiguration.class))
            .withBean("recording", RecordingListener.class, RecordingListener::new);

    private ApplicationContextRunner withDataSource() {
        return runner.withBean("dataSource", DataSource.class, () -> pg.dataSource());
    }

    @Test
    void buildsTheTrackerFedByTheMetricsAndTheApplicationsListeners() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(QueryTracker.class).hasSingleBean(QueryMetrics.class)
                    .hasSingleBean(QueryCatalog.class).doesNotHaveBean(QueryMeters.class);
            QueryTracker tracker = context.getBean(QueryTracker.class);
            tracker.track(QueryCatalogFixtures.PING, () -> 1);
            assertThat(context.getBean(QueryMetrics.class).cumulativeSnapshot().query("ping")).isPresent();
            assertThat(context.getBean(RecordingListener.class).named("ping")).hasSize(1);
        });
    }

    @Test
    void slowThresholdsComeFromTheProperties() {
        runner.withPropertyValues("querygov.slow.orm-simple=25ms", "querygov.slow.queries.ping=3s")
                .run(context -> {
                    QueryTracker tracker = context.getBean(QueryTracker.class);
                    assertThat(tracker.slowQueryPolicy().threshold(QueryType.ORM_SIMPLE)).hasMillis(25);
                    assertThat(tracker.slowQueryPolicy().threshold(QueryCatalogFixtures.PING)).hasMillis(3000);
                    assertThat(tracker.slowQueryPolicy().threshold(QueryType.RAW_SQL_BULK)).hasMillis(30_000);
                });
    }

    @Test
    void anInvalidValueFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("querygov.n-plus-one.limit=0").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            BindValidationException invalid = findCause(failure, BindValidationException.class);
            assertThat(invalid).as("a BindValidationException in %s", failure).isNotNull();
            assertThat(invalid.getValidationErrors()).singleElement().satisfies(error -> {
                assertThat(((FieldError) error).getField()).isEqualTo("limit");
                assertThat(error.getDefaultMessage()).isEqualTo("must be at least 1, was 0");
            });
            // what a person reads: Boot's failure analysis names the property as it was written
            String analysis = new BindValidationFailureAnalyzerProbe().describe(failure);
            assertThat(analysis).contains("Property: querygov.n-plus-one.limit").contains("Value: \"0\"")
                    .contains("must be at least 1, was 0");
        });
        runner.withPropertyValues("querygov.slow.queries.ping=-1s").run(context -> {
            String analysis = new BindValidationFailureAnalyzerProbe().describe(context.getStartupFailure());
            assertThat(analysis).contains("Property: querygov.slow.queries[ping]").contains("must be positive, was PT-1S");
        });
    }

    @Test
    void theApplicationsTrackerIsUsedAndTheStartersBacksOff() {
        RecordingListener own = new RecordingListener();
        withDataSource().withBean("myTracker", QueryTracker.class, () -> QueryTracker.create(own)).run(context -> {
            assertThat(context).hasSingleBean(QueryTracker.class).hasBean("myTracker");
            new JdbcTemplate(context.getBean(DataSource.class)).queryForObject("SELECT count(*) FROM item", Long.class);
            assertThat(own.withStatement("SELECT count(*) FROM item")).hasSize(1);
            assertThat(context.getBean(RecordingListener.class).executions).isEmpty();
        });
    }

    @Test
    void turnedOffWithQuerygovEnabledFalse() {
        withDataSource().withBean(Jdbi.class, () -> Jdbi.create(pg.dataSource()))
                .withPropertyValues("querygov.enabled=false").run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(QueryTracker.class)
                            .doesNotHaveBean(QueryMetrics.class).doesNotHaveBean(HibernateTracking.class)
                            .doesNotHaveBean(HibernatePropertiesCustomizer.class).doesNotHaveBean(QuerygovEndpoint.class);
                    assertThat(context.getBean(DataSource.class)).isNotInstanceOf(TrackingDataSource.class);
                });
    }

    @Test
    void theDataSourceIsDecoratedAndEachStatementRecordedOnceUnderItsCatalogNameOrFingerprint() {
        withDataSource().run(context -> {
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(dataSource).isInstanceOf(TrackingDataSource.class);
            assertThat(dataSource.unwrap(org.postgresql.ds.common.BaseDataSource.class)).isNotNull();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.queryForObject("SELECT count(*) FROM item WHERE name LIKE ?", Long.class, "item 1%");
            jdbc.update("UPDATE item SET name = name WHERE id = ?", 3);
            RecordingListener recorded = context.getBean(RecordingListener.class);
            // the .sql entry's :pattern and JdbcTemplate's ? have one fingerprint
            assertThat(recorded.named("item_count_by_name")).singleElement()
                    .satisfies(e -> assertThat(e.type()).isEqualTo(QueryType.RAW_SQL_ANALYTICS));
            assertThat(recorded.withStatement("UPDATE item")).singleElement().satisfies(e -> {
                assertThat(e.name()).startsWith("adhoc:");
                assertThat(e.type()).isEqualTo(QueryType.RAW_SQL_BULK);
                assertThat(e.rows()).isEqualTo(1);
            });
            assertThat(recorded.executions).hasSize(2);
        });
    }

    @Test
    void turnedOffForTheDataSourceAlone() {
        withDataSource().withPropertyValues("querygov.datasource.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(QueryTracker.class);
            assertThat(context.getBean(DataSource.class)).isNotInstanceOf(TrackingDataSource.class);
        });
    }

    @Test
    void aJdbiStatementIsRecordedOnceByTheJdbiPluginThoughItsDataSourceIsTracked() {
        withDataSource().withBean(Jdbi.class, () -> Jdbi.create(pg.dataSource())).run(context -> {
            // the application built its Jdbi on the DataSource bean, as a Boot service would
            Jdbi jdbi = Jdbi.create(context.getBean(DataSource.class));
            context.getBean(io.querygov.spring.internal.JdbiTrackingPostProcessor.class)
                    .postProcessAfterInitialization(jdbi, "jdbi");
            long count = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM item WHERE id < :id")
                    .bind("id", 5).mapTo(Long.class).one());
            jdbi.useHandle(h -> h.createUpdate("UPDATE item SET name = name WHERE id = :id").bind("id", 2).execute());
            assertThat(count).isEqualTo(4);
            RecordingListener recorded = context.getBean(RecordingListener.class);
            assertThat(recorded.withStatement("FROM item WHERE id <")).singleElement()
                    .satisfies(e -> assertThat(e.rows()).isEqualTo(1));
            assertThat(recorded.withStatement("UPDATE item")).singleElement()
                    .satisfies(e -> assertThat(e.rows()).isEqualTo(1));
            assertThat(recorded.executions).hasSize(2);
        });
    }

    @Test
    void theJdbiBeanGetsThePlugin() {
        runner.withBean(Jdbi.class, () -> Jdbi.create(pg.dataSource())).run(context -> {
            context.getBean(Jdbi.class).withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            assertThat(context.getBean(RecordingListener.class).withStatement("SELECT 1")).hasSize(1);
        });
    }

    @Test
    void withoutJdbiNoJdbiPostProcessor() {
        runner.withClassLoader(new FilteredClassLoader(Jdbi.class)).run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(io.querygov.spring.internal.JdbiTrackingPostProcessor.class));
        runner.withPropertyValues("querygov.jdbi.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(io.querygov.spring.internal.JdbiTrackingPostProcessor.class));
    }

    @Test
    void hibernateTrackingIsAppliedThroughAPropertiesCustomizerAndBacksOff() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(HibernateTracking.class).hasSingleBean(HibernatePropertiesCustomizer.class);
            Map<String, Object> settings = new java.util.HashMap<>();
            context.getBean(HibernatePropertiesCustomizer.class).customize(settings);
            assertThat(settings).containsKey(HibernateTracking.SETTING);
        });
        runner.withPropertyValues("querygov.n-plus-one.limit=3", "querygov.hibernate.complex-joins=2").run(context -> {
            HibernateTracking tracking = context.getBean(HibernateTracking.class);
            assertThat(tracking.nPlusOneThreshold()).isEqualTo(3);
            assertThat(tracking.complexJoinThreshold()).isEqualTo(2);
        });
        HibernateTracking own = HibernateTracking.builder(QueryTracker.create()).nPlusOneThreshold(7).build();
        runner.withBean(HibernateTracking.class, () -> own).run(context ->
                assertThat(context.getBean(HibernateTracking.class)).isSameAs(own));
        runner.withClassLoader(new FilteredClassLoader(SessionFactory.class)).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(HibernateTracking.class)
                        .doesNotHaveBean(HibernatePropertiesCustomizer.class));
        runner.withPropertyValues("querygov.hibernate.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(HibernateTracking.class));
    }

    @Test
    void theMetersAreBoundWhenThereIsAMeterRegistry() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(QueryMeters.class);
            QueryMeters meters = context.getBean(QueryMeters.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(QueryTracker.class).track(QueryCatalogFixtures.PING, () -> 1);
            meters.bindTo(registry);   // Boot's MetricsAutoConfiguration does this; it is not part of this runner
            assertThat(registry.get("querygov.query.calls").tags("query", "ping", "outcome", "SUCCESS")
                    .functionCounter().count()).isEqualTo(1);
        });
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context ->
                        assertThat(context).hasNotFailed().doesNotHaveBean(QueryMeters.class));
    }

    @Test
    void theEndpointExistsOnlyWhereItIsExposed() {
        runner.run(context -> assertThat(context).doesNotHaveBean(QuerygovEndpoint.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=querygov").run(context -> {
            assertThat(context).hasSingleBean(QuerygovEndpoint.class);
            context.getBean(QueryTracker.class).track(QueryCatalogFixtures.PING, () -> 1);
            QuerygovEndpoint.Report report = context.getBean(QuerygovEndpoint.class).report();
            assertThat(report.queries()).extracting(QuerygovEndpoint.Query::name).containsExactly("ping");
            assertThat(report.catalog()).extracting(QuerygovEndpoint.CatalogEntry::name).contains("item_count_by_name");
        });
    }

    @Test
    void theCatalogComesFromTheConfiguredLocationsAndABrokenFileFailsTheStart() {
        runner.withPropertyValues("querygov.catalog.locations=classpath:sql-broken").run(context -> {
            assertThat(context).hasFailed();
            SqlFileException problem = findCause(context.getStartupFailure(), SqlFileException.class);
            assertThat(problem).isNotNull();
            assertThat(problem.getMessage()).contains("broken.sql");
        });
        runner.withPropertyValues("querygov.catalog.locations=").run(context ->
                assertThat(context.getBean(QueryCatalog.class).isEmpty()).isTrue());
    }

    private static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** A descriptor for tests that need a tracked call without a database. */
    static final class QueryCatalogFixtures {
        static final io.querygov.core.QueryDescriptor PING =
                io.querygov.core.QueryDescriptor.builder("ping", QueryType.RAW_SQL_ANALYTICS).build();

        private QueryCatalogFixtures() {
        }
    }
}
