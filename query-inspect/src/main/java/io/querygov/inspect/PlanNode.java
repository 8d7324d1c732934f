package io.querygov.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of a PostgreSQL plan, with what EXPLAIN reports about it. Estimates are always present; the
 * {@code actual*} values, the row counts removed and the sort and hash details are null unless the plan was made
 * with ANALYZE (and, for details, unless the node does that work); {@code buffers} is null unless BUFFERS was on.
 * Times are in milliseconds, per loop, as EXPLAIN reports them; so are rows.
 *
 * @param id the node's position in a depth-first walk from the root (0); warnings refer to nodes by it
 * @param nodeType EXPLAIN's node type: {@code Seq Scan}, {@code Hash Join}, {@code Sort}, ...
 * @param parentRelationship {@code Outer}, {@code Inner}, {@code SubPlan}, ...; null for the root
 * @param relationName the table scanned, or null
 * @param schema the table's schema when EXPLAIN gave it (VERBOSE), or null
 * @param alias the table's alias in the query, or null
 * @param indexName the index used, or null
 * @param joinType {@code Inner}, {@code Left}, {@code Semi}, ... for joins, else null
 * @param strategy {@code Plain}, {@code Sorted}, {@code Hashed}, {@code Mixed} for aggregates, else null
 * @param filter the filter condition, or null
 * @param indexCondition the index condition, or null
 * @param sortMethod {@code quicksort}, {@code top-N heapsort}, {@code external merge}, ... or null
 * @param sortSpaceType {@code Memory} or {@code Disk}, or null
 * @param sortSpaceUsedKb the sort's memory or disk use in kB, or null
 * @param hashBatches batches of a Hash node (more than one means the hash table spilled to disk), or null
 * @param originalHashBatches batches the planner planned for, or null
 * @param hashAggBatches batches of a hashed aggregate (more than one means it spilled), or null
 * @param diskUsageKb disk a hashed aggregate used, in kB, or null
 */
public record PlanNode(int id, String nodeType, String parentRelationship, String relationName, String schema,
                       String alias, String indexName, String joinType, String strategy,
                       double startupCost, double totalCost, double planRows, int planWidth,
                       Double actualStartupTimeMillis, Double actualTotalTimeMillis, Double actualRows,
                       Long actualLoops, Long rowsRemovedByFilter, Long rowsRemovedByJoinFilter,
                       String filter, String indexCondition,
                       String sortMethod, String sortSpaceType, Long sortSpaceUsedKb,
                       Long hashBatches, Long originalHashBatches, Long hashAggBatches, Long diskUsageKb,
                       Buffers buffers, List<PlanNode> children) {

    public PlanNode {
        children = List.copyOf(children);
    }

    /** Whether the node carries actual values (the plan was made with ANALYZE). */
    public boolean analyzed() {
        return actualLoops != null;
    }

    /** Whether the node ran at all: false for a node of an ANALYZE plan that was never executed. */
    public boolean executed() {
        return actualLoops != null && actualLoops > 0;
    }

    /** The table as {@code schema.relation} when the schema is known, else the relation's name, else null. */
    public String qualifiedRelation() {
        if (relationName == null) {
            return null;
        }
        return schema == null ? relationName : schema + "." + relationName;
    }

    /** This node and all below it, depth first: the order of {@link #id()}. */
    public List<PlanNode> flatten() {
        List<PlanNode> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(PlanNode node, List<PlanNode> out) {
        out.add(node);
        for (PlanNode child : node.children) {
            collect(child, out);
        }
    }

    /** A one-line description: node type, table and index, e.g. {@code Index Scan using p_pkey on public.p}. */
    public String label() {
        StringBuilder b = new StringBuilder();
        if (strategy != null && nodeType.equals("Aggregate")) {
            b.append(switch (strategy) {
                case "Hashed" -> "HashAggregate";
                case "Sorted" -> "GroupAggregate";
                case "Mixed" -> "MixedAggregate";
                default -> "Aggregate";
            });
        } else if (joinType != null && !joinType.equals("Inner")) {
            // as EXPLAIN's text form writes them: Hash Left Join, Nested Loop Anti Join
            b.append(nodeType.endsWith(" Join")
                    ? nodeType.substring(0, nodeType.length() - 4) + joinType + " Join"
                    : nodeType + " " + joinType + " Join");
        } else {
            b.append(nodeType);
        }
        if (indexName != null) {
            b.append(" using ").append(indexName);
        }
        if (relationName != null) {
            b.append(" on ").append(qualifiedRelation());
            if (alias != null && !alias.equals(relationName)) {
                b.append(' ').append(alias);
            }
        }
        return b.toString();
    }
}
