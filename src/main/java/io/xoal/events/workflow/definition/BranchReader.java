package io.xoal.events.workflow.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.definition.DefinitionParser;
import io.xoal.events.workflow.definition.StepSettings.Condition;
import io.xoal.events.workflow.definition.WorkflowDefinition.Edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A branch's ordered {@code cases} ({@code {"condition", "next"}}, then {@code default}) and a
 * split's weighted {@code paths}. A condition is either {@code {"trigger": [filters]}} over the
 * trigger event's properties ({@code where} syntax) or a condition of the segment language on the
 * customer ({@code attribute}, {@code tag}, {@code in_segment}, {@code performed}, {@code and}/{@code or}/{@code not}).
 */
final class BranchReader {

    private static final int MAX_CASES = 20;
    private static final int MAX_PATHS = 10;
    private final Checks checks;

    BranchReader(Checks checks) {
        this.checks = checks;
    }

    StepSettings branch(JsonNode json, String at, List<Edge> edges) {
        JsonNode cases = json.get("cases");
        List<Condition> conditions = new ArrayList<>();
        if (cases == null || !cases.isArray() || cases.isEmpty() || cases.size() > MAX_CASES) {
            checks.error(at + "/cases", "must be an array of 1 to " + MAX_CASES + " cases");
        } else {
            for (int i = 0; i < cases.size(); i++) {
                String here = at + "/cases/" + i;
                if (checks.shape(cases.get(i), here, Set.of("condition", "next"))) {
                    conditions.add(condition(cases.get(i).get("condition"), here + "/condition"));
                    checks.edge(cases.get(i).get("next"), "cases/" + i + "/next", at, edges);
                }
            }
        }
        checks.edge(json.get("default"), "default", at, edges);
        return new StepSettings.Branch(conditions);
    }

    private Condition condition(JsonNode json, String at) {
        if (json != null && json.isObject() && json.size() == 1 && json.has("trigger")) {
            return new StepSettings.TriggerCondition(DefinitionParser.where(json.get("trigger"), at + "/trigger", checks.errors));
        }
        try {
            return new StepSettings.CustomerCondition(DefinitionParser.parse(json, at));
        } catch (ProblemException e) {
            checks.errors.addAll(e.errors());
            return null;
        }
    }

    StepSettings split(JsonNode json, String at, List<Edge> edges) {
        JsonNode paths = json.get("paths");
        List<Integer> weights = new ArrayList<>();
        if (paths == null || !paths.isArray() || paths.size() < 2 || paths.size() > MAX_PATHS) {
            checks.error(at + "/paths", "must be an array of 2 to " + MAX_PATHS + " paths");
            return new StepSettings.Split(weights);
        }
        for (int i = 0; i < paths.size(); i++) {
            String here = at + "/paths/" + i;
            if (checks.shape(paths.get(i), here, Set.of("weight", "next"))) {
                JsonNode weight = paths.get(i).get("weight");
                if (weight == null || !weight.isInt() || weight.asInt() < 1 || weight.asInt() > 1000) {
                    checks.error(here + "/weight", "must be a whole number from 1 to 1000");
                } else {
                    weights.add(weight.asInt());
                }
                checks.edge(paths.get(i).get("next"), "paths/" + i + "/next", at, edges);
            }
        }
        return new StepSettings.Split(weights);
    }
}
