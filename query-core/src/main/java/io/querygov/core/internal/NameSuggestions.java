package io.querygov.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" for names: close by edit distance, or containing what was typed. */
public final class NameSuggestions {
    private static final int MAX_SUGGESTIONS = 5;

    private NameSuggestions() {
    }

    /** Up to five names close to {@code typed}, closest first. */
    public static List<String> closeTo(String typed, Iterable<String> names) {
        String wanted = typed.toLowerCase(Locale.ROOT);
        int maxDistance = Math.max(2, wanted.length() / 3);
        List<Candidate> candidates = new ArrayList<>();
        for (String name : names) {
            String candidate = name.toLowerCase(Locale.ROOT);
            int distance = distance(wanted, candidate);
            if (distance <= maxDistance) {
                candidates.add(new Candidate(name, distance));
            } else if (wanted.length() >= 3 && candidate.contains(wanted)) {
                // a fragment of a long name is far by edit distance, yet obviously what was meant
                candidates.add(new Candidate(name, maxDistance + 1));
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < candidates.size() && i < MAX_SUGGESTIONS; i++) {
            out.add(candidates.get(i).name());
        }
        return out;
    }

    /** Optimal string alignment distance: Levenshtein plus swapping two adjacent characters. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }

    private record Candidate(String name, int distance) {
    }
}
