package io.querygov.orm.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What one thread is doing inside Hibernate: the stack of tracked calls in progress (a query whose
 * result processing triggers a load nests that load's call), the load Hibernate announced through an
 * event and has not yet executed, and the statements recorded for an assertion. A session is used
 * by one thread at a time, so a thread's state is its session's state. Never shared between threads.
 */
public final class ThreadState {
    private String[] frames = new String[8];
    private Object[] sessions = new Object[8];
    /** Per call in progress, a hash of its parameter values, order-independent: equal values, equal hash. */
    private long[] values = new long[8];
    private int depth;
    /** The session whose statements outside a transaction form {@link #sessionUnit}; weak, so a closed session can go. */
    private WeakReference<Object> unitSession;
    private UnitOfWork sessionUnit;
    private Intent intent;
    /** The unit of work the application opened on this thread, or null: every statement joins it. */
    private UnitOfWork scope;
    private List<RecordingEntry> recording;

    /** A load announced by a Hibernate event: its name, and the entity id when it loads one entity. */
    record Intent(String name, Object entityId) {
    }

    void push(String name, Object session, long parameterValues) {
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
            sessions = Arrays.copyOf(sessions, depth * 2);
            values = Arrays.copyOf(values, depth * 2);
        }
        sessions[depth] = session;
        values[depth] = parameterValues;
        frames[depth++] = name;
    }

    /** The parameter values' hash of the innermost call in progress, or 0. */
    long currentValues() {
        return depth == 0 ? 0 : values[depth - 1];
    }

    void pop() {
        if (depth > 0) {
            frames[--depth] = null;
            sessions[depth] = null;
        }
    }

    /** The session of the innermost call in progress, or null. */
    Object currentSession() {
        return depth == 0 ? null : sessions[depth - 1];
    }

    /**
     * The unit of work of a session's statements outside a transaction. Hibernate releases the
     * connection after each such operation, so the connection lease cannot stand for the session.
     */
    UnitOfWork sessionUnit(Object session, TrackingCore core) {
        if (unitSession == null || unitSession.get() != session) {
            unitSession = new WeakReference<>(session);
            sessionUnit = core.newUnitOfWork();
        }
        return sessionUnit;
    }

    /** Units of work on leased connections that reported an N+1 and have not ended; usually none. */
    private final List<Object[]> openLeases = new ArrayList<>(0);

    /** Remembers that the unit of work of the lease of {@code physical} must report its end. */
    void endWithLease(Object physical, UnitOfWork unit) {
        for (Object[] lease : openLeases) {
            if (lease[0] == physical) {
                lease[1] = unit; // its previous lease was handed back on another thread
                return;
            }
        }
        if (openLeases.size() >= 64) {
            openLeases.remove(0); // released on another thread: its end goes unreported rather than leak
        }
        openLeases.add(new Object[] {physical, unit});
    }

    /** The unit of work that must report its end when {@code physical} is handed back, removed; or null. */
    UnitOfWork takeLease(Object physical) {
        for (int i = 0; i < openLeases.size(); i++) {
            if (openLeases.get(i)[0] == physical) {
                return (UnitOfWork) openLeases.remove(i)[1];
            }
        }
        return null;
    }

    /** Whether an unended unit of work waits for a lease to be handed back: the fast path checks this. */
    boolean hasOpenLeases() {
        return !openLeases.isEmpty();
    }

    /** The innermost call in progress, or null when Hibernate runs a statement on its own (a flush). */
    String current() {
        return depth == 0 ? null : frames[depth - 1];
    }

    /** The call that encloses the innermost one, or null. */
    String enclosing() {
        return depth < 2 ? null : frames[depth - 2];
    }

    UnitOfWork scope() {
        return scope;
    }

    void scope(UnitOfWork unit) {
        scope = unit;
    }

    void announce(String name, Object entityId) {
        intent = new Intent(name, entityId);
    }

    void clearIntent() {
        intent = null;
    }

    /** The announced load, consumed: it names at most one call. */
    Intent takeIntent() {
        Intent i = intent;
        intent = null;
        return i;
    }

    boolean recording() {
        return recording != null;
    }

    void record(RecordingEntry entry) {
        recording.add(entry);
    }

    /** Starts recording, returning what was being recorded before so that recordings can nest. */
    List<RecordingEntry> startRecording() {
        List<RecordingEntry> previous = recording;
        // synchronized: work a recording carries to other threads adds to it from there
        recording = java.util.Collections.synchronizedList(new ArrayList<>());
        return previous;
    }

    /** Records into {@code other} (a synchronized list) until swapped back; returns what was being recorded. */
    List<RecordingEntry> swapRecording(List<RecordingEntry> other) {
        List<RecordingEntry> previous = recording;
        recording = other;
        return previous;
    }

    /** The recording in progress on this thread, or null. */
    List<RecordingEntry> currentRecording() {
        return recording;
    }

    /** Stops recording and restores the recording that was in progress before. */
    List<RecordingEntry> stopRecording(List<RecordingEntry> previous) {
        List<RecordingEntry> done = Objects.requireNonNull(recording, "not recording");
        recording = previous;
        if (previous != null) {
            previous.addAll(done);
        }
        return done;
    }
}
