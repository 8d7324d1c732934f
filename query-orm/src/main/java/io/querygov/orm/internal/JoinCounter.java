package io.querygov.orm.internal;

import io.querygov.core.sql.SqlLexer;
import io.querygov.core.sql.SqlToken;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Counts the joins in a SQL statement: every {@code JOIN} keyword, plus every extra table listed
 * with a comma in a {@code FROM} clause (the theta-style join HQL writes for {@code from A a, B b}).
 * Subqueries count too: their joins are work the statement does.
 *
 * <p>Reads the statement with core's {@link SqlLexer}, so a {@code "join"} column, a {@code 'join'}
 * string or a {@code -- join} comment never counts, and the words are the server's, in any case.
 */
public final class JoinCounter {
    /** Words that end a FROM list at the same parenthesis depth. */
    private static final Set<String> FROM_LIST_END = Set.of(
            "where", "group", "order", "having", "limit", "offset", "fetch", "for", "union", "intersect",
            "except", "window", "returning", "on", "using", "join", "set", "values", "select");

    private JoinCounter() {
    }

    /** The joins in {@code sql}. */
    public static int count(String sql) {
        int joins = 0;
        int depth = 0;
        // the depths at which a FROM list is open: commas at exactly that depth separate tables
        Deque<Integer> openFromLists = new ArrayDeque<>();
        SqlLexer lexer = SqlLexer.of(sql);
        while (lexer.next()) {
            SqlToken.Kind kind = lexer.kind();
            if (kind == SqlToken.Kind.IDENTIFIER) {
                if (lexer.isWord("join")) {
                    joins++;
                }
                if (!openFromLists.isEmpty() && openFromLists.peek() == depth && endsFromList(lexer)) {
                    openFromLists.pop();
                }
                if (lexer.isWord("from")) {
                    openFromLists.push(depth);
                }
            } else if (kind == SqlToken.Kind.PUNCTUATION) {
                if (lexer.is('(')) {
                    depth++;
                } else if (lexer.is(')')) {
                    while (!openFromLists.isEmpty() && openFromLists.peek() >= depth) {
                        openFromLists.pop();
                    }
                    depth = Math.max(0, depth - 1);
                } else if (lexer.is(',') && !openFromLists.isEmpty() && openFromLists.peek() == depth) {
                    joins++;
                }
            }
        }
        return joins;
    }

    private static boolean endsFromList(SqlLexer lexer) {
        for (String word : FROM_LIST_END) {
            if (lexer.isWord(word)) {
                return true;
            }
        }
        return false;
    }
}
