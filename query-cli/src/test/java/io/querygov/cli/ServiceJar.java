package io.querygov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A small service jar, built as its team would: two entities of a shop (customers and their purchases) with a
 * named query, one SQL file under {@code sql/} read as the query-raw README shows, and a
 * {@code QueryCatalogProvider}, optionally with runners of its own (the customer page as the service's code
 * walks it: one query for the customers, then one per customer for its purchases). Compiled here, with javax.tools.
 */
final class ServiceJar {
    static final String[] SCHEMA = {
        "CREATE TABLE shop_customer (id bigint PRIMARY KEY, last_name text NOT NULL)",
        "INSERT INTO shop_customer SELECT g, 'name' || (g % 5) FROM generate_series(1, 20) g",
        "CREATE TABLE shop_purchase (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES shop_customer,"
                + " amount numeric NOT NULL)",
        "INSERT INTO shop_purchase SELECT g, 1 + g % 20, g FROM generate_series(1, 60) g",
        "ANALYZE"};
    /** Customers in {@link #SCHEMA}: the customer page runs one statement for them and one for each. */
    static final int CUSTOMERS = 20;

    private static final String CUSTOMER = """
            package shop;
            import jakarta.persistence.*;
            import java.util.List;
            @Entity
            @Table(name = "shop_customer")
            @NamedQuery(name = "Customer.byLastName",
                    query = "select c from Customer c where c.lastName = :lastName order by c.id",
                    hints = @QueryHint(name = "querygov.param.lastName", value = "values: name1, name2"))
            public class Customer {
                @Id Long id;
                @Column(name = "last_name") String lastName;
                @OneToMany(mappedBy = "customer") List<Purchase> purchases;
                public List<Purchase> purchases() { return purchases; }
            }
            """;
    private static final String PURCHASE = """
            package shop;
            import jakarta.persistence.*;
            import java.math.BigDecimal;
            @Entity
            @Table(name = "shop_purchase")
            public class Purchase {
                @Id Long id;
                @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "customer_id") Customer customer;
                BigDecimal amount;
            }
            """;
    private static final String MODEL = """
            package shop;
            import java.util.Map;
            import java.util.HashMap;
            import javax.sql.DataSource;
            import org.hibernate.SessionFactory;
            import org.hibernate.cfg.AvailableSettings;
            import org.hibernate.jpa.HibernatePersistenceConfiguration;
            final class Model {
                static SessionFactory offline() {
                    return configuration()
                            .property(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
                            .property(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, 15)
                            .property(AvailableSettings.ALLOW_METADATA_ON_BOOT, false)
                            .createEntityManagerFactory();
                }
                static SessionFactory online(DataSource dataSource) {
                    return configuration().property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                            .createEntityManagerFactory();
                }
                private static HibernatePersistenceConfiguration configuration() {
                    return new HibernatePersistenceConfiguration("shop").managedClasses(Customer.class, Purchase.class)
                            .property(AvailableSettings.HBM2DDL_AUTO, "none");
                }
            }
            """;
    private static final String PAGE_RUNNER = """
            package shop;
            import io.querygov.core.*;
            import java.util.List;
            import java.util.Map;
            import org.hibernate.SessionFactory;
            /** The customer page as the service renders it: customers, then each one's purchases, lazily. */
            final class CustomerPageRunner implements QueryRunner {
                static final QueryDescriptor PAGE = QueryDescriptor.builder("shop.customer_page", QueryType.ORM_SIMPLE)
                        .statement(StatementLanguage.ENTITY_OPERATION, "customers, then each one's purchases")
                        .origin("CustomerPageRunner").build();
                private final SessionFactory factory;
                CustomerPageRunner(SessionFactory factory) { this.factory = factory; }
                public boolean supports(QueryDescriptor q) { return q.name().equals(PAGE.name()); }
                public long execute(QueryDescriptor q, Map<String, Object> parameters) {
                    return fetch(q, parameters).size();
                }
                public List<List<Object>> fetch(QueryDescriptor q, Map<String, Object> parameters) {
                    return factory.fromSession(s -> s.createSelectionQuery("from Customer c order by c.id", Customer.class)
                            .getResultList().stream().map(c -> List.<Object>of(c.purchases().size())).toList());
                }
            }
            """;
    private static final String PROVIDER = """
            package shop;
            import io.querygov.core.*;
            import io.querygov.orm.*;
            import io.querygov.raw.SqlFileLoader;
            import java.util.List;
            import javax.sql.DataSource;
            import org.hibernate.SessionFactory;
            public final class ShopQueries implements QueryCatalogProvider {
                @Override
                public QueryCatalog catalog() {
                    QueryCatalog orm;
                    try (SessionFactory offline = Model.offline()) {
                        orm = OrmQueryCatalog.of(offline);
                    }
                    QueryCatalog sql = SqlFileLoader.create().classpath("sql", ShopQueries.class.getClassLoader()).load();
                    return QueryCatalog.merge(List.of(sql, orm, QueryCatalog.of(CustomerPageRunner.PAGE)));
                }
            %s
            }
            """;
    private static final String RUNNERS = """
                @Override
                public List<QueryRunner> runners(RunnerContext context) {
                    SessionFactory factory = Model.online(context.unwrap(DataSource.class));
                    context.closeWhenDone(factory);
                    return List.of(new CustomerPageRunner(factory),
                            OrmQueryRunner.builder(factory).allowWrites(context.allowWrites()).build());
                }
            """;
    private static final String TOTALS_SQL = """
            -- name: shop_totals
            -- description: what each customer spent
            SELECT customer_id, sum(amount) AS spent FROM shop_purchase GROUP BY customer_id ORDER BY customer_id;
            """;

    private ServiceJar() {
    }

    /** The jar, its provider contributing runners when {@code withRunners}. */
    static Path build(Path dir, boolean withRunners) throws IOException {
        Path src = dir.resolve("src/shop");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Customer.java"), CUSTOMER);
        Files.writeString(src.resolve("Purchase.java"), PURCHASE);
        Files.writeString(src.resolve("Model.java"), MODEL);
        Files.writeString(src.resolve("CustomerPageRunner.java"), PAGE_RUNNER);
        Files.writeString(src.resolve("ShopQueries.java"), PROVIDER.formatted(withRunners ? RUNNERS : ""));
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), "-proc:none"));
        try (Stream<Path> files = Files.list(src)) {
            files.map(Path::toString).sorted().forEach(args::add);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream diagnostics = new java.io.ByteArrayOutputStream();
        java.io.PrintStream sink = new java.io.PrintStream(diagnostics, true, StandardCharsets.UTF_8);
        int rc = compiler.run(null, sink, sink, args.toArray(String[]::new));
        assertEquals(0, rc, () -> "the shop service compiles: " + diagnostics.toString(StandardCharsets.UTF_8));
        Path jar = dir.resolve(withRunners ? "shop-with-runners.jar" : "shop.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            // directory entries, as a jar built by Maven or the jar tool has them
            for (String folder : List.of("META-INF/", "META-INF/services/", "shop/", "sql/")) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            try (Stream<Path> compiled = Files.list(classes.resolve("shop"))) {
                for (Path c : compiled.sorted().toList()) {
                    out.putNextEntry(new JarEntry("shop/" + c.getFileName()));
                    out.write(Files.readAllBytes(c));
                }
            }
            out.putNextEntry(new JarEntry("sql/shop_totals.sql"));
            out.write(TOTALS_SQL.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("META-INF/services/io.querygov.core.QueryCatalogProvider"));
            out.write("shop.ShopQueries\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }
}
