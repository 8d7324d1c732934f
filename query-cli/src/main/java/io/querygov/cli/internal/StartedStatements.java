package io.querygov.cli.internal;

import io.querygov.jdbc.StatementRecorder;
import java.sql.Connection;
import java.util.function.Consumer;

/**
 * A recorder that sees each statement's text as it starts and keeps nothing to its end: enough to count what was
 * sent or to know it again, without paying for how each statement went.
 */
record StartedStatements(Consumer<String> onStart) implements StatementRecorder<Void> {

    @Override
    public Void start(Connection connection, String sql) {
        onStart.accept(sql);
        return null;
    }

    @Override
    public void succeeded(Void execution, long rows) {
    }

    @Override
    public void failed(Void execution, Throwable error) {
    }
}
