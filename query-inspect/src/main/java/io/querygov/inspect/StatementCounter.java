package io.querygov.inspect;

/**
 * Counts the statements a block of code sends to the database, for {@link WorkCapture}'s statements per call of
 * queries that a runner executes (ORM code, whose one call may be 1 statement or 1 + N). query-orm's
 * {@code HibernateTracking.record(...)} is one: {@code block -> tracking.record(block::run).size()}.
 */
@FunctionalInterface
public interface StatementCounter {

    /** Runs the block on this thread and returns how many statements it sent. */
    long count(Block block) throws Exception;

    /** Code that runs statements. */
    @FunctionalInterface
    interface Block {
        void run() throws Exception;
    }
}
