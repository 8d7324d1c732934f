package io.querygov.orm;

import io.querygov.core.QueryExecution;
import io.querygov.core.QueryType;
import io.querygov.core.SqlFingerprint;

/**
 * One SQL statement Hibernate ran while {@link HibernateTracking#record recording}.
 *
 * @param name the tracked name, for example {@code find:Project} or {@code hql:1f0c9e5a7b3d2c11}
 * @param type ORM_SIMPLE or ORM_COMPLEX, from the joins in the SQL
 * @param sql the SQL as sent, with {@code ?} placeholders
 * @param shape the SQL's fingerprint
 * @param rows rows returned or changed, or {@link QueryExecution#UNKNOWN_ROWS}
 * @param failed whether the statement threw
 * @param read whether it is a plain read (the only kind counted towards N+1)
 * @param batchFetch whether it fetches many keys at once (an IN list or {@code = any(?)}), which is
 *        never counted towards N+1
 * @param unitOfWork which unit of work (the application's {@link HibernateTracking#unitOfWork(String) scope}
 *        when one was open, else a connection lease: a transaction, or a session outside one) ran it;
 *        statements of one unit share the number
 * @param parameterValues a hash of the values it was run with, equal for equal values, never the values
 *        themselves; 0 when not known: a read repeated with the same values is no N+1
 */
public record RecordedStatement(String name, QueryType type, String sql, SqlFingerprint shape, long rows,
                                boolean failed, boolean read, boolean batchFetch, long unitOfWork,
                                long parameterValues) {

    /** A statement whose parameter values are not known. */
    public RecordedStatement(String name, QueryType type, String sql, SqlFingerprint shape, long rows,
                             boolean failed, boolean read, boolean batchFetch, long unitOfWork) {
        this(name, type, sql, shape, rows, failed, read, batchFetch, unitOfWork, 0);
    }

    /** Whether this statement counts towards N+1: a plain read of one key at a time. */
    public boolean countsTowardsNPlusOne() {
        return read && !batchFetch;
    }

    @Override
    public String toString() {
        return name + " [" + type + (rows == QueryExecution.UNKNOWN_ROWS ? "" : ", " + rows + (rows == 1 ? " row" : " rows"))
                + (failed ? ", failed" : "") + "] " + shape.abbreviated(160);
    }
}
