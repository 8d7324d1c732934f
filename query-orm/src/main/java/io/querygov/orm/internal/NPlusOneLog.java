package io.querygov.orm.internal;

import io.querygov.core.QueryClock;
import io.querygov.orm.NPlusOneEvent;
import io.querygov.orm.NPlusOneListener;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NPlusOneListener#LOG} as one tracking runs it: a WARN with the final count when the unit of work ends,
 * at most one a minute per query name; the next line for that name says how many were left out. A page with an
 * N+1 served 100 times a second logs once a minute, not 100 times a second.
 */
final class NPlusOneLog implements NPlusOneListener {
    static final long INTERVAL_MILLIS = 60_000;
    /** Names remembered; past this the memory is dropped and starts again, so it stays bounded. */
    private static final int MAX_NAMES = 1024;

    private final Logger log = LoggerFactory.getLogger("io.querygov.orm.NPlusOne");
    private final QueryClock clock;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    NPlusOneLog(QueryClock clock) {
        this.clock = clock;
    }

    @Override
    public void onNPlusOne(NPlusOneEvent event) {
    }

    @Override
    public void onUnitOfWorkEnd(NPlusOneEvent event) {
        if (!log.isWarnEnabled()) {
            return;
        }
        if (windows.size() >= MAX_NAMES && !windows.containsKey(event.queryName())) {
            windows.clear();
        }
        long now = clock.monotonicNanos() / 1_000_000;
        Window w = windows.computeIfAbsent(event.queryName(), n -> new Window());
        long left;
        synchronized (w) {
            if (w.loggedAt != Long.MIN_VALUE && now - w.loggedAt < INTERVAL_MILLIS) {
                w.suppressed++;
                return;
            }
            left = w.suppressed;
            w.suppressed = 0;
            w.loggedAt = now;
        }
        log.warn(left == 0 ? event.message() : event.message() + " (and " + left + " more N+1 of "
                + event.queryName() + " in the last minute not logged)");
    }

    @Override
    public String toString() {
        return "NPlusOneListener.LOG";
    }

    private static final class Window {
        long loggedAt = Long.MIN_VALUE;
        long suppressed;
    }
}
