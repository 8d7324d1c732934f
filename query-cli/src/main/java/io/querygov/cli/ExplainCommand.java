package io.querygov.cli;

import io.querygov.cli.internal.CliException;
import io.querygov.cli.internal.Json;
import io.querygov.cli.internal.OutputOptions;
import io.querygov.cli.internal.PositionalSql;
import io.querygov.cli.internal.Target;
import io.querygov.cli.internal.Workload;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.inspect.ExplainOptions;
import io.querygov.inspect.ExplainResult;
import io.querygov.inspect.Explainer;
import io.querygov.inspect.ParameterSource;
import io.querygov.inspect.PlanWarning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code querytool explain NAME}: a registered statement's plan, with what is worth a look in it. */
// Every command's help is a picocli @Command laid out alike; the words are its own.
@Command(name = "explain",
        header = "Show a registered statement's plan, with warnings; --analyze is rolled back.",
        description = "Show the plan of one registered statement, with warnings (sequential scans of large tables,"
                + " misestimates, spills to disk, filters that discard most rows, generic plans that differ)."
                + " Parameter values come from the query's samplers or --param. With --analyze the statement"
                + " runs, in a transaction that is always rolled back.",
        footer = {
            "  querytool explain project_stats",
            "  querytool explain project_stats --analyze --buffers \\",
            "      --param project_id=42",
            "  querytool explain monthly_report --setting work_mem=64MB --format json"})
public final class ExplainCommand extends TargetCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The registered query to explain.")
    String name;

    @Option(names = "--analyze", order = 1,
            description = "Run the statement (EXPLAIN ANALYZE) for actual rows and times; its transaction is"
                    + " rolled back, so a statement that writes changes nothing.")
    boolean analyze;

    @Option(names = "--buffers", order = 2, description = "Report shared, local and temp blocks (BUFFERS).")
    boolean buffers;

    @Option(names = "--param", paramLabel = "NAME=VALUE", order = 3,
            description = "A parameter value, repeatable; parameters without one are drawn from their samplers.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--setting", paramLabel = "NAME=VALUE", order = 4,
            description = "A planner or memory setting for this EXPLAIN only (SET LOCAL), repeatable, e.g."
                    + " work_mem=64MB.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--no-generic-plan", order = 5, negatable = false,
            description = "Skip the generic plan (on PostgreSQL 16+ it is shown when it differs).")
    boolean noGenericPlan;

    // Not the shared SeedOption: explain's help says what its seed is for. Declared like advise's options, one
    // @Option per field.
    @Option(names = "--seed", order = 6, defaultValue = "42",
            description = "Seed of the parameter samplers, for repeatable values (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--allow-writes", order = 7,
            description = "With --analyze, run a statement whose side effects a rollback cannot undo (nextval, COPY"
                    + " ... PROGRAM, pg_terminate_backend, ...) instead of refusing it. The rest is still rolled back.")
    boolean allowWrites;

    @Mixin
    OutputOptions output;

    @Override
    int execute() {
        requireNotCsv(output.format(), "a plan");
        withSettings(ExplainOptions.defaults()); // a bad --setting is refused before anything runs
        try (Workload workload = catalogOptions.open()) {
            return explain(workload.catalog().get(name));
        }
    }

    private int explain(QueryDescriptor query) {
        if (PositionalSql.is(query)) {
            throw new CliException(ExitCode.USAGE, "Query '" + query.name() + "' (" + query.originOrUnknown()
                    + ") is registered with positional ? parameters, which cannot be given values by name: explain"
                    + " a query written with :names (for a named query, its SQL file twin if it has one)");
        }
        try (Target target = open(output.format(), QueryCatalog.of(query))) {
            phases.restart();
            Map<String, Object> values = ParameterSource.create(target.readOnly(), seed).values(query, params);
            ExplainOptions options = ExplainOptions.defaults().withAnalyze(analyze).withBuffers(buffers)
                    .withGenericPlan(!noGenericPlan).withStatementTimeout(timeout(query, target))
                    .withAllowWrites(allowWrites);
            options = withSettings(options);
            ExplainResult result = Explainer.create(analyze ? target.readWrite() : target.readOnly())
                    .explain(query, values, options);
            phases.end(analyze ? "explain analyze" : "explain");
            if (output.format() == io.querygov.cli.internal.Format.JSON) {
                Json.print(out, json(target, query, result));
            } else {
                header(output.format(), target, null);
                out.println("query:      " + query.name() + " (" + query.type() + ", " + query.originOrUnknown() + ")");
                out.println("parameters: " + (result.parameters().isEmpty() ? "none" : result.parameters()
                        .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "))));
                if (analyze) {
                    out.println("analyze:    the statement ran in a transaction that was rolled back");
                }
                out.println();
                // why there is no generic plan (the server is older than 16, the statement has no parameters) is
                // the same on every run: said with -v only, and always in --format json
                ExplainResult shown = verbosity.level() > 0 || result.genericPlanNote() == null ? result
                        : new ExplainResult(result.query(), result.parameters(), result.options(), result.plan(),
                                result.warnings(), result.genericPlan(), result.genericPlanWarnings(), null);
                out.print(shown.renderText());
                if (!result.warnings().isEmpty()) {
                    out.println();
                    out.println(result.warnings().size() + (result.warnings().size() == 1 ? " warning" : " warnings")
                            + ": " + result.warnings().stream().map(w -> w.kind().name()).distinct()
                            .collect(Collectors.joining(", ")));
                }
                footer(output.format());
            }
            return ExitCode.OK;
        }
    }

    private ExplainOptions withSettings(ExplainOptions options) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            try {
                options = options.withSetting(e.getKey(), e.getValue());
            } catch (IllegalArgumentException bad) {
                throw new CliException(ExitCode.USAGE, "--setting " + bad.getMessage(), bad);
            }
        }
        return options;
    }

    /** The query's own timeout when it is shorter than the command's, else the command's. */
    private static Duration timeout(QueryDescriptor query, Target target) {
        Duration command = target.statementTimeout();
        return query.timeout().filter(t -> t.compareTo(command) < 0).orElse(command);
    }

    private Map<String, Object> json(Target target, QueryDescriptor query, ExplainResult result) {
        Map<String, Object> doc = jsonHeader(target);
        doc.put("query", query.name());
        doc.put("type", query.type().name());
        doc.put("origin", query.origin().orElse(null));
        doc.put("analyze", analyze);
        doc.put("rolledBack", true);
        doc.put("parameters", result.parameters());
        doc.put("plan", Json.parse(result.plan().json()));
        doc.put("warnings", warnings(result.warnings()));
        doc.put("genericPlan", result.genericPlan() == null ? null : Json.parse(result.genericPlan().json()));
        doc.put("genericPlanWarnings", warnings(result.genericPlanWarnings()));
        doc.put("genericPlanNote", result.genericPlanNote());
        doc.put("phasesMillis", jsonPhasesMillis());
        return doc;
    }

    private static List<Map<String, Object>> warnings(List<PlanWarning> warnings) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PlanWarning w : warnings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", w.kind().name());
            m.put("nodeId", w.nodeId());
            m.put("node", w.node());
            m.put("message", w.message());
            out.add(m);
        }
        return out;
    }
}
