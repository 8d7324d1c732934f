package io.querygov.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.core.ParameterSampler;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryType;
import io.querygov.testing.PostgresExtension;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ParameterSourceTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(
            "CREATE TABLE account (id uuid PRIMARY KEY, created_at timestamptz NOT NULL, active boolean NOT NULL)",
            "INSERT INTO account SELECT ('00000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid,"
                    + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 day', g % 2 = 0"
                    + " FROM generate_series(1, 20) g",
            "CREATE TABLE sample_source (id bigint)",
            "INSERT INTO sample_source SELECT g FROM generate_series(1, 3) g",
            "CREATE TABLE empty_table (id bigint)",
            // a read that writes where no reading of the text can see it
            "CREATE FUNCTION purge() RETURNS SETOF bigint LANGUAGE sql AS 'DELETE FROM sample_source RETURNING id'");

    private static QueryDescriptor query(String sql, QueryParameter... parameters) {
        return QueryDescriptor.builder("accounts.find", QueryType.RAW_SQL_ANALYTICS).sql(sql)
                .parameters(List.of(parameters)).build();
    }

    private static QueryParameter param(String name, String type, ParameterSampler sampler) {
        return new QueryParameter(name, type, sampler);
    }

    /** {@code SELECT :id} with a bigint id drawn by {@code sampleQuery}. */
    private static QueryDescriptor sampledBy(String sampleQuery) {
        return query("SELECT :id", param("id", "bigint", new ParameterSampler.FromQuery(sampleQuery)));
    }

    /** What drawing values for {@code query} from a fresh source throws. */
    private static ParameterValueException drawingFails(QueryDescriptor query) {
        return assertThrows(ParameterValueException.class,
                () -> ParameterSource.create(pg.dataSource(), 1).values(query, Map.of()));
    }

    @Test
    void aSampleOfOrderByRandomPicksTheSameRowsWithTheSameSeed() {
        QueryDescriptor q = query("SELECT * FROM account WHERE id = :id",
                param("id", "uuid", new ParameterSampler.FromQuery("SELECT id FROM account ORDER BY random() LIMIT 3")));
        java.util.function.LongFunction<List<Object>> draws = seed -> {
            ParameterSource source = ParameterSource.create(pg.dataSource(), seed);
            List<Object> out = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                out.add(source.values(q, Map.of()).get("id"));
            }
            return out;
        };
        List<Object> first = draws.apply(7);
        assertEquals(first, draws.apply(7));
        assertTrue(first.stream().distinct().count() <= 3, first.toString());
        // another seed picks other rows from the server, not only another order of the same ones
        Set<Object> others = new java.util.HashSet<>();
        for (long seed = 8; seed < 14; seed++) {
            others.addAll(draws.apply(seed));
        }
        assertTrue(others.size() > 3, others.toString());
    }

    @Test
    void sampleQueryValuesAreTypedByTheDeclaredType() {
        QueryDescriptor q = query("SELECT * FROM account WHERE id = :id AND created_at > :since",
                param("id", "uuid", new ParameterSampler.FromQuery("SELECT id FROM account")),
                param("since", "timestamptz", new ParameterSampler.FromQuery("SELECT created_at FROM account")));
        Map<String, Object> values = ParameterSource.create(pg.dataSource(), 1).values(q, Map.of());

        assertEquals(List.of("id", "since"), List.copyOf(values.keySet()));
        UUID id = (UUID) values.get("id");
        assertTrue(id.toString().startsWith("00000000-0000-0000-0000-0000000000"), id.toString());
        OffsetDateTime since = (OffsetDateTime) values.get("since");
        assertTrue(since.getYear() == 2024, since.toString());
    }

    @Test
    void drawsAreDeterministicForASeed() {
        QueryDescriptor q = query("SELECT :n, :id",
                param("n", "bigint", new ParameterSampler.FromRange(1, 1_000_000)),
                param("id", "uuid", new ParameterSampler.FromQuery("SELECT id FROM account")));
        List<Map<String, Object>> first = draws(ParameterSource.create(pg.dataSource(), 7), q, 20);
        List<Map<String, Object>> again = draws(ParameterSource.create(pg.dataSource(), 7), q, 20);
        List<Map<String, Object>> other = draws(ParameterSource.create(pg.dataSource(), 8), q, 20);

        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    private static List<Map<String, Object>> draws(ParameterSource source, QueryDescriptor q, int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(source.values(q, Map.of()));
        }
        return out;
    }

    @Test
    void rangesAndValuesListsAreTyped() {
        QueryDescriptor q = query("SELECT :small, :big, :amount, :flag, :net",
                param("small", "int", new ParameterSampler.FromRange(5, 6)),
                param("big", "bigint", new ParameterSampler.FromRange(-1, 1)),
                param("amount", "numeric(10,2)", new ParameterSampler.FromRange(10, 10)),
                param("flag", "boolean", new ParameterSampler.FromValues(List.of("true", "false"))),
                param("net", "inet", new ParameterSampler.FromValues(List.of("10.0.0.1"))));
        ParameterSource source = ParameterSource.create(null, 3);
        for (Map<String, Object> values : draws(source, q, 30)) {
            assertTrue(Set.of(5, 6).contains(values.get("small")), values.toString());
            assertTrue(Set.of(-1L, 0L, 1L).contains(values.get("big")), values.toString());
            assertEquals(BigDecimal.valueOf(10), values.get("amount"));
            assertTrue(values.get("flag") instanceof Boolean, values.toString());
            assertEquals("10.0.0.1", values.get("net"));
        }
    }

    @Test
    void sampleQueriesRunOnceAndTheirRowsAreKept() {
        QueryDescriptor q = sampledBy("SELECT id FROM sample_source");
        ParameterSource source = ParameterSource.create(pg.dataSource(), 11);
        Set<Object> seen = new java.util.HashSet<>();
        seen.add(source.values(q, Map.of()).get("id"));

        Db.execute(pg, "TRUNCATE sample_source");
        try {
            ParameterSource sibling = source.withSeed(12);
            for (int i = 0; i < 30; i++) {
                seen.add(source.values(q, Map.of()).get("id"));
                seen.add(sibling.values(q, Map.of()).get("id"));
            }
        } finally {
            Db.execute(pg, "INSERT INTO sample_source SELECT g FROM generate_series(1, 3) g");
        }
        assertEquals(Set.of(1L, 2L, 3L), seen);
    }

    @Test
    void givenValuesOverrideSamplersAndAreTyped() {
        QueryDescriptor q = query("SELECT * FROM account WHERE created_at > :since AND active = :active AND id = :id",
                param("since", "timestamptz", new ParameterSampler.FromQuery("SELECT created_at FROM account")),
                param("active", "boolean", ParameterSampler.NONE));
        Map<String, Object> values = ParameterSource.create(pg.dataSource(), 1).values(q,
                Map.of("since", "2024-05-01 10:00:00+02", "active", "yes", "id", "00000000-0000-0000-0000-000000000001"));

        assertEquals(OffsetDateTime.of(2024, 5, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2)), values.get("since"));
        assertEquals(true, values.get("active"));
        // undeclared: kept as text for the server to type
        assertEquals("00000000-0000-0000-0000-000000000001", values.get("id"));

        ExplainResult explained = Explainer.create(pg.dataSource()).explain(q, values, ExplainOptions.defaults()
                .withAnalyze(true).withGenericPlan(false));
        assertEquals(0.0, explained.plan().root().actualRows());
    }

    @Test
    void missingValueNamesTheQueryAndParameter() {
        QueryDescriptor q = query("SELECT :active", param("active", "boolean", ParameterSampler.NONE));
        ParameterValueException e = drawingFails(q);
        assertEquals("active", e.parameterName());
        assertEquals("accounts.find", e.queryName());
        assertEquals("Parameter 'active' of query 'accounts.find' has no value: give one, e.g. --param active=<boolean>,"
                + " or declare a sampler for it (sample:, values: or range:)", e.getMessage());

        ParameterValueException undeclared = drawingFails(query("SELECT :x"));
        assertTrue(undeclared.getMessage().startsWith("Parameter 'x' of query 'accounts.find' has no value: it is not declared"),
                undeclared.getMessage());
    }

    @Test
    void badGivenValuesAndUnknownNamesAreRejected() {
        QueryDescriptor q = query("SELECT :id", param("id", "uuid", ParameterSampler.NONE));
        ParameterValueException bad = assertThrows(ParameterValueException.class,
                () -> ParameterSource.convert(q, Map.of("id", "42")));
        assertEquals("Parameter 'id' of query 'accounts.find' is uuid: expected a UUID such as "
                + "123e4567-e89b-12d3-a456-426614174000, got '42'", bad.getMessage());

        ParameterValueException unknown = assertThrows(ParameterValueException.class,
                () -> ParameterSource.convert(q, Map.of("ident", "42")));
        assertEquals("Query 'accounts.find' has no parameter 'ident'; its parameters are: id", unknown.getMessage());
    }

    @Test
    void sampleQueryThatFailsOrFindsNothingSaysSo() {
        ParameterValueException e = drawingFails(sampledBy("SELECT id FROM no_such_table"));
        assertTrue(e.getMessage().startsWith("The sample query of parameter 'id' of query 'accounts.find' "
                + "(select id from no_such_table) failed: ERROR: relation \"no_such_table\" does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("(SQLSTATE 42P01)"), e.getMessage());

        ParameterValueException none = drawingFails(sampledBy("SELECT id FROM empty_table"));
        assertEquals("The sample query of parameter 'id' of query 'accounts.find' (select id from empty_table) "
                + "returned no rows (or only NULLs): load data first, or give the value with --param id=<value>",
                none.getMessage());
    }

    @Test
    void sampleQueriesRunReadOnly() {
        ParameterValueException e = drawingFails(sampledBy("SELECT purge()"));
        assertTrue(e.getMessage().contains("(SQLSTATE 25006)"), e.getMessage());
        assertEquals(3, Db.count(pg, "sample_source"));
    }

    @Test
    void aSampleQueryThatWritesOrHoldsSeveralStatementsIsRefusedBeforeAnythingIsSent() {
        for (String sample : List.of("DELETE FROM sample_source RETURNING id",
                "SELECT 1 --\r; COMMIT; SET transaction_read_only = off; DELETE FROM sample_source --\n;")) {
            ParameterValueException e = drawingFails(sampledBy(sample));
            assertTrue(e.getMessage().endsWith(": a sample query is one SELECT that returns one column; nothing was sent"),
                    e.getMessage());
        }
        assertEquals(3, Db.count(pg, "sample_source"));
    }
}
