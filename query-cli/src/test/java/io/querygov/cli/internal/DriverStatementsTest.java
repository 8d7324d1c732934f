package io.querygov.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.querygov.cli.ExitCode;
import io.querygov.core.ParameterSampler;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.QueryType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the driver would send as several statements, asked of the driver itself, for catalogs from jars too. */
class DriverStatementsTest {

    static Stream<Arguments> statementsAndHowManyTheDriverSendsThemAs() {
        return Stream.of(
                arguments("SELECT 1", 1),
                arguments("SELECT 1;;", 1),
                arguments("SELECT ';', $$;$$, \";\", /* ; */ 1 -- ;\n", 1),
                arguments("UPDATE victim SET id = id + 1000 --\r; COMMIT --\n;", 2),
                arguments("SELECT 1 --\r; COMMIT; SET transaction_read_only = off;"
                        + " DELETE FROM victim --\n;", 4),
                // one string where backslashes are plain characters; where standard_conforming_strings is off, the
                // backslash escapes a quote and the DELETE stands outside the string
                arguments("SELECT 'x\\''; DELETE FROM victim --'", 2));
    }

    @ParameterizedTest
    @MethodSource("statementsAndHowManyTheDriverSendsThemAs")
    void countsAsTheDriverSplits(String sql, int statements) {
        assertEquals(statements, DriverStatements.count(sql));
    }

    @Test
    void aCatalogFromCodeIsCheckedLikeOneFromFiles() {
        QueryCatalog catalog = QueryCatalog.of(
                QueryDescriptor.builder("fine", QueryType.RAW_SQL_ANALYTICS).sql("SELECT 1").build(),
                QueryDescriptor.builder("two", QueryType.RAW_SQL_BULK).origin("Service#two")
                        .sql("UPDATE victim SET id = 1 --\r; COMMIT").build(),
                QueryDescriptor.builder("sampled", QueryType.RAW_SQL_ANALYTICS).sql("SELECT :id")
                        .parameter(new QueryParameter("id", "int",
                                new ParameterSampler.FromQuery("SELECT 1 --\r; DELETE FROM victim")))
                        .build());
        CliException e = assertThrows(CliException.class, () -> DriverStatements.requireOneEach(catalog));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("query 'two' (Service#two) would be sent as 2 statements; the sample"
                + " query of parameter 'id' of query 'sampled'"), e.getMessage());
        assertTrue(e.getMessage().contains("a carriage return, like a line feed, ends a -- comment"), e.getMessage());
    }
}
