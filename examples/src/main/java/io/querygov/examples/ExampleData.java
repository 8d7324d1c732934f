package io.querygov.examples;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example data: a deterministic set of users, projects, workflows, visualizations and reconciliation jobs,
 * loaded with COPY.
 *
 * <pre>{@code
 * Schema.apply(dataSource);
 * ExampleData.ofScale(1).load(dataSource);   // 1,000 users ... 500,000 jobs
 * }</pre>
 *
 * <p>The same scale and seed always give the same rows, byte for byte: time runs up to the fixed instant
 * {@link #END}, not to the current time. Scale 1 holds {@link RowCounts#SCALE_ONE}; other scales multiply every
 * count (rounded, at least one row each), so 0.01 gives 10 users and 5,000 jobs.
 *
 * <p>Loading only ever adds rows to empty tables: it refuses, naming the table, when one already holds data.
 * {@link #reset(Connection)} is the one method that deletes data. Instances are immutable and thread-safe.
 */
public final class ExampleData {

    /** The seed used unless another is given: the data everyone gets by default. */
    public static final long DEFAULT_SEED = 20_250_101L;

    /** The largest accepted scale: 100 is 50 million jobs, more than any test or demo needs. */
    public static final double MAX_SCALE = 100;

    /** The end of the data's time range: jobs run during the two years before it. */
    public static final Instant END = ExampleDataGenerator.END;

    private static final Logger LOG = LoggerFactory.getLogger(ExampleData.class);
    private static final int COPY_BUFFER_BYTES = 1 << 16;

    private final double scale;
    private final long seed;
    private final RowCounts rows;

    private ExampleData(double scale, long seed) {
        this.scale = scale;
        this.seed = seed;
        this.rows = countsAt(scale);
    }

    /**
     * The example data at {@code scale} with the {@linkplain #DEFAULT_SEED default seed}.
     *
     * @param scale greater than 0 and at most {@value #MAX_SCALE}; fractions such as 0.01 are fine
     * @throws IllegalArgumentException if the scale is outside that range
     */
    public static ExampleData ofScale(double scale) {
        if (!(scale > 0 && scale <= MAX_SCALE)) {
            throw new IllegalArgumentException("scale must be greater than 0 and at most " + MAX_SCALE
                    + ", was " + scale);
        }
        return new ExampleData(scale, DEFAULT_SEED);
    }

    /** The same scale with another seed: different rows of the same shape. */
    public ExampleData withSeed(long seed) {
        return new ExampleData(scale, seed);
    }

    // Accessors like ReconciliationJob's, not a record's: the constructor stays private behind ofScale and withSeed.
    public double scale() {
        return scale;
    }

    public long seed() {
        return seed;
    }

    /** The rows {@link #load} adds to each table. */
    public RowCounts rowCounts() {
        return rows;
    }

    /**
     * Loads the data with a connection of {@code dataSource}.
     *
     * @see #load(Connection)
     */
    public LoadResult load(DataSource dataSource) throws SQLException {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection connection = dataSource.getConnection()) {
            return load(connection);
        }
    }

    /**
     * Loads the data into the tables of {@link Schema}, which must exist and be empty, then runs ANALYZE on them.
     *
     * <p>All tables are loaded in one transaction that this method commits, so either all rows arrive or none do.
     * The tables are locked against writers first, so two loads at once cannot both find them empty.
     *
     * @param connection a connection in auto-commit mode; it is returned to auto-commit mode
     * @throws IllegalStateException if a table does not exist or already holds rows; nothing is loaded then
     * @throws IllegalArgumentException if the connection is in a transaction already
     */
    public LoadResult load(Connection connection) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        if (!connection.getAutoCommit()) {
            throw new IllegalArgumentException("ExampleData.load commits its own transaction: pass a connection "
                    + "in auto-commit mode, not one inside a transaction");
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        long started = System.nanoTime();
        ExampleDataGenerator generator = new ExampleDataGenerator(seed, rows);
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                requireTables(statement);
                statement.execute("LOCK TABLE " + String.join(", ", Schema.TABLES) + " IN SHARE ROW EXCLUSIVE MODE");
                requireEmpty(statement);
            }
            for (String table : Schema.TABLES) {
                long copyStarted = System.nanoTime();
                copy(pg, table, generator);
                LOG.debug("Copied {} rows into {} in {} ms", rows.byTable().get(table), table,
                        (System.nanoTime() - copyStarted) / 1_000_000);
            }
            try (Statement statement = connection.createStatement()) {
                // the jobs' ids came from the data, not from the identity: move it past them for later inserts
                statement.execute("SELECT setval(pg_get_serial_sequence('reconciliation_jobs', 'id'), "
                        + "(SELECT max(id) FROM reconciliation_jobs))");
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e;
        } catch (IOException e) {
            rollback(connection, e);
            // PGCopyOutputStream reports the server's errors as IOExceptions around the SQLException
            if (e.getCause() instanceof SQLException server) {
                throw server;
            }
            throw new UncheckedIOException("loading the example data failed", e);
        } finally {
            connection.setAutoCommit(true);
        }
        long loaded = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            // fresh statistics, or the planner guesses and every report's plan is an accident
            statement.execute("ANALYZE " + String.join(", ", Schema.TABLES));
        }
        long analyzed = System.nanoTime();
        LoadResult result = new LoadResult(rows, Duration.ofNanos(loaded - started), Duration.ofNanos(analyzed - loaded));
        LOG.info("Loaded {} example rows at scale {} in {} ms, analyzed in {} ms", rows.total(), scale,
                result.loadTime().toMillis(), result.analyzeTime().toMillis());
        return result;
    }

    /**
     * Writes the rows of {@code table} in PostgreSQL's COPY text format, as {@link #load} sends them: the bytes
     * behind the determinism promise.
     *
     * @param table one of {@link Schema#TABLES}
     */
    public void writeCopyText(String table, Writer out) throws IOException {
        Objects.requireNonNull(out, "out");
        ExampleDataGenerator.copyStatement(table); // rejects unknown tables before any work
        new ExampleDataGenerator(seed, rows).write(table, out);
    }

    /**
     * Deletes every row of the example tables ({@code TRUNCATE ... RESTART IDENTITY}), so that data can be loaded
     * again. Destructive and meant for tests and demos: it empties the tables whatever loaded them.
     */
    public static void reset(Connection connection) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + String.join(", ", Schema.TABLES) + " RESTART IDENTITY");
        }
    }

    private static void copy(PGConnection pg, String table, ExampleDataGenerator generator)
            throws SQLException, IOException {
        // streamed: the generator writes into a 64 KiB buffer that is sent as it fills, never one large string
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                new PGCopyOutputStream(pg, ExampleDataGenerator.copyStatement(table), COPY_BUFFER_BYTES),
                StandardCharsets.UTF_8), COPY_BUFFER_BYTES)) {
            generator.write(table, out);
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void requireTables(Statement statement) throws SQLException {
        for (String table : Schema.TABLES) {
            try (ResultSet rs = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new IllegalStateException("table " + table + " does not exist: apply the schema with "
                            + "Schema.apply(...) before loading the example data");
                }
            }
        }
    }

    private static void requireEmpty(Statement statement) throws SQLException {
        for (String table : Schema.TABLES) {
            try (ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw new IllegalStateException("table " + table + " already holds data: the example data is "
                            + "loaded into empty tables only, so that it is never duplicated. Use an empty database, "
                            + "or empty the tables with ExampleData.reset(connection) first");
                }
            }
        }
    }

    private static RowCounts countsAt(double scale) {
        RowCounts one = RowCounts.SCALE_ONE;
        long users = atScale(one.users(), scale);
        long projects = atScale(one.projects(), scale);
        // every project gets a workflow, even at scales so small that rounding would leave fewer
        long workflows = Math.max(projects, atScale(one.workflows(), scale));
        return new RowCounts(users, projects, workflows, atScale(one.visualizations(), scale),
                atScale(one.reconciliationJobs(), scale));
    }

    private static long atScale(long rowsAtScaleOne, double scale) {
        return Math.max(1, Math.round(rowsAtScaleOne * scale));
    }

    @Override
    public String toString() {
        return "ExampleData[scale=" + scale + ", seed=" + seed + ", rows=" + rows + "]";
    }
}
