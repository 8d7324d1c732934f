package io.querygov.cli.internal;

import io.querygov.core.SqlFingerprint;
import io.querygov.inspect.StatementStats;
import io.querygov.inspect.StatementStatsSnapshot;
import io.querygov.jdbc.StatementRecorder;
import io.querygov.jdbc.TrackedDataSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The statements querytool itself sends to read a server (pg_stat_statements, the catalogs, its settings), by
 * shape, so that what it ranks is the server's work and not its own: a {@code --window} would otherwise count the
 * reading that opened the window. pg_stat_statements keeps no application_name to tell them apart by, so they are
 * told apart by what was sent on the connections {@link #watching} hands out.
 */
public final class OwnStatements {
    private final Set<SqlFingerprint> sent = ConcurrentHashMap.newKeySet();
    private final StatementRecorder<Void> recorder = new StartedStatements(sql -> {
        if (!sql.isEmpty()) {
            sent.add(SqlFingerprint.of(sql));
        }
    });

    /** Connections of {@code source} whose statements count as querytool's own. */
    public DataSource watching(DataSource source) {
        return TrackedDataSource.wrap(source, recorder);
    }

    /** {@code reading} without the entries of statements querytool sent. */
    public StatementStatsSnapshot leftOut(StatementStatsSnapshot reading) {
        return new StatementStatsSnapshot(reading.from(), reading.takenAt(),
                reading.entries().stream().filter(e -> !isOwn(e)).toList());
    }

    private boolean isOwn(StatementStats entry) {
        return entry.query() != null && sent.contains(SqlFingerprint.of(entry.query()));
    }
}
