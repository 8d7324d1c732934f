package io.querygov.examples;

import com.zaxxer.hikari.HikariDataSource;

import io.querygov.cache.QueryCache;
import io.querygov.cache.jdbi.CachedNamedQueries;
import io.querygov.cache.jdbi.QueryCachePlugin;
import io.querygov.core.QueryTracker;
import io.querygov.core.SlowQueryLogListener;
import io.querygov.examples.model.Project;
import io.querygov.examples.model.ReconciliationJob;
import io.querygov.examples.model.User;
import io.querygov.examples.reports.MonthlyJobs;
import io.querygov.examples.reports.ProjectAnalytics;
import io.querygov.examples.reports.ReportQueries;
import io.querygov.metrics.QueryMetrics;
import io.querygov.orm.HibernateTracking;
import io.querygov.raw.jdbi.NamedQueries;
import io.querygov.raw.jdbi.QueryTrackingPlugin;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.hibernate.SessionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The example service: Hibernate for CRUD, SQL files through Jdbi for reports and bulk work, every query tracked by one
 * {@link QueryTracker}. Run it to see what querygov records:
 *
 * <pre>
 * mvn -q -pl examples -am test-compile exec:java            # embedded PostgreSQL, scale 0.1, 5 seconds
 * mvn -q -pl examples -am test-compile exec:java -Dexec.args="jdbc:postgresql://localhost/demo?user=me --seconds 10"
 * </pre>
 *
 * <p>What to copy into a service is {@link #create}: one tracker, given to Hibernate through {@link HibernateTracking}
 * and to Jdbi through {@link QueryTrackingPlugin}. {@link #serve} is the service's code, and {@link #runWorkload} its
 * traffic. It writes: it renames projects and archives old jobs.
 */
public final class ExampleService implements AutoCloseable {

    /** How often each thread runs the maintenance job: once every this many requests. */
    public static final int MAINTENANCE_EVERY = 100;

    /** The requests each thread deals in turn: every kind once, then the common ones again. */
    static final List<Request> DECK = List.of(
            Request.FIND_PROJECT, Request.PROJECT_DETAILS, Request.PROJECT_ANALYTICS, Request.PROJECTS_OF_USER,
            Request.RECENT_JOBS, Request.MONTHLY_REPORT, Request.RENAME_PROJECT, Request.PROJECT_WITH_STATS,
            Request.USER_BY_EMAIL, Request.USER_ACTIVITY,
            Request.FIND_PROJECT, Request.PROJECTS_OF_USER, Request.FIND_PROJECT, Request.PROJECT_ANALYTICS,
            Request.FIND_PROJECT, Request.PROJECT_DETAILS, Request.RENAME_PROJECT, Request.FIND_PROJECT,
            Request.PROJECTS_OF_USER, Request.FIND_PROJECT);

    private static final String RENAMED = " (renamed)";
    private static final OffsetDateTime[] SINCE = {at("2024-01-01"), at("2024-06-01"), at("2024-10-01")};

    private final SessionFactory sessions;
    private final NamedQueries sqlFiles;
    /** The reports through the result cache, or null for a service without one. */
    private final CachedNamedQueries cachedSqlFiles;
    private final ReportQueries reports;
    private final RequestIds ids;
    /** Per kind of request, how long the client waited: with a cache, what hits save shows here and not per query. */
    private final Map<Request, Histogram> latencies = new EnumMap<>(Request.class);

    /** Whether renames and the archiving job are served as finds instead: a service that only reads. */
    private final boolean readOnly;

    private ExampleService(SessionFactory sessions, Jdbi jdbi, DataSource pool, QueryCache cache, double zipfExponent,
                           boolean readOnly) {
        this.sessions = sessions;
        this.readOnly = readOnly;
        this.sqlFiles = NamedQueries.create(jdbi, Examples.sqlCatalog());
        this.cachedSqlFiles = cache == null ? null : CachedNamedQueries.create(sqlFiles, cache);
        this.reports = jdbi.onDemand(ReportQueries.class);
        // the ids the requests ask for, read without tracking: not part of the service's traffic
        this.ids = RequestIds.read(Jdbi.create(pool), zipfExponent);
        for (Request r : Request.values()) {
            latencies.put(r, new ConcurrentHistogram(3));
        }
    }

    /**
     * The service over a database that has the {@link Schema} and {@link ExampleData}, every query tracked by
     * {@code tracker}. Close it to close its session factory; the pool stays the caller's.
     */
    public static ExampleService create(DataSource pool, QueryTracker tracker) {
        return builder(pool, tracker).build();
    }

    /** A service to configure further: a result cache, skewed ids. */
    public static Builder builder(DataSource pool, QueryTracker tracker) {
        return new Builder(pool, tracker);
    }

    private static ExampleService create(DataSource pool, QueryTracker tracker, QueryCache cache, double zipfExponent,
                                         boolean readOnly) {
        // with a cache, everything that writes goes through a DataSource that tells the cache what it wrote
        DataSource dataSource = cache == null ? pool : cache.invalidatingDataSource(pool);
        // Hibernate: one setting in the factory's settings, and every statement it runs is tracked
        Map<String, Object> settings = HibernateTracking.create(tracker).applyTo(new HashMap<>());
        SessionFactory sessions = ExampleDatabase.sessionFactory(dataSource, settings);
        // Jdbi: one plugin; statements of the SQL files are tracked under their names
        Jdbi jdbi = Jdbi.create(dataSource)
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(QueryTrackingPlugin.create(tracker, Examples.sqlCatalog()));
        if (cache != null) {
            // the SQL object's methods run the files' SQL, so their '-- cache:' headers apply to them too
            jdbi.installPlugin(QueryCachePlugin.create(cache, Examples.sqlCatalog()));
        }
        try {
            return new ExampleService(sessions, jdbi, pool, cache, zipfExponent, readOnly);
        } catch (RuntimeException e) {
            sessions.close();
            throw e;
        }
    }

    // Shaped like QueryDescriptor.Builder on purpose: what is required in the constructor, the options by method.
    /** Configures an {@link ExampleService}. */
    public static final class Builder {
        private final DataSource pool;
        private final QueryTracker tracker;
        private QueryCache cache;
        private double zipfExponent;
        private boolean readOnly;

        private Builder(DataSource pool, QueryTracker tracker) {
            this.pool = pool;
            this.tracker = tracker;
        }

        /**
         * Runs the reports whose SQL files say {@code -- cache:} through {@code cache}, and gives Hibernate and Jdbi
         * its {@linkplain QueryCache#invalidatingDataSource invalidating DataSource}, so the service's writes evict.
         */
        public Builder cache(QueryCache cache) {
            this.cache = cache;
            return this;
        }

        /**
         * Requests pick projects and users by a Zipf law with this exponent (1.0: the k-th most asked for, in id order,
         * is asked for 1/k as often as the first) instead of uniformly; 0, the default, for uniformly.
         */
        public Builder zipf(double exponent) {
            if (!(exponent >= 0 && exponent <= 5)) {
                throw new IllegalArgumentException("the Zipf exponent must be between 0 and 5, was " + exponent);
            }
            this.zipfExponent = exponent;
            return this;
        }

        /** Serves renames and the archiving job as finds of the project instead: the same deck, reads only. */
        public Builder readOnly() {
            this.readOnly = true;
            return this;
        }

        public ExampleService build() {
            return create(pool, tracker, cache, zipfExponent, readOnly);
        }
    }

    /**
     * How long each kind of request took, as its client saw it, since the service was made: copies of the
     * histograms, in nanoseconds, by request name ({@code PROJECT_ANALYTICS}, ...), for kinds that were served.
     */
    public Map<String, Histogram> requestLatencies() {
        Map<String, Histogram> copies = new java.util.LinkedHashMap<>();
        latencies.forEach((request, histogram) -> {
            if (histogram.getTotalCount() > 0) {
                copies.put(request.name(), histogram.copy());
            }
        });
        return copies;
    }

    /**
     * Runs the service's traffic from {@code threads} threads until {@code duration} has passed.
     *
     * @return the requests served
     * @see #runRequests
     */
    public long runWorkload(Duration duration, int threads) throws Exception {
        return runWorkload(duration, threads, System::nanoTime);
    }

    /** As {@link #runWorkload(Duration, int)}, with the clock that says when the duration has passed. */
    long runWorkload(Duration duration, int threads, LongSupplier nanoClock) throws Exception {
        long deadline = nanoClock.getAsLong() + duration.toNanos();
        return run(threads, served -> nanoClock.getAsLong() - deadline < 0);
    }

    /**
     * Runs {@code requestsPerThread} requests from each of {@code threads} threads, one after another per thread:
     * each thread deals the requests of {@link #DECK} in turn (half CRUD through Hibernate, a third reports, in an
     * order that has every kind within the first ten), with parameters drawn from its own seeded random numbers.
     * Its first request, and every {@value #MAINTENANCE_EVERY}th after it, is the maintenance job instead, as a
     * scheduled job would run it.
     *
     * @return the requests served
     */
    public long runRequests(int requestsPerThread, int threads) throws Exception {
        return run(threads, served -> served < requestsPerThread);
    }

    private long run(int threads, LongPredicate goOn) throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SplittableRandom random = new SplittableRandom(t);
                workers.add(pool.submit(() -> {
                    long served = 0;
                    while (goOn.test(served)) {
                        Request request = served % MAINTENANCE_EVERY == 0 ? Request.ARCHIVE_OLD_JOBS
                                : DECK.get((int) (served % DECK.size()));
                        if (readOnly && (request == Request.RENAME_PROJECT || request == Request.ARCHIVE_OLD_JOBS)) {
                            request = Request.FIND_PROJECT;
                        }
                        long start = System.nanoTime();
                        serve(request, random);
                        latencies.get(request).recordValue(System.nanoTime() - start);
                        served++;
                    }
                    return served;
                }));
            }
            long served = 0;
            for (Future<Long> worker : workers) {
                served += worker.get();
            }
            return served;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What the service's clients ask for. */
    enum Request {
        FIND_PROJECT, PROJECTS_OF_USER, USER_BY_EMAIL, RENAME_PROJECT, PROJECT_DETAILS, RECENT_JOBS,
        PROJECT_ANALYTICS, MONTHLY_REPORT, PROJECT_WITH_STATS, USER_ACTIVITY, ARCHIVE_OLD_JOBS
    }

    /** One request. */
    void serve(Request request, SplittableRandom random) {
        UUID project = ids.project(random);
        UUID user = ids.user(random);
        OffsetDateTime since = SINCE[random.nextInt(SINCE.length)];
        switch (request) {
            // CRUD through Hibernate: ORM_SIMPLE
            case FIND_PROJECT -> sessions.inTransaction(s -> s.find(Project.class, project));
            case PROJECTS_OF_USER -> sessions.inTransaction(s -> s.createNamedQuery(Project.BY_OWNER, Project.class)
                    .setParameter("ownerId", user).getResultList());
            case USER_BY_EMAIL -> sessions.inTransaction(s -> s.createNamedQuery(User.BY_EMAIL, User.class)
                    .setParameter("email", ids.email(random)).getSingleResultOrNull());
            case RENAME_PROJECT -> sessions.inTransaction(s -> {    // find, change, and the flush at commit updates
                Project p = s.find(Project.class, project);
                p.setName(p.getName().endsWith(RENAMED) ? p.getName().replace(RENAMED, "") : p.getName() + RENAMED);
            });
            // several associations fetched in one statement: ORM_COMPLEX
            case PROJECT_DETAILS -> sessions.inTransaction(s -> s.createNamedQuery(Project.BY_ID_WITH_DETAILS,
                    Project.class).setParameter("id", project).getSingleResultOrNull());
            case RECENT_JOBS -> sessions.inTransaction(s -> s.createNamedQuery(ReconciliationJob.RECENT_OF_OWNER,
                    ReconciliationJob.class).setParameter("ownerId", user).setParameter("since", since.toInstant())
                    .setMaxResults(20).getResultList());
            // reports from the SQL files, by name or through the SQL object: RAW_SQL_ANALYTICS
            case PROJECT_ANALYTICS -> report("project_analytics",
                    Map.of("project_id", project, "since", since, "min_jobs", 1), ProjectAnalytics.class);
            case MONTHLY_REPORT -> report("monthly_report", Map.of("owner_id", user, "since", since), MonthlyJobs.class);
            case PROJECT_WITH_STATS -> reports.projectWithStats(user, since);
            case USER_ACTIVITY -> activity(Map.of("since", since, "max_users", 10));
            // maintenance: RAW_SQL_BULK
            case ARCHIVE_OLD_JOBS -> sqlFiles.update("archive_old_jobs", Map.of("before", since.minusYears(1)));
            default -> throw new IllegalArgumentException("unknown request " + request);
        }
    }

    private List<Map<String, Object>> activity(Map<String, ?> parameters) {
        return cachedSqlFiles != null ? cachedSqlFiles.listMaps("user_activity", parameters)
                : sqlFiles.listMaps("user_activity", parameters);
    }

    private <T> List<T> report(String name, Map<String, ?> parameters, Class<T> rowType) {
        return cachedSqlFiles != null ? cachedSqlFiles.list(name, parameters, rowType) : sqlFiles.list(name, parameters, rowType);
    }

    @Override
    public void close() {
        sessions.close();
    }

    /**
     * Starts an embedded PostgreSQL unless given a JDBC URL, applies the schema, loads data if the tables are empty,
     * runs the workload from 2 threads and prints the metrics.
     *
     * <p>Arguments: {@code [jdbc-url] [--scale 0.1] [--seconds 5 | --requests N]}, where {@code --requests} is a
     * number of requests per thread.
     */
    public static void main(String[] args) throws Exception {
        run(args, System.out);
    }

    static void run(String[] args, PrintStream out) throws Exception {
        String url = null;
        double scale = 0.1;
        long seconds = 5;
        Integer requests = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                default -> {
                    if (!args[i].startsWith("jdbc:postgresql:")) {
                        throw new IllegalArgumentException("Usage: ExampleService [jdbc:postgresql://...] [--scale 0.1]"
                                + " [--seconds 5 | --requests N]; not understood: " + args[i]);
                    }
                    url = args[i];
                }
            }
        }
        EmbeddedPostgres embedded = url == null ? EmbeddedPostgres.builder().start() : null;
        try (HikariDataSource pool = ExampleDatabase.pool(url != null ? url : embedded.getJdbcUrl("postgres", "postgres"))) {
            Schema.apply(pool);
            if (Jdbi.create(pool).withHandle(h -> h.createQuery("SELECT count(*) FROM users").mapTo(Long.class).one()) == 0) {
                LoadResult loaded = ExampleData.ofScale(scale).load(pool);
                out.printf("Loaded the example data at scale %s in %d ms: %s%n", scale, loaded.loadTime().toMillis(),
                        loaded.rows());
            }

            QueryMetrics metrics = QueryMetrics.create();
            QueryTracker tracker = QueryTracker.builder()
                    .listener(metrics)
                    .listener(new SlowQueryLogListener())
                    .build();
            try (ExampleService service = ExampleService.create(pool, tracker)) {
                if (requests != null) {
                    out.printf("%d requests from 2 threads%n", service.runRequests(requests, 2));
                } else {
                    long served = service.runWorkload(Duration.ofSeconds(seconds), 2);
                    out.printf("%d requests in %d s from 2 threads%n", served, seconds);
                }
            }
            out.println(metrics.cumulativeSnapshot().summary());
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static OffsetDateTime at(String date) {
        return LocalDate.parse(date).atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
