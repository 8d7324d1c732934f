package io.querygov.orm.internal;

import io.querygov.core.SqlFingerprint;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Counts the joins in a SQL statement: every {@code JOIN} keyword, plus every extra table listed
 * with a comma in a {@code FROM} clause (the theta-style join HQL writes for {@code from A a, B b}).
 * Subqueries count too: their joins are work the statement does.
 *
 * <p>Works on {@link SqlFingerprint#normalized()} text, where comments and literals are gone and
 * unquoted words are lower case, so a {@code "join"} column or a {@code 'join'} string never counts.
 */
public final class JoinCounter {
    /** Words that end a FROM list at the same parenthesis depth. */
    private static final Set<String> FROM_LIST_END = Set.of(
            "where", "group", "order", "having", "limit", "offset", "fetch", "for", "union", "intersect",
            "except", "window", "returning", "on", "using", "join", "set", "values", "select");

    private JoinCounter() {
    }

    /** The joins in {@code sql}, which may be raw SQL or already normalized. */
    public static int count(String sql) {
        return countNormalized(SqlFingerprint.of(sql).normalized());
    }

    /** The joins in SQL already normalized by {@link SqlFingerprint}. */
    public static int countNormalized(String normalized) {
        int joins = 0;
        int depth = 0;
        // the depths at which a FROM list is open: commas at exactly that depth separate tables
        Deque<Integer> openFromLists = new ArrayDeque<>();
        int i = 0;
        int n = normalized.length();
        while (i < n) {
            char c = normalized.charAt(i);
            if (c == '"') {
                int end = normalized.indexOf('"', i + 1);
                i = end < 0 ? n : end + 1;
                continue;
            }
            if (isWordStart(c)) {
                int start = i;
                while (i < n && isWordPart(normalized.charAt(i))) {
                    i++;
                }
                String word = normalized.substring(start, i);
                if (word.equals("join")) {
                    joins++;
                }
                if (!openFromLists.isEmpty() && openFromLists.peek() == depth && FROM_LIST_END.contains(word)) {
                    openFromLists.pop();
                }
                if (word.equals("from")) {
                    openFromLists.push(depth);
                }
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                while (!openFromLists.isEmpty() && openFromLists.peek() >= depth) {
                    openFromLists.pop();
                }
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && !openFromLists.isEmpty() && openFromLists.peek() == depth) {
                joins++;
            }
            i++;
        }
        return joins;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
