package io.querygov.cli.internal;

import io.querygov.cli.ExitCode;
import io.querygov.core.DuplicateQueryException;
import io.querygov.core.StatementRefusedException;
import io.querygov.core.UnknownQueryException;
import io.querygov.inspect.IntrospectionException;
import io.querygov.inspect.ParameterValueException;
import io.querygov.inspect.PgStatStatementsUnavailableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Maps what went wrong to an exit code and a message for the terminal. Only the known cases get a code of their
 * own; anything else is {@link ExitCode#UNEXPECTED}, and {@code -v} shows its stack trace.
 */
public final class Failures {
    /** SQLSTATEs that mean the server could not be reached, or would not let us in. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of(
            "3D000", // invalid_catalog_name: the database does not exist
            "53300", // too_many_connections
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03"); // cannot_connect_now: starting up or shutting down

    private Failures() {
    }

    /** The exit code and message for a failure. */
    public static CliException classify(Throwable failure) {
        if (failure instanceof CliException cli) {
            return cli;
        }
        if (failure instanceof picocli.CommandLine.ParameterException e) {
            return new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
        if (failure instanceof PgStatStatementsUnavailableException e) {
            return new CliException(ExitCode.DATABASE_UNAVAILABLE, e.getMessage(), e);
        }
        if (failure instanceof DuplicateQueryException || failure instanceof UnknownQueryException
                || failure instanceof ParameterValueException || failure instanceof StatementRefusedException) {
            return new CliException(ExitCode.USAGE, failure.getMessage(), failure);
        }
        SQLException unavailable = unavailable(failure);
        if (unavailable != null) {
            return new CliException(ExitCode.DATABASE_UNAVAILABLE, "The database could not be reached or refused us: "
                    + unavailable.getMessage() + hint(unavailable), failure);
        }
        if (failure instanceof IntrospectionException e) {
            // the server refused a statement (it has a SQLSTATE), or the input does not allow the operation
            return new CliException(e.sqlState() != null ? ExitCode.PROBLEM_FOUND : ExitCode.USAGE, e.getMessage(), e);
        }
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        return new CliException(ExitCode.UNEXPECTED, message, failure);
    }

    /** The SQLException in the chain that says the server is out of reach, or null. */
    public static SQLException unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException e && isUnavailable(e)) {
                return e;
            }
        }
        return null;
    }

    private static boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("28") || UNAVAILABLE_STATES.contains(state);
    }

    /** What to look at, by SQLSTATE and cause. */
    public static String hint(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable cause = e.getCause();
        if (state.startsWith("28")) {
            return " (SQLSTATE " + state + "): check the user, and the password in PGPASSWORD or the URL";
        }
        if (state.equals("3D000")) {
            return " (SQLSTATE 3D000): the database does not exist on that server; check the name in --url or"
                    + " PGDATABASE";
        }
        if (cause instanceof UnknownHostException) {
            return " (unknown host " + cause.getMessage() + "): check the host name";
        }
        if (cause instanceof SocketTimeoutException && "Read timed out".equals(cause.getMessage())) {
            return " (the server said nothing for longer than the statement timeout and its margin: it is stopped,"
                    + " frozen or cut off)";
        }
        if (cause instanceof SocketTimeoutException) {
            return " (no answer within the connect timeout): check the host and port, or raise --connect-timeout";
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return "";
        }
        return state.isEmpty() ? "" : " (SQLSTATE " + state + ")";
    }
}
