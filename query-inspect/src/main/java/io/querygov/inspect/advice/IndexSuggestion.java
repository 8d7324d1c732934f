package io.querygov.inspect.advice;

import io.querygov.inspect.PlanNode;
import io.querygov.inspect.TrialIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An index for the filter of a sequential scan, with its columns read from the plan's filter: the columns compared
 * for equality first, in the filter's order, then the first one compared by range, as Use The Index, Luke orders
 * them (an index serves the columns after a range condition only as a filter). Conditions under an OR are left
 * out: a B-tree index serves one side of an OR at best.
 *
 * @param index the index, as {@link io.querygov.inspect.Explainer#explainWithIndex} can try it
 * @param equality the columns compared for equality (or tested as booleans, or by IS NULL)
 * @param range the column compared by range, or null
 */
public record IndexSuggestion(TrialIndex index, List<String> equality, String range) {
    /** A string literal, so that a column name inside one is not taken for a column. */
    private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern RANGE = Pattern.compile("(<=|>=|<|>| ~~ | ~~\\* |BETWEEN)");

    public IndexSuggestion {
        equality = List.copyOf(equality);
    }

    /** The statement, as a person would type it: {@code CREATE INDEX ON public.job (status, finished_at)}. */
    public String ddl() {
        return index.displayStatement();
    }

    /**
     * The index for a sequential scan's filter, or empty when the node is not a sequential scan of a known table
     * with a filter that names its columns outside an OR.
     */
    public static Optional<IndexSuggestion> forSeqScan(PlanNode node) {
        if (!node.nodeType().equals("Seq Scan") || node.filter() == null || node.relationName() == null
                || node.schema() == null) {
            return Optional.empty();
        }
        String alias = node.alias() != null ? node.alias() : node.relationName();
        Pattern column = Pattern.compile("(?<![\\w.\"])" + Pattern.quote(alias)
                + "\\.(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)");
        List<String> equality = new ArrayList<>();
        List<String> ranges = new ArrayList<>();
        for (String conjunct : conjuncts(LITERAL.matcher(node.filter()).replaceAll("''"))) {
            if (conjunct.contains(" OR ")) {
                continue;
            }
            Matcher m = column.matcher(conjunct);
            List<String> names = new ArrayList<>();
            while (m.find()) {
                String name = m.group(1);
                names.add(name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name);
            }
            if (names.size() != 1) {
                // a condition between two columns of the table, or on none: an index on one of them serves neither
                continue;
            }
            List<String> into = RANGE.matcher(conjunct).find() ? ranges : equality;
            if (!equality.contains(names.get(0)) && !ranges.contains(names.get(0))) {
                into.add(names.get(0));
            }
        }
        if (equality.isEmpty() && ranges.isEmpty()) {
            return Optional.empty();
        }
        String range = ranges.isEmpty() ? null : ranges.get(0);
        List<String> columns = new ArrayList<>(equality);
        if (range != null) {
            columns.add(range);
        }
        return Optional.of(new IndexSuggestion(new TrialIndex(node.schema(), node.relationName(), columns), equality,
                range));
    }

    /** The parts of a condition joined by AND at the top level, outer parentheses removed. */
    static List<String> conjuncts(String condition) {
        String c = unwrap(condition.trim());
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < c.length(); i++) {
            depth = nesting(c.charAt(i), depth);
            if (depth == 0 && c.startsWith(" AND ", i)) {
                out.add(unwrap(c.substring(start, i).trim()));
                start = i + 5;
                i += 4;
            }
        }
        out.add(unwrap(c.substring(start).trim()));
        return out;
    }

    /** {@code ((a = 1))} -> {@code a = 1}; {@code (a = 1) AND (b = 2)} stays as it is. */
    private static String unwrap(String s) {
        while (s.startsWith("(") && s.endsWith(")") && closes(s)) {
            s = s.substring(1, s.length() - 1).trim();
        }
        return s;
    }

    /** Whether the first parenthesis closes at the last character. */
    private static boolean closes(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            depth = nesting(ch, depth);
            if (ch == ')' && depth == 0) {
                return i == s.length() - 1;
            }
        }
        return false;
    }

    /** The parenthesis depth after {@code ch}, at {@code depth} before it. */
    private static int nesting(char ch, int depth) {
        return switch (ch) {
            case '(' -> depth + 1;
            case ')' -> depth - 1;
            default -> depth;
        };
    }
}
