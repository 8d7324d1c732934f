package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querygov.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --catalog service.jar} as a Hibernate user meets it, on a model of the test's own ({@link ServiceJar}):
 * the jar's queries and nothing else, its named queries with parameters benchmarked as SQL, and its provider's
 * runners exercising the service's own code path with its statements per call.
 */
class ServiceJarTest {
    private static final String[] QUICK = {"--warmup", "0s", "--warmup-iterations", "2", "--iterations", "10"};

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(ServiceJar.SCHEMA);

    @TempDir
    static Path dir;
    static Path plain;
    static Path withRunners;

    @BeforeAll
    static void build() throws IOException {
        plain = ServiceJar.build(dir.resolve("plain"), false);
        withRunners = ServiceJar.build(dir.resolve("runners"), true);
    }

    @Test
    void aJarCatalogHoldsWhatTheJarProvidesAndNothingOfQuerytoolsExamples() {
        // the provider reads classpath("sql", its class loader), whose parent also has the examples' sql/ folder
        Cli.Result r = Cli.run("list", "--catalog", plain.toString(), "-f", "csv");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        List<String> names = r.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        assertEquals(List.of("shop_totals", "Customer.byLastName", "shop.customer_page"), names, r::toString);

        Cli.Result check = Cli.run("check", "--url", pg.jdbcUrl(), "--catalog", plain.toString());
        assertEquals(ExitCode.OK, check.exitCode(), check::toString);
    }

    @Test
    void aNamedQueryWithParametersFromAJarBenchesAsItsSql() {
        Cli.Result list = Cli.run("list", "--catalog", plain.toString(), "--query", "Customer.byLastName", "-f", "json");
        assertTrue(list.out().contains("c1_0.last_name=:lastName"), list::toString);

        Cli.Result r = bench(plain, "--query", "Customer.byLastName");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        String row = row(r, "Customer.byLastName");
        // 10 calls, no error, 4 customers per last name, one statement each
        assertTrue(row.matches("Customer\\.byLastName +ORM_SIMPLE +10 +0 .* 4\\.0 +1\\.0"), row);
    }

    @Test
    void aProvidersRunnersRunTheServicesCodePathAndBenchShowsItsStatementsPerCall() {
        Cli.Result r = bench(withRunners, "--query", "shop.customer_page", "--query", "Customer.byLastName");
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        // one statement for the customers, one per customer for its purchases: the N+1 the SQL alone hides
        String page = row(r, "shop.customer_page");
        assertTrue(page.matches("shop\\.customer_page +ORM_SIMPLE +10 +0 .* 20\\.0 +21\\.0"), page);
        // the named query through Hibernate, as the service runs it: its SET TRANSACTION is not counted
        String named = row(r, "Customer.byLastName");
        assertTrue(named.matches("Customer\\.byLastName +ORM_SIMPLE +10 +0 .* 4\\.0 +1\\.0"), named);
    }

    private static Cli.Result bench(Path jar, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("bench", "--url", pg.jdbcUrl(), "--catalog",
                jar.toString()));
        args.addAll(List.of(QUICK));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static String row(Cli.Result r, String query) {
        return r.out().lines().filter(l -> l.startsWith(query + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + query + ":\n" + r));
    }
}
