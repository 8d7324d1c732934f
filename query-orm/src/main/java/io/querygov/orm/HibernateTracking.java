package io.querygov.orm;

import io.querygov.core.QueryTracker;
import io.querygov.core.QueryType;
import io.querygov.orm.internal.RecordingEntry;
import io.querygov.orm.internal.TrackingCore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tracks every SQL statement of the Hibernate {@code SessionFactory} it is applied to: put its
 * {@linkplain #settings() setting} among the factory's settings, and every session the factory opens
 * is tracked, whatever API the application calls.
 *
 * <pre>{@code
 * HibernateTracking tracking = HibernateTracking.builder(tracker)
 *         .nPlusOneThreshold(10)
 *         .build();
 * Map<String, Object> settings = new HashMap<>();
 * settings.put(AvailableSettings.DATASOURCE, hikariDataSource);
 * tracking.applyTo(settings);
 * SessionFactory sessionFactory = new MetadataSources(new StandardServiceRegistryBuilder()
 *         .applySettings(settings).build()).addAnnotatedClasses(Project.class).buildMetadata().buildSessionFactory();
 * }</pre>
 *
 * <p>Each statement becomes one {@link io.querygov.core.QueryExecution} of the tracker, named after
 * the call that ran it ({@code find:Project}, {@code load:Project.tasks}, a named query's name,
 * {@code hql:<fingerprint>}, {@code insert:Project}...; the module README lists them all), typed
 * {@link QueryType#ORM_SIMPLE} or {@link QueryType#ORM_COMPLEX} by the joins in the SQL, and carrying
 * that SQL as its descriptor's statement.
 *
 * <p>Immutable and thread-safe. One instance may serve several factories; it holds no static state.
 */
public final class HibernateTracking {
    /** The setting that carries the tracking into Hibernate's service registry; see {@link #applyTo(Map)}. */
    public static final String SETTING = "querygov.orm.tracking";
    /** Executions of one read within one unit of work beyond which it is an N+1. */
    public static final int DEFAULT_N_PLUS_ONE_THRESHOLD = 10;

    // the builder's settings, kept final: the shape of every built public type here
    private final QueryTracker tracker;
    private final int complexJoinThreshold;
    private final int nPlusOneThreshold;
    private final NPlusOneListener nPlusOneListener;
    private final TrackingCore core;

    private HibernateTracking(Builder b) {
        this.tracker = b.tracker;
        this.complexJoinThreshold = b.complexJoinThreshold;
        this.nPlusOneThreshold = b.nPlusOneThreshold;
        this.nPlusOneListener = b.nPlusOneListener;
        this.core = new TrackingCore(tracker, complexJoinThreshold, nPlusOneThreshold, nPlusOneListener);
    }

    /** Tracking with the default thresholds that logs N+1 warnings. */
    public static HibernateTracking create(QueryTracker tracker) {
        return builder(tracker).build();
    }

    public static Builder builder(QueryTracker tracker) {
        return new Builder(tracker);
    }

    /**
     * The Hibernate settings that turn tracking on: {@value #SETTING} mapped to the object the
     * integration reads. Add them to the settings the {@code SessionFactory} is built from, before it
     * is built.
     */
    public Map<String, Object> settings() {
        return Map.of(SETTING, core);
    }

    /**
     * Adds {@link #settings()} to {@code settings} and returns it: a {@code Map<String, Object>} given to
     * {@code StandardServiceRegistryBuilder.applySettings}, JPA's properties map, or
     * {@code Configuration.getProperties()}.
     */
    public <M extends Map<? super String, ? super Object>> M applyTo(M settings) {
        Objects.requireNonNull(settings, "settings");
        settings.put(SETTING, core);
        return settings;
    }

    // the settings the builder was given, read back: plain accessors on purpose
    public QueryTracker tracker() {
        return tracker;
    }

    public int complexJoinThreshold() {
        return complexJoinThreshold;
    }

    public int nPlusOneThreshold() {
        return nPlusOneThreshold;
    }

    public NPlusOneListener nPlusOneListener() {
        return nPlusOneListener;
    }

    /**
     * Opens a unit of work on this thread, named {@code name}: every statement that factories tracked by
     * this instance run on this thread until it is closed belongs to it, whatever transactions and
     * sessions they run in, and its end is reported to the tracker
     * ({@link QueryTracker#unitOfWorkEnded}) with its statements and their summed durations. Open one per
     * request: {@code try (UnitOfWork u = tracking.unitOfWork("owners page")) { ... }}. One opened while
     * another is open on the thread joins the outer one (its name is ignored, its close does nothing).
     * N+1 detection counts within it too. Without a scope, each transaction is a unit, and outside a
     * transaction each session.
     *
     * @param name a stable name, such as the page or endpoint: never ids or parameter values
     */
    public UnitOfWork unitOfWork(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a unit of work's name cannot be blank; use unitOfWork() to name it"
                    + " after its first call");
        }
        return new UnitOfWork(core, core.openScope(name));
    }

    /** {@link #unitOfWork(String)}, named after the first call that runs a statement in it ({@code find:Owner}). */
    public UnitOfWork unitOfWork() {
        return new UnitOfWork(core, core.openScope(null));
    }

    /**
     * Runs {@code block} in a {@linkplain #unitOfWork(String) unit of work} named {@code name}, which
     * counts as failed when the block throws; what it throws propagates unchanged.
     */
    public <X extends Exception> void unitOfWork(String name, Block<X> block) throws X {
        Objects.requireNonNull(block, "block");
        UnitOfWork unit = unitOfWork(name);
        boolean done = false;
        try {
            block.run();
            done = true;
        } finally {
            unit.close(!done);
        }
    }

    /**
     * Runs {@code block} and returns the statements that factories tracked by this instance ran on
     * this thread meanwhile (and on threads that work {@linkplain #carryRecording(Runnable) carrying the
     * recording} ran on), whether the block returned or threw (a throw propagates unchanged, and
     * the statements are lost with it). Recordings nest: an outer one also sees an inner one's
     * statements.
     */
    public <X extends Exception> RecordedStatements record(Block<X> block) throws X {
        Objects.requireNonNull(block, "block");
        List<RecordingEntry> previous = core.startRecording();
        List<RecordingEntry> entries;
        try {
            block.run();
        } finally {
            entries = core.stopRecording(previous);
        }
        List<RecordedStatement> statements = new ArrayList<>(entries.size());
        for (RecordingEntry e : entries) {
            statements.add(e.toStatement());
        }
        return new RecordedStatements(statements, nPlusOneThreshold);
    }

    /**
     * {@code task} carrying the recording in progress on this thread, if any, to the thread that runs it: the
     * statements it runs there are part of that recording. A {@link #record} sees only its own thread's
     * statements otherwise, and work handed to an executor or a {@code CompletableFuture} records none.
     * Wait for the work before the recorded block ends ({@code join()} the future): a statement that starts
     * after {@code record} has returned is not part of it. Without a recording in progress, {@code task} is returned as it is.
     */
    public Runnable carryRecording(Runnable task) {
        Objects.requireNonNull(task, "task");
        List<RecordingEntry> recording = core.currentRecording();
        if (recording == null) {
            return task;
        }
        return () -> core.runInto(recording, task);
    }

    /**
     * {@code executor} with every task {@linkplain #carryRecording(Runnable) carrying} the recording that was in
     * progress on the thread that submitted it:
     * {@code CompletableFuture.supplyAsync(() -> repository.load(id), tracking.carryRecording(pool)).join()}.
     */
    public java.util.concurrent.Executor carryRecording(java.util.concurrent.Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return task -> executor.execute(carryRecording(task));
    }

    @Override
    public String toString() {
        return "HibernateTracking[complexJoinThreshold=" + complexJoinThreshold + ", nPlusOneThreshold="
                + nPlusOneThreshold + ", nPlusOneListener=" + nPlusOneListener + "]";
    }

    /** A block of code to record; it may throw. */
    @FunctionalInterface
    public interface Block<X extends Exception> {
        void run() throws X;
    }

    /** Configures {@link HibernateTracking}; setters validate at once. */
    // shaped like the builders of the other modules' public types on purpose: each setter validates its value at once
    public static final class Builder {
        private final QueryTracker tracker;
        private int complexJoinThreshold = QueryType.COMPLEX_JOIN_THRESHOLD;
        private int nPlusOneThreshold = DEFAULT_N_PLUS_ONE_THRESHOLD;
        private NPlusOneListener nPlusOneListener = NPlusOneListener.LOG;

        private Builder(QueryTracker tracker) {
            this.tracker = Objects.requireNonNull(tracker, "tracker");
        }

        /** Joins at which a statement counts as ORM_COMPLEX; 3 unless set. */
        public Builder complexJoinThreshold(int joins) {
            if (joins < 1) {
                throw new IllegalArgumentException("complexJoinThreshold must be at least 1, was " + joins);
            }
            this.complexJoinThreshold = joins;
            return this;
        }

        /**
         * Executions of the same read within one unit of work that are still fine; one more raises an
         * N+1 event. {@value HibernateTracking#DEFAULT_N_PLUS_ONE_THRESHOLD} unless set.
         */
        public Builder nPlusOneThreshold(int executions) {
            if (executions < 1) {
                throw new IllegalArgumentException("nPlusOneThreshold must be at least 1, was " + executions);
            }
            this.nPlusOneThreshold = executions;
            return this;
        }

        /** What an N+1 does: {@link NPlusOneListener#LOG} unless set; {@link NPlusOneListener#THROW} in tests. */
        public Builder nPlusOneListener(NPlusOneListener listener) {
            this.nPlusOneListener = Objects.requireNonNull(listener, "nPlusOneListener");
            return this;
        }

        public HibernateTracking build() {
            return new HibernateTracking(this);
        }
    }
}
