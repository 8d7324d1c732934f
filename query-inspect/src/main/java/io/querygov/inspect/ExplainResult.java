package io.querygov.inspect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A statement's plan and what is worth a look in it.
 *
 * @param query the registered name
 * @param parameters the values the statement was explained with, as text, by parameter name
 * @param options the options it was explained with
 * @param plan the plan for these values (a custom plan), with PostgreSQL's JSON
 * @param warnings warnings about {@code plan}, in node order, then a
 *        {@link PlanWarning.Kind#GENERIC_PLAN_DIFFERS} when the generic plan differs
 * @param genericPlan the generic plan, or null (see {@code genericPlanNote})
 * @param genericPlanWarnings warnings about {@code genericPlan}, empty when there is none
 * @param genericPlanNote why there is no generic plan, or null when there is one
 */
public record ExplainResult(String query, Map<String, String> parameters, ExplainOptions options, QueryPlan plan,
                           List<PlanWarning> warnings, QueryPlan genericPlan, List<PlanWarning> genericPlanWarnings,
                           String genericPlanNote) {

    public ExplainResult {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        warnings = List.copyOf(warnings);
        genericPlanWarnings = List.copyOf(genericPlanWarnings);
    }

    /** The plan as indented text with its warnings, and the generic plan after it when there is one. */
    public String renderText() {
        StringBuilder out = new StringBuilder(PlanText.render(plan, warnings));
        if (genericPlan != null) {
            out.append("\nGeneric plan (what a prepared statement may switch to after five executions):\n");
            out.append(PlanText.render(genericPlan, genericPlanWarnings));
        } else if (genericPlanNote != null) {
            out.append("\nNo generic plan: ").append(genericPlanNote).append('\n');
        }
        return out.toString();
    }
}
