package io.querygov.jdbc;

import io.querygov.jdbc.internal.TrackedJdbc;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a tracked connection does with each statement it runs: {@link #start} as the statement is
 * executed, then exactly one of {@link #succeeded} (when its results are read to the end or closed,
 * or its update count is known) or {@link #failed}. An integration that knows more about the call in
 * progress than the SQL text (Hibernate's, which names a statement after the session call that ran
 * it) brings its own recorder and wraps connections with {@link #track(Connection)}.
 *
 * <p>The three calls for one statement happen on the thread that runs it, which may differ from
 * the thread of the next statement on the same connection: keep no per-thread state between them.
 * Whatever a recorder throws from {@link #start} reaches the caller of {@code execute}; the
 * statement is then not run.
 *
 * @param <E> what the recorder keeps of one statement between its start and its end, for example
 *            the tracker's {@code ActiveExecution}
 */
public interface StatementRecorder<E> {

    /**
     * A statement is about to run.
     *
     * @param connection the driver's (or pool's) connection it runs on, never a tracked one, so it
     *                   can be asked for its state ({@code getAutoCommit()}) without being recorded
     * @param sql the statement's text as the application gave it to JDBC; empty for a batch of
     *            plain statements without any
     * @return what {@link #succeeded} or {@link #failed} receives, or null to leave this statement
     *         untracked
     */
    E start(Connection connection, String sql) throws SQLException;

    /** The statement ended well, having returned or changed this many rows. */
    void succeeded(E execution, long rows);

    /** The statement, or the reading of its results, threw this; it reaches the application unchanged. */
    void failed(E execution, Throwable error);

    /**
     * {@code connection} with every statement it runs recorded by this recorder: plain and prepared
     * statements and their batches; stored procedure calls ({@code prepareCall}) run untracked.
     * Everything else is forwarded unchanged, and whatever the driver throws reaches the caller as it
     * was thrown.
     *
     * <p>A connection is tracked by one recorder at a time, so that no statement is recorded twice: when
     * {@code connection} is itself tracked (a Hibernate session's connection from a tracked
     * {@code DataSource}), the connection returned records with this recorder only, the one nearest the
     * call in progress, and the other recorder does not see its statements.
     */
    default Connection track(Connection connection) {
        return TrackedJdbc.connection(connection, this);
    }

    /** The connection a {@link #track tracked} one wraps, or {@code connection} itself when it is not tracked. */
    static Connection untracked(Connection connection) {
        return TrackedJdbc.untracked(connection);
    }
}
