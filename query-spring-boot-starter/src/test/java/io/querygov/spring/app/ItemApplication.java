package io.querygov.spring.app;

import io.querygov.core.QueryExecution;
import io.querygov.core.QueryListener;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A Boot service as a team writes one: Spring Data JPA, JdbcTemplate and a Jdbi SQL object on one DataSource. */
@SpringBootApplication
@EnableJpaRepositories(considerNestedRepositories = true)
public class ItemApplication {

    @Bean
    Jdbi jdbi(DataSource dataSource) {
        return Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    }

    /** Every execution the tracker sees, so the test can count them: a listener bean joins the starter's tracker. */
    @Bean
    Executions executions() {
        return new Executions();
    }

    public static final class Executions implements QueryListener {
        final List<QueryExecution> all = new CopyOnWriteArrayList<>();

        @Override
        public void afterExecution(QueryExecution execution) {
            all.add(execution);
        }
    }

    @Entity(name = "Item")
    @jakarta.persistence.Table(name = "item")
    public static class Item {
        @Id
        private Integer id;
        private String name;

        public Integer getId() {
            return id;
        }

        public String getName() {
            return name;
        }
    }

    public interface ItemRepository extends JpaRepository<Item, Integer> {
    }

    public interface ItemQueries {
        @SqlQuery("SELECT name FROM item WHERE id = :id")
        String name(@Bind("id") int id);
    }

    @RestController
    static class ItemController {
        private final ItemRepository repository;
        private final JdbcTemplate jdbc;
        private final ItemQueries queries;

        // constructor injection, as Spring wires a controller: field assignments only
        ItemController(ItemRepository repository, JdbcTemplate jdbc, Jdbi jdbi) {
            this.repository = repository;
            this.jdbc = jdbc;
            this.queries = jdbi.onDemand(ItemQueries.class);
        }

        @GetMapping("/items/{id}")
        Map<String, Object> item(@PathVariable int id) {
            Item item = repository.findById(id).orElseThrow();
            Long similar = jdbc.queryForObject("SELECT count(*) FROM item WHERE name LIKE ?", Long.class, "item 1%");
            return Map.of("name", item.getName(), "similar", similar, "sqlObjectName", queries.name(id));
        }
    }
}
