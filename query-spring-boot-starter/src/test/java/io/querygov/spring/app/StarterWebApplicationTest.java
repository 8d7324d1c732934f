package io.querygov.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querygov.core.QueryExecution;
import io.querygov.core.QueryType;
import io.querygov.spring.internal.TrackingDataSource;
import io.querygov.testing.PostgresExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real Boot web application on PostgreSQL with nothing but the starter on its classpath for querygov: one request
 * runs a Spring Data JPA find, a JdbcTemplate query and a Jdbi SQL object method; each is recorded exactly once under
 * its name and type, and read back over HTTP from /actuator/prometheus and /actuator/querygov.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=health,prometheus,querygov",
        "spring.jpa.open-in-view=false",
        "spring.jpa.hibernate.ddl-auto=none"})
class StarterWebApplicationTest {

    @RegisterExtension
    static PostgresExtension pg = PostgresExtension.create().withSchema(
            "CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL)",
            "INSERT INTO item SELECT g, 'item ' || g FROM generate_series(1, 20) g");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", pg::jdbcUrl);
        registry.add("spring.datasource.username", pg::user);
    }

    @LocalServerPort
    int port;

    @Autowired
    ItemApplication.Executions executions;

    @Autowired
    DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRequestThroughJpaJdbcTemplateAndJdbiIsTrackedOncePerStatementAndReadOverHttp() throws Exception {
        assertThat(dataSource).isInstanceOf(TrackingDataSource.class);
        executions.all.clear();

        HttpResponse<String> response = get("/items/12");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"item 12\"").contains("\"similar\":11")
                .contains("\"sqlObjectName\":\"item 12\"");

        // three statements ran, three were recorded: none twice, though all three paths share the tracked DataSource
        Map<String, QueryType> recorded = executions.all.stream()
                .collect(Collectors.toMap(QueryExecution::name, QueryExecution::type));
        assertThat(executions.all).as("recorded: %s", recorded).hasSize(3);
        assertThat(recorded).containsEntry("find:Item", QueryType.ORM_SIMPLE)
                .containsEntry("item_count_by_name", QueryType.RAW_SQL_ANALYTICS)
                .containsEntry("ItemQueries.name", QueryType.RAW_SQL_ANALYTICS);

        String prometheus = get("/actuator/prometheus").body();
        for (Map.Entry<String, QueryType> e : recorded.entrySet()) {
            assertThat(series(prometheus, "querygov_query_seconds_count", e.getKey(), e.getValue()))
                    .as("%s in %s", e, prometheus).containsExactly("1");
        }

        JsonNode report = new ObjectMapper().readTree(get("/actuator/querygov").body());
        List<JsonNode> queries = StreamSupport.stream(report.get("queries").spliterator(), false).toList();
        for (Map.Entry<String, QueryType> e : recorded.entrySet()) {
            assertThat(queries).as("%s in %s", e, report).anySatisfy(q -> {
                assertThat(q.get("name").asText()).isEqualTo(e.getKey());
                assertThat(q.get("type").asText()).isEqualTo(e.getValue().name());
                assertThat(q.get("calls").asLong()).isEqualTo(1);
                assertThat(q.get("p95Ms").asDouble()).isPositive();
            });
        }
        assertThat(report.get("catalog").toString()).contains("\"name\":\"item_count_by_name\"");

        HttpResponse<String> one = get("/actuator/querygov/item_count_by_name");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(one.body()).get("rows").asLong()).isEqualTo(1);
        assertThat(get("/actuator/querygov/never_ran").statusCode()).isEqualTo(404);
    }

    /** The values of a Prometheus series with these query and type labels, in any label order. */
    private static List<String> series(String exposition, String metric, String query, QueryType type) {
        Pattern line = Pattern.compile("^" + metric + "\\{(.*)} (\\S+)$", Pattern.MULTILINE);
        return line.matcher(exposition).results()
                .filter(m -> m.group(1).contains("query=\"" + query + "\"")
                        && m.group(1).contains("type=\"" + type.name() + "\""))
                .map(m -> m.group(2).replace(".0", "")).toList();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
