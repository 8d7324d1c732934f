package io.querygov.inspect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A reading of pg_stat_statements, or the difference between two readings ({@link #since(StatementStatsSnapshot)}),
 * which is what a {@code --window 60s} mode shows: what ran during the window, not since the last reset.
 *
 * @param from when the earlier reading of a difference was taken, or null for a plain reading (counting since
 *        pg_stat_statements was last reset)
 * @param takenAt when the (later) reading was taken
 * @param entries the entries, in the server's order
 */
public record StatementStatsSnapshot(Instant from, Instant takenAt, List<StatementStats> entries) {

    public StatementStatsSnapshot {
        Objects.requireNonNull(takenAt, "takenAt");
        entries = List.copyOf(entries);
    }

    /** How long a difference spans, if this is one. */
    public Optional<Duration> window() {
        return from == null ? Optional.empty() : Optional.of(Duration.between(from, takenAt));
    }

    /** The execution time of all entries together. */
    public double totalExecTimeMillis() {
        double total = 0;
        for (StatementStats s : entries) {
            total += s.totalExecTimeMillis();
        }
        return total;
    }

    /**
     * What happened between an earlier reading and this one: counters subtracted per entry, entries that did not
     * run in between left out. An entry that is new, or whose counters went down (reset or evicted in between),
     * counts with this reading's values.
     *
     * @throws IllegalArgumentException when {@code earlier} was taken after this reading
     */
    public StatementStatsSnapshot since(StatementStatsSnapshot earlier) {
        if (earlier.takenAt.isAfter(takenAt)) {
            throw new IllegalArgumentException("the earlier reading (" + earlier.takenAt
                    + ") was taken after this one (" + takenAt + "): call later.since(earlier)");
        }
        Map<StatementStats.Key, StatementStats> before = new HashMap<>();
        for (StatementStats s : earlier.entries) {
            before.put(s.key(), s);
        }
        List<StatementStats> delta = new ArrayList<>();
        for (StatementStats s : entries) {
            StatementStats d = s.minus(before.get(s.key()));
            if (d.calls() > 0) {
                delta.add(d);
            }
        }
        return new StatementStatsSnapshot(earlier.takenAt, takenAt, delta);
    }

    /** The top entries by a ranking, without names. */
    public List<RankedStatement> top(StatRanking ranking, int limit) {
        return top(ranking, limit, StatementNames.none());
    }

    /**
     * The top entries by a ranking, each with its share of all execution time and the registered query it belongs
     * to.
     *
     * @param limit how many entries at most, at least 1
     */
    public List<RankedStatement> top(StatRanking ranking, int limit, StatementNames names) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        double total = totalExecTimeMillis();
        List<RankedStatement> out = new ArrayList<>();
        entries.stream().sorted(ranking.comparator()).limit(limit).forEach(s -> {
            Optional<NameMatch> match = names.match(s);
            out.add(new RankedStatement(out.size() + 1, s, total == 0 ? 0 : s.totalExecTimeMillis() / total,
                    match.map(NameMatch::queryName).orElse(null), match.map(NameMatch::via).orElse(null)));
        });
        return out;
    }
}
