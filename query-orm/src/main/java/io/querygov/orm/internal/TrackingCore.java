package io.querygov.orm.internal;

import io.querygov.core.ActiveExecution;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryEvent;
import io.querygov.core.QueryTracker;
import io.querygov.orm.NPlusOneEvent;
import io.querygov.orm.NPlusOneListener;
import java.util.List;
import org.hibernate.SessionEventListener;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state behind one {@link io.querygov.orm.HibernateTracking}: its configuration, the SQL shapes
 * seen so far, and each thread's calls in progress. Every factory the tracking is applied to shares
 * it, so that {@code record} sees them all. The thread-local is an instance field: dropping the
 * tracking drops its per-thread state with it.
 */
public final class TrackingCore {
    private final QueryTracker tracker;
    private final int nPlusOneThreshold;
    private final NPlusOneListener nPlusOneListener;
    private final ShapeCache shapes;
    private final ThreadLocal<ThreadState> threads = ThreadLocal.withInitial(ThreadState::new);
    private final AtomicLong unitsOfWork = new AtomicLong();

    public TrackingCore(QueryTracker tracker, int complexJoinThreshold, int nPlusOneThreshold,
                        NPlusOneListener nPlusOneListener) {
        this.tracker = tracker;
        this.nPlusOneThreshold = nPlusOneThreshold;
        // LOG is shared by every tracking; its rate limit must not be
        this.nPlusOneListener = nPlusOneListener == NPlusOneListener.LOG ? new NPlusOneLog(tracker.clock())
                : nPlusOneListener;
        this.shapes = new ShapeCache(complexJoinThreshold);
    }

    // plain accessors of what the tracking's parts share
    public QueryTracker tracker() {
        return tracker;
    }

    public ShapeCache shapes() {
        return shapes;
    }

    public ThreadState thread() {
        return threads.get();
    }

    public List<RecordingEntry> startRecording() {
        return thread().startRecording();
    }

    public List<RecordingEntry> stopRecording(List<RecordingEntry> previous) {
        return thread().stopRecording(previous);
    }

    /** The recording in progress on this thread, to carry to another: null when there is none. */
    public List<RecordingEntry> currentRecording() {
        return thread().currentRecording();
    }

    /**
     * Runs {@code task} on this thread recording into {@code into}, a recording of another thread: each statement
     * is added as it starts, so that the other thread sees it as soon as the task's own completion (a future's)
     * tells it the work is done.
     */
    public void runInto(List<RecordingEntry> into, Runnable task) {
        ThreadState thread = thread();
        List<RecordingEntry> previous = thread.swapRecording(into);
        try {
            task.run();
        } finally {
            thread.swapRecording(previous);
        }
    }

    UnitOfWork newUnitOfWork() {
        return new UnitOfWork(unitsOfWork.incrementAndGet());
    }

    /**
     * Opens a unit of work on this thread that every statement joins until {@link #closeScope} (named
     * {@code name}, or after its first call when null); returns null when one is open already, which the
     * new scope joins.
     */
    public Object openScope(String name) {
        ThreadState thread = thread();
        if (thread.scope() != null) {
            return null;
        }
        UnitOfWork unit = new UnitOfWork(unitsOfWork.incrementAndGet(), name);
        thread.scope(unit);
        return unit;
    }

    /** Ends the scope {@link #openScope} returned, on the thread that opened it; {@code failed} when its block threw. */
    public void closeScope(Object scope, boolean failed) {
        UnitOfWork unit = (UnitOfWork) scope;
        ThreadState thread = thread();
        if (thread.scope() == unit) {
            thread.scope(null);
        }
        if (failed) {
            unit.markFailed();
        }
        ended(unit);
    }

    /**
     * Starts the execution of one statement on a connection leased as {@code lease}: names it after the call in
     * progress (or, for a statement Hibernate runs on its own such as a flush's insert, after its table), counts
     * it towards N+1, records it, and starts the tracker's execution. Throws only what the N+1 listener throws.
     *
     * @param physical the driver's or pool's connection of the lease, whose return ends a transaction's unit
     */
    Execution begin(UnitOfWork lease, Object physical, boolean autoCommit, String sql, SessionFactoryModel model) {
        ThreadState thread = thread();
        // the application's scope, if open; else a transaction holds one connection from begin to end,
        // and outside one, the session is the unit
        UnitOfWork unit = thread.scope();
        boolean scoped = unit != null;
        Object session = null;
        if (!scoped) {
            unit = lease;
            if (autoCommit) {
                session = thread.currentSession();
                if (session != null) {
                    unit = thread.sessionUnit(session, this);
                }
            }
        }
        SqlShape shape = shapes.shape(sql);
        String name = thread.current();
        if (name == null) {
            name = model.unframedName(shape);
        }
        QueryDescriptor descriptor = shape.descriptor(name, null);

        NPlusOneEvent event = null;
        if (shape.isRead() && !shape.isMultiKey()) {
            String previous = unit.lastName();
            event = unit.count(shape, name, thread.enclosing(), thread.currentValues(), nPlusOneThreshold,
                    previous == null ? null : model.hqlOf(previous));
        }
        unit.ran(name);
        // every unit reports its end (its statements and database time), so the first statement arranges for it;
        // a scope's end is its close
        if (unit.statementBegins(name) && !scoped && unit.awaitEnd()) {
            if (session != null) {
                endWithSession(session, unit);
            } else {
                thread.endWithLease(physical, unit);
            }
        }
        if (event != null) {
            tracker.event(name, QueryEvent.N_PLUS_ONE);
            nPlusOneListener.onNPlusOne(event);
        }

        RecordingEntry entry = null;
        if (thread.recording()) {
            entry = new RecordingEntry(name, shape, unit.id(), thread.currentValues());
            thread.record(entry);
        }
        ActiveExecution active = tracker.start(descriptor);
        return new Execution(active, entry, unit);
    }

    /** Reports the end of {@code unit} when the session closes: outside a transaction, the session is the unit. */
    private void endWithSession(Object session, UnitOfWork unit) {
        if (session instanceof SharedSessionContractImplementor s) {
            s.getEventListenerManager().addListener(new SessionEventListener() {
                private static final long serialVersionUID = 1L;

                @Override
                public void end() {
                    ended(unit);
                }
            });
        }
    }

    void released(Object physical) {
        ThreadState thread = thread();
        if (thread.hasOpenLeases()) {
            UnitOfWork unit = thread.takeLease(physical);
            if (unit != null) {
                ended(unit);
            }
        }
    }

    private void ended(UnitOfWork unit) {
        if (!unit.markEnded()) {
            return;
        }
        unit.reportEnd(tracker);
        for (NPlusOneEvent event : unit.end()) {
            try {
                nPlusOneListener.onUnitOfWorkEnd(event);
            } catch (RuntimeException e) {
                // the unit of work is over: nothing the listener throws can point at a line any more
            }
        }
    }
}
