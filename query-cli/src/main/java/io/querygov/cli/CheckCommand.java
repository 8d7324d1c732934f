package io.querygov.cli;

import io.querygov.cli.internal.Json;
import io.querygov.cli.internal.OutputOptions;
import io.querygov.cli.internal.PositionalSql;
import io.querygov.cli.internal.QueryFilter;
import io.querygov.cli.internal.Table;
import io.querygov.cli.internal.Table.Column;
import io.querygov.cli.internal.Target;
import io.querygov.cli.internal.Workload;
import io.querygov.core.QueryCatalog;
import io.querygov.inspect.CheckFailure;
import io.querygov.inspect.CheckResult;
import io.querygov.inspect.CheckStatus;
import io.querygov.inspect.CheckedParameter;
import io.querygov.inspect.ResultColumn;
import io.querygov.inspect.StatementChecker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code querytool check}: every registered statement prepared against the target, never run. */
@Command(name = "check",
        header = "Prepare every registered statement against the target, without running it.",
        description = "Prepare every registered SQL statement against the target, as sqlx does: the server parses"
                + " and describes it (parameter and result column types) without running it, so a DELETE deletes"
                + " nothing. A statement the server refuses is shown with its SQLSTATE and where it is wrong.",
        footer = {
            "  querytool check                                   # the examples on the embedded default",
            "  querytool check --url jdbc:postgresql://db:5432/app?user=ops \\",
            "      --catalog sql/",
            "  querytool check --catalog service.jar --format json > check.json"})
public final class CheckCommand extends TargetCommand {

    @Mixin
    QueryFilter filter;

    @Mixin
    OutputOptions output;

    @Override
    int execute() throws java.sql.SQLException {
        try (Workload workload = catalogOptions.open();
             Target target = open(output.format(), filter.apply(workload.catalog()))) {
            QueryCatalog catalog = filter.apply(workload.catalog());
            phases.restart();
            List<CheckResult> results = check(catalog, target);
            phases.end("check");
            long failed = results.stream().filter(r -> r.status() == CheckStatus.FAILED).count();
            long skipped = results.stream().filter(r -> r.status() == CheckStatus.SKIPPED).count();
            long ok = results.size() - failed - skipped;
            switch (output.format()) {
                case JSON -> {
                    Map<String, Object> doc = jsonHeader(target);
                    Map<String, Object> summary = new LinkedHashMap<>();
                    summary.put("ok", ok);
                    summary.put("failed", failed);
                    summary.put("skipped", skipped);
                    doc.put("summary", summary);
                    doc.put("results", results.stream().map(CheckCommand::json).toList());
                    doc.put("phasesMillis", jsonPhasesMillis());
                    Json.print(out, doc);
                }
                case CSV -> table(results).csv(out);
                default -> {
                    header(output.format(), target, workload.description());
                    out.print(table(results).text());
                    out.println();
                    out.println(ok + " ok, " + failed + " failed, " + skipped + " skipped");
                    for (CheckResult r : results) {
                        if (r.status() == CheckStatus.FAILED) {
                            out.println();
                            out.println(failureText(r));
                        }
                    }
                    footer(output.format());
                }
            }
            return failed > 0 ? ExitCode.PROBLEM_FOUND : ExitCode.OK;
        }
    }

    /** query-raw's checker for statements with :names, this module's for Hibernate's positional ones. */
    private static List<CheckResult> check(QueryCatalog catalog, Target target) throws java.sql.SQLException {
        QueryCatalog named = catalog.filter(q -> !PositionalSql.is(q));
        java.util.Map<String, CheckResult> byName = new java.util.HashMap<>();
        for (CheckResult r : StatementChecker.create(target.readOnly()).check(named)) {
            byName.put(r.query(), r);
        }
        List<CheckResult> results = new ArrayList<>();
        for (io.querygov.core.QueryDescriptor q : catalog) {
            CheckResult r = byName.get(q.name());
            results.add(r != null ? r : PositionalSql.check(target.readOnly(), q));
        }
        return results;
    }

    private static Table table(List<CheckResult> results) {
        Table table = Table.of(Column.text("QUERY", "query"), Column.text("STATUS", "status"),
                Column.text("PARAMETERS", "parameters", 50), Column.text("COLUMNS", "columns", 60),
                Column.text("PROBLEM", "problem", 80));
        for (CheckResult r : results) {
            List<String> parameters = new ArrayList<>();
            for (CheckedParameter p : r.parameters()) {
                parameters.add(p.name() + ":" + p.serverType());
            }
            List<String> columns = new ArrayList<>();
            for (ResultColumn c : r.columns()) {
                columns.add(c.name() + ":" + c.type());
            }
            String problem = switch (r.status()) {
                case FAILED -> r.failure().sqlState() + " " + r.failure().message();
                case SKIPPED -> r.skipReason();
                default -> null;
            };
            table.row(r.query(), r.status().name().toLowerCase(Locale.ROOT), parameters, columns, problem);
        }
        return table;
    }

    private static String failureText(CheckResult r) {
        CheckFailure f = r.failure();
        StringBuilder s = new StringBuilder(r.query()).append(" failed at ")
                .append(f.location() == null ? r.origin() : f.location()).append(": ")
                .append(f.message()).append(" (SQLSTATE ").append(f.sqlState()).append(')');
        if (f.detail() != null) {
            s.append("\n  detail: ").append(f.detail());
        }
        if (f.hint() != null) {
            s.append("\n  hint: ").append(f.hint());
        }
        return s.toString();
    }

    private static Map<String, Object> json(CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("query", r.query());
        m.put("origin", r.origin());
        m.put("status", r.status().name().toLowerCase(Locale.ROOT));
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (CheckedParameter p : r.parameters()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("position", p.position());
            pm.put("name", p.name());
            pm.put("serverType", p.serverType());
            pm.put("declaredType", p.declaredType());
            parameters.add(pm);
        }
        m.put("parameters", parameters);
        // Built like the parameters above: two lists of objects with keys of their own.
        List<Map<String, Object>> columns = new ArrayList<>();
        for (ResultColumn c : r.columns()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", c.name());
            cm.put("type", c.type());
            cm.put("table", c.table());
            cm.put("nullability", c.nullability().name().toLowerCase(Locale.ROOT));
            columns.add(cm);
        }
        m.put("columns", columns);
        if (r.failure() != null) {
            CheckFailure f = r.failure();
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("sqlState", f.sqlState());
            fm.put("message", f.message());
            fm.put("detail", f.detail());
            fm.put("hint", f.hint());
            fm.put("location", f.location());
            fm.put("line", f.line());
            fm.put("column", f.column());
            m.put("failure", fm);
        } else {
            m.put("failure", null);
        }
        m.put("skipReason", r.skipReason());
        return m;
    }
}
