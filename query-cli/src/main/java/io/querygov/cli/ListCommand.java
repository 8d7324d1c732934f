package io.querygov.cli;

import io.querygov.cli.internal.Json;
import io.querygov.cli.internal.OutputOptions;
import io.querygov.cli.internal.QueryFilter;
import io.querygov.cli.internal.Table;
import io.querygov.cli.internal.Table.Column;
import io.querygov.cli.internal.Workload;
import io.querygov.core.ParameterSampler;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.sql.SqlRedaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code querytool list}: the registered queries, without touching a database. */
@Command(name = "list",
        header = "List the registered queries: name, type, origin, parameters, tags.",
        description = "List every registered query: name, type, origin (file:line or Class#method), parameters and"
                + " tags. Reads the catalog only: no database is needed.",
        footer = {
            "  querytool list                                    # the built-in examples catalog",
            "  querytool list --catalog sql/ --catalog service.jar",
            "  querytool list --type raw-sql-analytics --tag dashboard",
            "  querytool list --query 'project_*' --format json"})
public final class ListCommand extends CatalogCommand {

    @Mixin
    QueryFilter filter;

    @Mixin
    OutputOptions output;

    @Override
    int execute() {
        try (Workload workload = catalogOptions.open()) {
            return list(workload);
        }
    }

    private int list(Workload workload) {
        QueryCatalog all = workload.catalog();
        QueryCatalog queries = filter.apply(all);
        Table table = Table.of(Column.text("NAME", "name"), Column.text("TYPE", "type"),
                Column.text("ORIGIN", "origin"), Column.text("PARAMETERS", "parameters", 60),
                Column.text("TAGS", "tags"));
        for (QueryDescriptor q : queries) {
            table.row(q.name(), q.type().name(), q.origin().orElse(null), parameterText(q), List.copyOf(q.tags()));
        }
        switch (output.format()) {
            case JSON -> Json.print(out, json(all, queries));
            case CSV -> table.csv(out);
            default -> {
                out.print(table.text());
                out.println();
                out.println(summary(workload, queries));
            }
        }
        return ExitCode.OK;
    }

    private String summary(Workload workload, QueryCatalog shown) {
        String source = workload.description();
        if (filter.given()) {
            return shown.size() + " of " + source + " match " + filter.describe();
        }
        return source;
    }

    private Map<String, Object> json(QueryCatalog all, QueryCatalog queries) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schemaVersion", JSON_SCHEMA_VERSION);
        doc.put("catalog", catalogOptions.given() ? "given" : "built-in");
        doc.put("total", all.size());
        doc.put("count", queries.size());
        List<Map<String, Object>> list = new ArrayList<>();
        for (QueryDescriptor q : queries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", q.name());
            m.put("type", q.type().name());
            m.put("language", q.language().name());
            m.put("origin", q.origin().orElse(null));
            m.put("description", q.description().orElse(null));
            List<Map<String, Object>> parameters = new ArrayList<>();
            for (QueryParameter p : q.parameters()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("name", p.name());
                pm.put("sqlType", p.sqlType());
                pm.put("sampler", p.sampler() instanceof ParameterSampler.None ? null : p.sampler().toString());
                parameters.add(pm);
            }
            m.put("parameters", parameters);
            m.put("tags", List.copyOf(q.tags()));
            m.put("timeoutMillis", q.timeout().map(java.time.Duration::toMillis).orElse(null));
            // a catalog may hold ALTER ROLE ... PASSWORD '...' as well as pg_stat_statements does
            m.put("statement", q.statement().map(SqlRedaction::passwords).orElse(null));
            list.add(m);
        }
        doc.put("queries", list);
        return doc;
    }

    private static List<String> parameterText(QueryDescriptor q) {
        List<String> out = new ArrayList<>();
        for (QueryParameter p : q.parameters()) {
            out.add(p.name() + " " + p.sqlType());
        }
        return out;
    }
}
