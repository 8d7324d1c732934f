package io.querygov.orm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a unit of work repeats a read beyond the threshold: see
 * {@link HibernateTracking.Builder#nPlusOneListener(NPlusOneListener)}. Called once per repeated shape
 * and unit of work, on the application's thread, just before the statement that crossed the
 * threshold runs.
 *
 * <p>Unlike a {@link io.querygov.core.QueryListener}, whatever this throws reaches the caller: that
 * is how {@link #THROW} fails a test at the line that caused the N+1.
 */
@FunctionalInterface
public interface NPlusOneListener {

    /** Logs a warning through SLF4J (logger {@code io.querygov.orm.NPlusOne}). The default. */
    NPlusOneListener LOG = new NPlusOneListener() {
        private final Logger log = LoggerFactory.getLogger("io.querygov.orm.NPlusOne");

        @Override
        public void onNPlusOne(NPlusOneEvent event) {
            log.warn(event.message());
        }

        @Override
        public String toString() {
            return "NPlusOneListener.LOG";
        }
    };

    /** Throws {@link NPlusOneException}: for tests, and for services that would rather fail than be slow. */
    NPlusOneListener THROW = new NPlusOneListener() {
        @Override
        public void onNPlusOne(NPlusOneEvent event) {
            throw new NPlusOneException(event);
        }

        @Override
        public String toString() {
            return "NPlusOneListener.THROW";
        }
    };

    /** Does nothing; {@link HibernateTracking#record} and its assertions still see every statement. */
    NPlusOneListener IGNORE = new NPlusOneListener() {
        @Override
        public void onNPlusOne(NPlusOneEvent event) {
        }

        @Override
        public String toString() {
            return "NPlusOneListener.IGNORE";
        }
    };

    void onNPlusOne(NPlusOneEvent event);
}
