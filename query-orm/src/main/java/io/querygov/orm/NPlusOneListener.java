package io.querygov.orm;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a unit of work repeats a read beyond the threshold: see
 * {@link HibernateTracking.Builder#nPlusOneListener(NPlusOneListener)}. {@link #onNPlusOne} is called once per
 * repeated shape and unit of work, on the application's thread, just before the statement that crossed the
 * threshold runs; {@link #onUnitOfWorkEnd} when that unit of work ends, with the final count.
 *
 * <p>Unlike a {@link io.querygov.core.QueryListener}, whatever {@link #onNPlusOne} throws reaches the caller:
 * that is how {@link #THROW} fails a test at the line that caused the N+1. Every N+1 is also reported to the
 * tracker as {@link io.querygov.core.QueryEvent#N_PLUS_ONE} of the repeated query, whichever listener is set,
 * so metrics count it.
 */
@FunctionalInterface
public interface NPlusOneListener {

    /**
     * Logs a warning through SLF4J (logger {@code io.querygov.orm.NPlusOne}) when the unit of work ends, with the
     * final count: at most one line per query name a minute, the next one saying how many were not logged. The
     * default. The rate limit belongs to each {@link HibernateTracking} this is given to, never shared.
     */
    NPlusOneListener LOG = new NPlusOneListener() {
        private final Logger log = LoggerFactory.getLogger("io.querygov.orm.NPlusOne");

        @Override
        public void onNPlusOne(NPlusOneEvent event) {
        }

        @Override
        public void onUnitOfWorkEnd(NPlusOneEvent event) {
            // a tracking replaces this constant by a rate-limited log of its own; this is for direct calls
            log.warn(event.message());
        }

        @Override
        public String toString() {
            return "NPlusOneListener.LOG";
        }
    };

    /** Throws {@link NPlusOneException}: for tests, and for services that would rather fail than be slow. */
    NPlusOneListener THROW = named("NPlusOneListener.THROW", event -> {
        throw new NPlusOneException(event);
    });

    /** Does nothing; {@link HibernateTracking#record} and its assertions still see every statement. */
    NPlusOneListener IGNORE = named("NPlusOneListener.IGNORE", event -> {
    });

    /** The threshold was crossed: {@code event.executions()} is the threshold plus one. */
    void onNPlusOne(NPlusOneEvent event);

    /**
     * The unit of work of an earlier {@link #onNPlusOne} ended (its transaction, or its session outside one):
     * {@code event.executions()} is final. What this throws is not passed on: the unit of work is over.
     */
    default void onUnitOfWorkEnd(NPlusOneEvent event) {
    }

    /** A listener that does {@code onNPlusOne} at the crossing only, and prints as its constant's name. */
    private static NPlusOneListener named(String name, Consumer<NPlusOneEvent> onNPlusOne) {
        return new NPlusOneListener() {
            @Override
            public void onNPlusOne(NPlusOneEvent event) {
                onNPlusOne.accept(event);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
