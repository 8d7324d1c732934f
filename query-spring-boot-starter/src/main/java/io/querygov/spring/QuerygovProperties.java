package io.querygov.spring;

import io.querygov.core.QueryType;
import io.querygov.core.SlowQueryPolicy;
import io.querygov.metrics.QueryMetrics;
import io.querygov.orm.HibernateTracking;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code querygov.*} properties. Bound values are checked by {@link #validate}, so a wrong value fails the
 * start with Boot's binding message, which names the property, its value and where it was set.
 */
@ConfigurationProperties(prefix = QuerygovProperties.PREFIX)
public class QuerygovProperties implements Validator {
    public static final String PREFIX = "querygov";

    /** Whether querygov tracks anything: false turns every part of the starter off. */
    private boolean enabled = true;
    private final Slow slow = new Slow();
    private final Metrics metrics = new Metrics();
    private final NPlusOne nPlusOne = new NPlusOne();
    private final Catalog catalog = new Catalog();
    private final Datasource datasource = new Datasource();
    private final Hibernate hibernate = new Hibernate();
    private final Jdbi jdbi = new Jdbi();
    private final Endpoint endpoint = new Endpoint();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Slow getSlow() {
        return slow;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public NPlusOne getNPlusOne() {
        return nPlusOne;
    }

    public Catalog getCatalog() {
        return catalog;
    }

    public Datasource getDatasource() {
        return datasource;
    }

    public Hibernate getHibernate() {
        return hibernate;
    }

    public Jdbi getJdbi() {
        return jdbi;
    }

    public Endpoint getEndpoint() {
        return endpoint;
    }

    /** The slow-query policy these properties describe. */
    public SlowQueryPolicy slowQueryPolicy() {
        SlowQueryPolicy policy = SlowQueryPolicy.defaults()
                .withThreshold(QueryType.ORM_SIMPLE, slow.ormSimple)
                .withThreshold(QueryType.ORM_COMPLEX, slow.ormComplex)
                .withThreshold(QueryType.RAW_SQL_ANALYTICS, slow.rawSqlAnalytics)
                .withThreshold(QueryType.RAW_SQL_BULK, slow.rawSqlBulk);
        for (Map.Entry<String, Duration> e : slow.queries.entrySet()) {
            policy = policy.withQueryThreshold(e.getKey(), e.getValue());
        }
        return policy;
    }

    /** When an execution is slow: per query type, and per query name, which wins over its type and its descriptor. */
    public static class Slow {
        /** Slow threshold of ORM queries with fewer than 3 joins. */
        private Duration ormSimple = SlowQueryPolicy.defaults().threshold(QueryType.ORM_SIMPLE);
        /** Slow threshold of ORM queries with 3 or more joins. */
        private Duration ormComplex = SlowQueryPolicy.defaults().threshold(QueryType.ORM_COMPLEX);
        /** Slow threshold of hand-written SQL that reads. */
        private Duration rawSqlAnalytics = SlowQueryPolicy.defaults().threshold(QueryType.RAW_SQL_ANALYTICS);
        /** Slow threshold of hand-written SQL that writes. */
        private Duration rawSqlBulk = SlowQueryPolicy.defaults().threshold(QueryType.RAW_SQL_BULK);
        /** Slow thresholds by query name, e.g. querygov.slow.queries.project_stats=5s; they win over the type's. */
        private Map<String, Duration> queries = new LinkedHashMap<>();
        /** Whether slow executions are logged at WARN on the logger io.querygov.slow (never with parameter values). */
        private boolean log = true;

        // JavaBean accessors here and in every class of this file, on purpose: Boot binds querygov.* through them
        public Duration getOrmSimple() {
            return ormSimple;
        }

        public void setOrmSimple(Duration ormSimple) {
            this.ormSimple = ormSimple;
        }

        public Duration getOrmComplex() {
            return ormComplex;
        }

        public void setOrmComplex(Duration ormComplex) {
            this.ormComplex = ormComplex;
        }

        public Duration getRawSqlAnalytics() {
            return rawSqlAnalytics;
        }

        public void setRawSqlAnalytics(Duration rawSqlAnalytics) {
            this.rawSqlAnalytics = rawSqlAnalytics;
        }

        public Duration getRawSqlBulk() {
            return rawSqlBulk;
        }

        public void setRawSqlBulk(Duration rawSqlBulk) {
            this.rawSqlBulk = rawSqlBulk;
        }

        public Map<String, Duration> getQueries() {
            return queries;
        }

        public void setQueries(Map<String, Duration> queries) {
            this.queries = new LinkedHashMap<>(queries);
        }

        public boolean isLog() {
            return log;
        }

        public void setLog(boolean log) {
            this.log = log;
        }
    }

    /** How executions are recorded (query-metrics' QueryMetrics). */
    public static class Metrics {
        /** Distinct query names recorded on their own; executions of further names share one overflow entry. */
        private int maxQueries = QueryMetrics.DEFAULT_MAX_QUERIES;
        /** The longest duration the histograms tell apart, between 1ms and 7d; longer executions count as this. */
        private Duration highestTrackableValue = QueryMetrics.DEFAULT_HIGHEST_TRACKABLE_VALUE;

        public int getMaxQueries() {
            return maxQueries;
        }

        public void setMaxQueries(int maxQueries) {
            this.maxQueries = maxQueries;
        }

        public Duration getHighestTrackableValue() {
            return highestTrackableValue;
        }

        public void setHighestTrackableValue(Duration highestTrackableValue) {
            this.highestTrackableValue = highestTrackableValue;
        }
    }

    /** What a Hibernate N+1 does. */
    public static class NPlusOne {
        /** LOG warns on io.querygov.orm, THROW fails the call that caused it (for tests), COUNT only counts it. */
        private NPlusOneMode mode = NPlusOneMode.LOG;
        /** Executions of one read within one unit of work that are still fine; one more is an N+1. */
        private int limit = HibernateTracking.DEFAULT_N_PLUS_ONE_THRESHOLD;

        public NPlusOneMode getMode() {
            return mode;
        }

        public void setMode(NPlusOneMode mode) {
            this.mode = mode;
        }

        public int getLimit() {
            return limit;
        }

        public void setLimit(int limit) {
            this.limit = limit;
        }
    }

    /** What an N+1 does besides being counted. */
    public enum NPlusOneMode {
        /** Logged at WARN, at most once per shape and unit of work. */
        LOG,
        /** Thrown as an NPlusOneException from the call that caused it: for tests. */
        THROW,
        /** Only counted (the endpoint and the meters). */
        COUNT
    }

    /** Where named SQL statements are read from. */
    public static class Catalog {
        /**
         * Folders of .sql files: classpath:<folder> (in every jar that has it) or file:<path>. Absent folders are
         * skipped; a file with a problem fails the start with its file and line.
         */
        private List<String> locations = List.of("classpath:sql");

        public List<String> getLocations() {
            return locations;
        }

        public void setLocations(List<String> locations) {
            this.locations = List.copyOf(locations);
        }
    }

    /** The tracked DataSource: every DataSource bean decorated, for JdbcTemplate, JdbcClient and plain JDBC. */
    public static class Datasource {
        /** Whether DataSource beans are decorated so that their statements are tracked. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** Hibernate's tracking (query-orm), applied to Boot's EntityManagerFactory. */
    public static class Hibernate {
        /** Whether Hibernate's statements are tracked by the session call that ran them. */
        private boolean enabled = true;
        /** Joins at which an ORM statement counts as ORM_COMPLEX. */
        private int complexJoins = QueryType.COMPLEX_JOIN_THRESHOLD;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getComplexJoins() {
            return complexJoins;
        }

        public void setComplexJoins(int complexJoins) {
            this.complexJoins = complexJoins;
        }
    }

    /** The Jdbi plugin (query-raw), installed on every Jdbi bean. */
    public static class Jdbi {
        /** Whether the tracking plugin is installed on Jdbi beans. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** The Actuator endpoint querygov. */
    public static class Endpoint {
        /** Queries listed, by total time. */
        private int top = 20;

        public int getTop() {
            return top;
        }

        public void setTop(int top) {
            this.top = top;
        }
    }

    /** This and each nested group: Boot validates each as it is bound, under its own prefix. */
    @Override
    public boolean supports(Class<?> type) {
        return type == QuerygovProperties.class || type.getEnclosingClass() == QuerygovProperties.class;
    }

    /**
     * Checks every value once bound; Boot fails the start with each rejected property, its value, where it was set
     * and the reason, as it does for its own properties.
     */
    @Override
    public void validate(Object target, Errors errors) {
        if (target instanceof Slow slow) {
            positive(errors, "ormSimple", slow.ormSimple);
            positive(errors, "ormComplex", slow.ormComplex);
            positive(errors, "rawSqlAnalytics", slow.rawSqlAnalytics);
            positive(errors, "rawSqlBulk", slow.rawSqlBulk);
            slow.queries.forEach((name, threshold) -> positive(errors, "queries[" + name + "]", threshold));
        } else if (target instanceof Metrics metrics) {
            atLeastOne(errors, "maxQueries", metrics.maxQueries);
            Duration highest = metrics.highestTrackableValue;
            if (highest == null || highest.compareTo(Duration.ofMillis(1)) < 0
                    || highest.compareTo(Duration.ofDays(7)) > 0) {
                errors.rejectValue("highestTrackableValue", "range", "must be between 1ms and 7d, was " + highest);
            }
        } else if (target instanceof NPlusOne nPlusOne) {
            atLeastOne(errors, "limit", nPlusOne.limit);
        } else if (target instanceof Hibernate hibernate) {
            atLeastOne(errors, "complexJoins", hibernate.complexJoins);
        } else if (target instanceof Endpoint endpoint) {
            atLeastOne(errors, "top", endpoint.top);
        } else if (target instanceof Catalog catalog) {
            for (int i = 0; i < catalog.locations.size(); i++) {
                String location = catalog.locations.get(i);
                if (!location.startsWith("classpath:") && !location.startsWith("file:")
                        || location.substring(location.indexOf(':') + 1).isBlank()) {
                    errors.rejectValue("locations[" + i + "]", "folder",
                            "'" + location + "' is not a folder: write classpath:sql or file:/path/to/sql");
                }
            }
        }
    }

    private static void positive(Errors errors, String field, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            errors.rejectValue(field, "positive", "must be positive, was " + d);
        }
    }

    private static void atLeastOne(Errors errors, String field, int value) {
        if (value < 1) {
            errors.rejectValue(field, "min", "must be at least 1, was " + value);
        }
    }
}
