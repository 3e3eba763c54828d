package io.xoal.events.workflow.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.definition.DefinitionParser;
import io.xoal.events.segment.definition.Node;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a workflow definition (JSON, docs/workflows.md) into a {@link WorkflowDefinition}, or
 * answers 400 listing every mistake with its JSON pointer under {@code /definition}.
 */
public final class DefinitionReader {

    private static final String AT = "/definition";
    private final Checks checks = new Checks();

    private DefinitionReader() {
    }

    /** The definition; 400 with every error when it is not valid. */
    public static WorkflowDefinition read(JsonNode json) {
        DefinitionReader reader = new DefinitionReader();
        WorkflowDefinition definition = reader.definition(json);
        if (!reader.checks.errors.isEmpty()) {
            throw ProblemException.badRequest("The workflow definition is not valid", reader.checks.errors);
        }
        return definition;
    }

    private WorkflowDefinition definition(JsonNode json) {
        if (!shape(json, AT, Set.of("trigger", "enrol_key", "reentry", "max_active_per_customer", "steps", "goal"))) {
            return null;
        }
        TriggerReader entry = new TriggerReader(checks, AT);
        WorkflowDefinition.Trigger trigger = entry.trigger(json.get("trigger"));
        List<Node.Filter> where = trigger == null ? List.of() : entry.where(json.get("trigger"));
        String property = entry.enrolProperty(json.get("enrol_key"), trigger);
        WorkflowDefinition.Reentry reentry = entry.reentry(json.get("reentry"));
        Duration interval = entry.interval(json.get("reentry"), reentry);
        Integer maxActive = entry.maxActive(json.get("max_active_per_customer"));
        Map<String, WorkflowDefinition.Step> steps = StepReader.read(json.get("steps"), AT + "/steps", checks);
        String first = steps.isEmpty() ? null : steps.keySet().iterator().next();
        return new WorkflowDefinition(trigger, where, property, reentry, interval, maxActive, steps, first, goal(json.get("goal")));
    }

    /**
     * {@code {"event", "where"}} or {@code {"segment_entered": id}}: a customer who performs it, or enters
     * that segment, leaves their runs (docs/workflows.md, goals).
     */
    private WorkflowDefinition.Goal goal(JsonNode json) {
        if (json == null || !shape(json, AT + "/goal", Set.of("event", "where", "segment_entered"))) {
            return null;
        }
        if (json.has("event") == json.has("segment_entered") || json.has("where") && !json.has("event")) {
            checks.error(AT + "/goal", "must have exactly one of event (with an optional where), segment_entered");
            return null;
        }
        if (json.has("segment_entered")) {
            return new WorkflowDefinition.Goal(null, List.of(), checks.id(json.get("segment_entered"), AT + "/goal/segment_entered"));
        }
        return new WorkflowDefinition.Goal(text(json.get("event"), AT + "/goal/event"),
                DefinitionParser.where(json.get("where"), AT + "/goal/where", checks.errors), null);
    }

    private boolean shape(JsonNode json, String at, Set<String> keys) {
        return checks.shape(json, at, keys);
    }

    private String text(JsonNode json, String at) {
        return checks.text(json, at);
    }

}
