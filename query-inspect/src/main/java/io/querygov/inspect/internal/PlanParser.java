package io.querygov.inspect.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querygov.inspect.Buffers;
import io.querygov.inspect.PlanNode;
import io.querygov.inspect.QueryPlan;
import java.util.ArrayList;
import java.util.List;

/** Reads EXPLAIN's JSON into {@link QueryPlan}; keys as PostgreSQL 13 to 17 write them. */
public final class PlanParser {
    /** Thread-safe once configured; reading trees needs no configuration. */
    // a static parser over one shared Jackson mapper, as the report writer's is; nothing to share but the form
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlanParser() {
    }

    public static QueryPlan parse(String json) {
        JsonNode top;
        try {
            top = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not EXPLAIN (FORMAT JSON) output: " + e.getOriginalMessage(), e);
        }
        // EXPLAIN writes an array with one object per statement; one statement is explained at a time
        JsonNode explained = top != null && top.isArray() && !top.isEmpty() ? top.get(0) : top;
        if (explained == null || !explained.isObject() || !explained.path("Plan").isObject()) {
            throw new IllegalArgumentException("not EXPLAIN (FORMAT JSON) output: expected [{\"Plan\": {...}}]");
        }
        int[] ids = {0};
        PlanNode root = node(explained.get("Plan"), ids);
        return new QueryPlan(root, doubleOrNull(explained, "Planning Time"), doubleOrNull(explained, "Execution Time"),
                longOrNull(explained, "Query Identifier"), json);
    }

    private static PlanNode node(JsonNode n, int[] ids) {
        int id = ids[0]++;
        List<PlanNode> children = new ArrayList<>();
        for (JsonNode child : n.path("Plans")) {
            children.add(node(child, ids));
        }
        return new PlanNode(id, text(n, "Node Type"), text(n, "Parent Relationship"), text(n, "Relation Name"),
                text(n, "Schema"), text(n, "Alias"), text(n, "Index Name"), text(n, "Join Type"), text(n, "Strategy"),
                n.path("Startup Cost").asDouble(), n.path("Total Cost").asDouble(), n.path("Plan Rows").asDouble(),
                n.path("Plan Width").asInt(),
                doubleOrNull(n, "Actual Startup Time"), doubleOrNull(n, "Actual Total Time"),
                doubleOrNull(n, "Actual Rows"), longOrNull(n, "Actual Loops"),
                longOrNull(n, "Rows Removed by Filter"), longOrNull(n, "Rows Removed by Join Filter"),
                text(n, "Filter"), text(n, "Index Cond"),
                text(n, "Sort Method"), text(n, "Sort Space Type"), longOrNull(n, "Sort Space Used"),
                longOrNull(n, "Hash Batches"), longOrNull(n, "Original Hash Batches"),
                longOrNull(n, "HashAgg Batches"), longOrNull(n, "Disk Usage"),
                buffers(n), children);
    }

    private static Buffers buffers(JsonNode n) {
        if (!n.has("Shared Hit Blocks")) {
            return null;
        }
        return new Buffers(n.path("Shared Hit Blocks").asLong(), n.path("Shared Read Blocks").asLong(),
                n.path("Shared Dirtied Blocks").asLong(), n.path("Shared Written Blocks").asLong(),
                n.path("Local Hit Blocks").asLong(), n.path("Local Read Blocks").asLong(),
                n.path("Local Dirtied Blocks").asLong(), n.path("Local Written Blocks").asLong(),
                n.path("Temp Read Blocks").asLong(), n.path("Temp Written Blocks").asLong());
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double doubleOrNull(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }

    private static Long longOrNull(JsonNode n, String key) {
        JsonNode v = n.get(key);
        // PostgreSQL 18 writes fractional "Actual Rows"; counts like loops and batches stay whole
        return v == null || !v.isNumber() ? null : v.asLong();
    }
}
