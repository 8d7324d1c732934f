package io.querygov.inspect;

import io.querygov.testing.PostgresExtension;
import org.jdbi.v3.core.Jdbi;

/** Small JDBC helpers for tests, on the extension's leak-checked connections. */
final class Db {

    private Db() {
    }

    static long count(PostgresExtension pg, String table) {
        return queryLong(pg, "SELECT count(*) FROM " + table);
    }

    static long queryLong(PostgresExtension pg, String sql) {
        return Jdbi.create(pg::openConnection).withHandle(h -> h.select(sql).mapTo(long.class).one());
    }

    static void execute(PostgresExtension pg, String sql) {
        Jdbi.create(pg::openConnection).useHandle(h -> h.execute(sql));
    }
}
