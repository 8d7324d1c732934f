package io.querygov.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Assertions on what the database does for one statement, in a test against a real PostgreSQL: the plan it chose,
 * the shared buffers one execution touched and the rows it returned. Never on time: these figures are the same
 * however busy the machine running the test is, so an assertion on them cannot flake.
 *
 * <pre>{@code
 * PlanAssert.explain(pg.dataSource(), "SELECT balance FROM account WHERE id = ?", 42L)
 *         .usesIndex("account_pkey")
 *         .hasNoSeqScanOn("account")
 *         .buffersAtMost(8)
 *         .matchesBaseline(Path.of("src/test/resources/plans/account_by_id.plan"));
 * }</pre>
 *
 * <p>The statement runs under {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} in a {@code READ ONLY} transaction
 * that is rolled back; a statement that writes is refused by the server there: use {@link #explainOnly} for it,
 * which plans without running (no buffers, no rows). Placeholders are JDBC's {@code ?}. For a query registered in a
 * querygov catalog with {@code :name} parameters, pass query-raw's
 * {@code NamedSql.parse(query.statement().orElseThrow()).jdbcSql()} and the values in the order of its
 * {@code jdbcParameterNames()}.
 *
 * <p>The plan's shape is one line per node, depth first, indented two spaces per level: node type (with join type
 * or aggregate strategy as EXPLAIN's text form writes them), index and relation, as querytool's regression gate
 * saves it; costs, estimates and times are left out. Failures throw {@link AssertionError} showing the whole shape.
 */
public final class PlanAssert {
    /** A baseline's buffers may grow by this fraction and {@link #BUFFER_FLOOR} before it fails: the gate's rule. */
    public static final double BUFFER_TOLERANCE = 0.2;
    /** Buffers a statement must add, beyond the tolerance, to fail its baseline: 3 becoming 4 is nothing. */
    public static final long BUFFER_FLOOR = 8;

    private static final String NODES = "WITH RECURSIVE n(node, depth, path) AS ("
            + " SELECT (?::jsonb) -> 0 -> 'Plan', 0, ARRAY[0]"
            + " UNION ALL SELECT c.value, n.depth + 1, n.path || c.ord::int"
            + " FROM n, jsonb_array_elements(n.node -> 'Plans') WITH ORDINALITY AS c(value, ord))"
            + " SELECT depth, node ->> 'Node Type', node ->> 'Join Type', node ->> 'Strategy', node ->> 'Index Name',"
            + " node ->> 'Relation Name', node ->> 'Alias', node ->> 'Operation',"
            + " (node ->> 'Shared Hit Blocks')::bigint, (node ->> 'Shared Read Blocks')::bigint,"
            + " (node ->> 'Actual Rows')::numeric, (node ->> 'Actual Loops')::numeric"
            + " FROM n ORDER BY path";

    private final String sql;
    private final List<Node> nodes;
    private final Long buffers;
    private final Long rows;

    private record Node(int depth, String type, String joinType, String strategy, String index, String relation,
                        String alias, String operation) {
        // PlanNode.label() written again on purpose: query-testing depends on no querygov module, they test with it
        String label() {
            StringBuilder b = new StringBuilder();
            if (strategy != null && type.equals("Aggregate")) {
                b.append(switch (strategy) {
                    case "Hashed" -> "HashAggregate";
                    case "Sorted" -> "GroupAggregate";
                    case "Mixed" -> "MixedAggregate";
                    default -> "Aggregate";
                });
            } else if (joinType != null && !joinType.equals("Inner")) {
                b.append(type.endsWith(" Join") ? type.substring(0, type.length() - 4) + joinType + " Join"
                        : type + " " + joinType + " Join");
            } else {
                b.append(type);
            }
            if (index != null) {
                b.append(" using ").append(index);
            }
            if (relation != null) {
                b.append(" on ").append(relation);
                if (alias != null && !alias.equals(relation)) {
                    b.append(' ').append(alias);
                }
            }
            return "  ".repeat(depth) + b;
        }
    }

    private PlanAssert(String sql, List<Node> nodes, Long buffers, Long rows) {
        this.sql = sql;
        this.nodes = List.copyOf(nodes);
        this.buffers = buffers;
        this.rows = rows;
    }

    /**
     * Runs the statement once under EXPLAIN ANALYZE with BUFFERS, read-only, rolled back.
     *
     * @param values the {@code ?} placeholders' values, in order
     */
    public static PlanAssert explain(DataSource dataSource, String sql, Object... values) {
        return run(dataSource, sql, values, true);
    }

    /** Plans the statement without running it (plain EXPLAIN): for statements that write. No buffers, no rows. */
    public static PlanAssert explainOnly(DataSource dataSource, String sql, Object... values) {
        return run(dataSource, sql, values, false);
    }

    private static PlanAssert run(DataSource dataSource, String sql, Object[] values, boolean analyze) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(sql, "sql");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("SET TRANSACTION READ ONLY");
                }
                String json;
                try (PreparedStatement p = c.prepareStatement("EXPLAIN (FORMAT JSON"
                        + (analyze ? ", ANALYZE, BUFFERS" : "") + ") " + sql)) {
                    for (int i = 0; i < values.length; i++) {
                        p.setObject(i + 1, values[i]);
                    }
                    try (ResultSet rs = p.executeQuery()) {
                        StringBuilder text = new StringBuilder();
                        while (rs.next()) {
                            text.append(rs.getString(1));
                        }
                        json = text.toString();
                    }
                }
                List<Node> nodes = new ArrayList<>();
                Long buffers = null;
                Long rows = null;
                try (PreparedStatement p = c.prepareStatement(NODES)) {
                    p.setString(1, json);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            Node n = new Node(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
                            if (nodes.isEmpty() && analyze) {
                                long hit = rs.getLong(9);
                                long read = rs.getLong(10);
                                buffers = hit + read;
                                rows = rs.getBigDecimal(11) == null ? null
                                        : rs.getBigDecimal(11).multiply(rs.getBigDecimal(12)).longValue();
                            }
                            nodes.add(n);
                        }
                    }
                }
                return new PlanAssert(sql, nodes, buffers, rows);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new AssertionError("EXPLAIN of " + abbreviated(sql) + " failed: " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")")
                    + ("25006".equals(e.getSQLState()) ? "; it writes: use PlanAssert.explainOnly" : ""), e);
        }
    }

    /** The plan's shape, one line per node. */
    public List<String> shape() {
        return nodes.stream().map(Node::label).toList();
    }

    /** Shared buffers hit plus read by the execution; fails for {@link #explainOnly}. */
    public long buffers() {
        if (buffers == null) {
            throw new AssertionError("no buffers: " + abbreviated(sql) + " was explained without running it");
        }
        return buffers;
    }

    /** Rows the execution returned; fails for {@link #explainOnly}. */
    public long rows() {
        if (rows == null) {
            throw new AssertionError("no rows: " + abbreviated(sql) + " was explained without running it");
        }
        return rows;
    }

    /** Fails unless some node scans with this index. */
    public PlanAssert usesIndex(String indexName) {
        if (nodes.stream().noneMatch(n -> indexName.equals(n.index()))) {
            fail("Expected the plan to use index " + indexName);
        }
        return this;
    }

    /** Fails when a node is a sequential scan of this table (by name, schema left out; a parallel one too). */
    public PlanAssert hasNoSeqScanOn(String table) {
        if (nodes.stream().anyMatch(n -> n.type().endsWith("Seq Scan") && table.equals(n.relation()))) {
            fail("Expected no sequential scan on " + table);
        }
        return this;
    }

    /** Fails when the execution touched more than {@code max} shared buffers (hit plus read). */
    public PlanAssert buffersAtMost(long max) {
        if (buffers() > max) {
            fail("Expected at most " + max + " shared buffers (hit + read), the execution touched " + buffers());
        }
        return this;
    }

    /**
     * Fails unless the plan's shape is the one saved in {@code file} and the buffers have not grown beyond
     * {@value #BUFFER_TOLERANCE} (20%) and {@value #BUFFER_FLOOR} buffers. When the file does not exist it is
     * written from this execution and the assertion fails, saying so: commit the file, and the next run compares.
     * To accept a new plan on purpose, delete the file and run again.
     */
    public PlanAssert matchesBaseline(Path file) {
        String now = baselineText();
        if (!Files.exists(file)) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, now, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the plan baseline " + file, e);
            }
            throw new AssertionError("No plan baseline at " + file + ": written now from this execution; commit it"
                    + " and run again\n" + now);
        }
        List<String> saved;
        try {
            saved = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the plan baseline " + file, e);
        }
        Long savedBuffers = null;
        List<String> savedShape = new ArrayList<>();
        for (int i = 0; i < saved.size(); i++) {
            String line = saved.get(i);
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (line.startsWith("buffers ")) {
                try {
                    savedBuffers = Long.parseLong(line.substring("buffers ".length()).trim());
                } catch (NumberFormatException e) {
                    throw new AssertionError(file + ":" + (i + 1) + ": 'buffers' needs a whole number, was '"
                            + line + "'");
                }
            } else {
                savedShape.add(line);
            }
        }
        if (!savedShape.equals(shape())) {
            throw new AssertionError("Plan of " + abbreviated(sql) + " changed against " + file + ":\nbaseline:\n  "
                    + String.join("\n  ", savedShape) + "\nnow:\n  " + String.join("\n  ", shape())
                    + "\n(delete the file and run again to accept the new plan)");
        }
        if (savedBuffers != null && buffers != null && buffers > savedBuffers * (1 + BUFFER_TOLERANCE)
                && buffers - savedBuffers >= BUFFER_FLOOR) {
            throw new AssertionError(String.format(Locale.ROOT, "Buffers of %s grew against %s: %d -> %d, beyond"
                    + " 20%% and %d buffers", abbreviated(sql), file, savedBuffers, buffers, BUFFER_FLOOR));
        }
        return this;
    }

    private String baselineText() {
        StringBuilder b = new StringBuilder("# querygov plan baseline of: ").append(abbreviated(sql)).append('\n');
        if (buffers != null) {
            b.append("buffers ").append(buffers).append('\n');
        }
        shape().forEach(line -> b.append(line).append('\n'));
        return b.toString();
    }

    private void fail(String message) {
        throw new AssertionError(message + " for " + abbreviated(sql) + "; the plan is:\n  "
                + String.join("\n  ", shape()) + (buffers == null ? "" : "\n(" + buffers + " shared buffers, "
                + rows + " rows)"));
    }

    private static String abbreviated(String sql) {
        String flat = Arrays.stream(sql.strip().split("\\s+")).collect(Collectors.joining(" "));
        return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
    }

    @Override
    public String toString() {
        return String.join("\n", shape());
    }
}
