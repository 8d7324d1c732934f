package io.querygov.orm.internal;

import io.querygov.core.ActiveExecution;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryTracker;
import io.querygov.orm.NPlusOneEvent;
import io.querygov.orm.NPlusOneListener;
import java.util.List;
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
        this.nPlusOneListener = nPlusOneListener;
        this.shapes = new ShapeCache(complexJoinThreshold);
    }

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

    UnitOfWork newUnitOfWork() {
        return new UnitOfWork(unitsOfWork.incrementAndGet());
    }

    /**
     * Starts the execution of one statement on a connection leased as {@code lease}: names it after the call in progress (or, for a statement
     * Hibernate runs on its own such as a flush's insert, after its table), counts it towards N+1,
     * records it, and starts the tracker's execution. Throws only what the N+1 listener throws.
     */
    Execution begin(UnitOfWork lease, boolean autoCommit, String sql, SessionFactoryModel model) {
        ThreadState thread = thread();
        // a transaction holds one connection from begin to end; outside one, the session is the unit
        UnitOfWork unit = lease;
        if (autoCommit) {
            Object session = thread.currentSession();
            if (session != null) {
                unit = thread.sessionUnit(session, this);
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
            event = unit.count(shape, name, thread.enclosing(), nPlusOneThreshold);
        }
        unit.ran(name);
        if (event != null) {
            nPlusOneListener.onNPlusOne(event);
        }

        RecordingEntry entry = null;
        if (thread.recording()) {
            entry = new RecordingEntry(name, shape, unit.id());
            thread.record(entry);
        }
        ActiveExecution active = tracker.start(descriptor);
        return new Execution(active, entry);
    }
}
