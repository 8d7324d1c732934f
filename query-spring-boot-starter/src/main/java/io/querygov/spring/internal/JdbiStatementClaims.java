package io.querygov.spring.internal;

/**
 * Keeps a statement that Jdbi's plugin records from being recorded again by the tracked DataSource it runs on. Just
 * before Jdbi hands a statement to the driver it claims the next statement of its thread; the DataSource takes the
 * claim when that statement starts, and leaves it untracked. The claim lives only across the driver's execute call:
 * it is dropped after the call, and when the statement is cleaned up after a failure. One per application context:
 * no static state.
 */
public final class JdbiStatementClaims {
    private final ThreadLocal<Boolean> claimed = new ThreadLocal<>();

    /** Jdbi is about to execute a statement on this thread, and records it itself. */
    void claimNext() {
        claimed.set(Boolean.TRUE);
    }

    /** The statement has been executed, or has failed. */
    void release() {
        claimed.remove();
    }

    /** Whether the statement starting on this thread is Jdbi's; takes the claim. */
    boolean take() {
        if (claimed.get() == null) {
            return false;
        }
        claimed.remove();
        return true;
    }
}
