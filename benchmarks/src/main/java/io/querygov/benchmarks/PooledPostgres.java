package io.querygov.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded PostgreSQL started for one fork, and a HikariCP pool of {@value #POOL_SIZE} connections to it that
 * every call borrows from, as a service does: what the per-call ORM and Jdbi benchmarks read their one table through.
 */
final class PooledPostgres implements AutoCloseable {
    /** Twice the benchmarks' two threads: a call never waits for a connection. */
    static final int POOL_SIZE = 4;

    private final EmbeddedPostgres postgres;
    private final HikariDataSource pool;

    private PooledPostgres(EmbeddedPostgres postgres, HikariDataSource pool) {
        this.postgres = postgres;
        this.pool = pool;
    }

    /** Starts the server, runs the statements that create and fill the benchmark's table, then opens the pool. */
    static PooledPostgres start(String... setup) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String sql : setup) {
                s.execute(sql);
            }
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        return new PooledPostgres(postgres, new HikariDataSource(config));
    }

    HikariDataSource pool() {
        return pool;
    }

    @Override
    public void close() throws IOException {
        pool.close();
        postgres.close();
    }
}
