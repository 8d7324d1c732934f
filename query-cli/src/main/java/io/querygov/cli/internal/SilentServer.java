package io.querygov.cli.internal;

import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryRunner;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;

/**
 * A runner that gives up on a server that stopped answering. A frozen server (its backends or postmaster stopped,
 * the network cut) answers no call: each waits for the socket timeout, then each reconnection for the connect
 * timeout, query after query, so a run of twenty queries would take minutes to end. After the first call that got
 * no answer in time, every later call of the run fails at once, unsent, saying why; the run then ends with what it
 * had measured. A server that refused or dropped the connection (stopped, restarting) is not silent: its calls fail
 * quickly by themselves and succeed again once it is back, so they are left to run.
 *
 * <p>For one run of {@code bench} or {@code compare}; not for the dashboard, which outlives a freeze.
 */
public final class SilentServer extends ForwardingRunner {
    private volatile String silence;

    private SilentServer(QueryRunner runner) {
        super(runner);
    }

    /** {@code runner}, giving up on the first call that gets no answer in time. */
    public static SilentServer guarding(QueryRunner runner) {
        return new SilentServer(runner);
    }

    @Override
    protected long beforeCall(QueryDescriptor query) throws SQLException {
        refuseIfSilent();
        return 0;
    }

    @Override
    protected Exception failed(QueryDescriptor query, Exception error) {
        return error instanceof SQLException e ? noted(query, e) : error;
    }

    /**
     * {@code dataSource}, whose connections are refused at once once the server is taken for silent: for what the
     * run does besides its calls (the statements-per-call capture after each query), which would otherwise wait
     * for the login timeout once more.
     */
    public DataSource connections(DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        refuseIfSilent();
                    }
                    try {
                        return method.invoke(dataSource, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Why the server is taken for silent, or null while it answers. */
    public String silence() {
        return silence;
    }

    private void refuseIfSilent() throws SQLException {
        String why = silence;
        if (why != null) {
            throw new SQLTransientConnectionException("not sent: " + why, "08006");
        }
    }

    private SQLException noted(QueryDescriptor query, SQLException e) {
        if (!unanswered(e)) {
            return e;
        }
        String why = "the server stopped answering (no reply within the socket or connect timeout during '"
                + query.name() + "'): it may be frozen, overloaded or cut off; the rest of the run is not sent";
        if (silence == null) {
            silence = why;
        }
        return new SQLTransientConnectionException(why + " (" + e.getMessage() + ")", e.getSQLState(), e);
    }

    /** Whether the call failed for want of an answer in time, rather than with one. */
    static boolean unanswered(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
            // pgjdbc's loginTimeout: the server took the connection and never logged us in
            if (t instanceof SQLException s && "08001".equals(s.getSQLState()) && s.getMessage() != null
                    && s.getMessage().contains("timed out")) {
                return true;
            }
        }
        return false;
    }
}
