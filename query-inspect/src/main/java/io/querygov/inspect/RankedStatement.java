package io.querygov.inspect;

/**
 * One row of a pg_stat_statements ranking.
 *
 * @param rank one-based position in the ranking
 * @param stats the entry
 * @param shareOfTotalTime this entry's execution time as a fraction (0 to 1) of all entries' time in the reading
 * @param queryName the registered query it belongs to, or null when none matched
 * @param matchedBy how it was matched, or null when none matched
 */
public record RankedStatement(int rank, StatementStats stats, double shareOfTotalTime, String queryName,
                              NameMatch.Via matchedBy) {
}
