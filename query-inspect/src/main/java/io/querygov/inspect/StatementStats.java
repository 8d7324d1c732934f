package io.querygov.inspect;

/**
 * One entry of pg_stat_statements: a statement shape, for one role, in one database, at one nesting level. Times are
 * in milliseconds, blocks are 8 kB blocks, as pg_stat_statements reports them. Columns the server's version lacks
 * read as zero (planning before 13, WAL before 13).
 *
 * @param queryId the server's query identifier
 * @param query the statement's text, with constants as {@code $1}, {@code $2}, ...
 * @param database the database's name
 * @param user the role that ran it
 * @param topLevel false for statements run inside functions (pg_stat_statements.track = all); true before 14
 * @param minExecTimeMillis the fastest execution, or null in a difference of two readings
 * @param maxExecTimeMillis the slowest execution, or null in a difference of two readings
 * @param stddevExecTimeMillis the spread of execution times, or null in a difference of two readings
 */
public record StatementStats(long queryId, String query, String database, String user, boolean topLevel, long calls,
                             double totalExecTimeMillis, double meanExecTimeMillis, Double minExecTimeMillis,
                             Double maxExecTimeMillis, Double stddevExecTimeMillis, long plans,
                             double totalPlanTimeMillis, long rows, long sharedBlocksHit, long sharedBlocksRead,
                             long sharedBlocksDirtied, long sharedBlocksWritten, long localBlocksHit,
                             long localBlocksRead, long tempBlocksRead, long tempBlocksWritten,
                             double blockReadTimeMillis, double blockWriteTimeMillis, long walBytes) {

    /** The fraction of shared blocks found in the buffer cache, or 1 when the statement read none. */
    public double sharedHitRatio() {
        long total = sharedBlocksHit + sharedBlocksRead;
        return total == 0 ? 1 : (double) sharedBlocksHit / total;
    }

    /** Rows per call, or 0 when never called. */
    public double rowsPerCall() {
        return calls == 0 ? 0 : (double) rows / calls;
    }

    /** What tells two entries apart: pg_stat_statements keys entries by these. */
    record Key(long queryId, String database, String user, boolean topLevel) {
    }

    Key key() {
        return new Key(queryId, database, user, topLevel);
    }

    /**
     * This entry minus an earlier reading of it. When the counters went down, the entry was reset or evicted in
     * between, and this reading is all there is to count.
     */
    StatementStats minus(StatementStats earlier) {
        if (earlier == null || earlier.calls > calls) {
            return withoutExtremes(this);
        }
        long dCalls = calls - earlier.calls;
        double dTotal = totalExecTimeMillis - earlier.totalExecTimeMillis;
        return new StatementStats(queryId, query, database, user, topLevel, dCalls, dTotal,
                dCalls == 0 ? 0 : dTotal / dCalls, null, null, null, plans - earlier.plans,
                totalPlanTimeMillis - earlier.totalPlanTimeMillis, rows - earlier.rows,
                sharedBlocksHit - earlier.sharedBlocksHit, sharedBlocksRead - earlier.sharedBlocksRead,
                sharedBlocksDirtied - earlier.sharedBlocksDirtied, sharedBlocksWritten - earlier.sharedBlocksWritten,
                localBlocksHit - earlier.localBlocksHit, localBlocksRead - earlier.localBlocksRead,
                tempBlocksRead - earlier.tempBlocksRead, tempBlocksWritten - earlier.tempBlocksWritten,
                blockReadTimeMillis - earlier.blockReadTimeMillis, blockWriteTimeMillis - earlier.blockWriteTimeMillis,
                walBytes - earlier.walBytes);
    }

    private static StatementStats withoutExtremes(StatementStats s) {
        // extremes since the reset may predate the window's start: they do not describe the window
        return new StatementStats(s.queryId, s.query, s.database, s.user, s.topLevel, s.calls, s.totalExecTimeMillis,
                s.meanExecTimeMillis, null, null, null, s.plans, s.totalPlanTimeMillis, s.rows, s.sharedBlocksHit,
                s.sharedBlocksRead, s.sharedBlocksDirtied, s.sharedBlocksWritten, s.localBlocksHit, s.localBlocksRead,
                s.tempBlocksRead, s.tempBlocksWritten, s.blockReadTimeMillis, s.blockWriteTimeMillis, s.walBytes);
    }
}
