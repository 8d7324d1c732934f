package io.querygov.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * EXPLAIN (FORMAT JSON) output stored from PostgreSQL 15 (temporary tables, hence schema {@code pg_temp}), made by
 * queries on a 200 000-row table {@code big(id, v = id % 1000, a = id % 100, b = id % 100, pad)} and a 5 000-row
 * {@code small(id, big_id)}.
 */
final class PlanFixtures {

    private PlanFixtures() {
    }

    static String json(String name) {
        try (InputStream in = PlanFixtures.class.getResourceAsStream("/plans/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture plans/" + name + ".json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static QueryPlan plan(String name) {
        return QueryPlan.parse(json(name));
    }
}
