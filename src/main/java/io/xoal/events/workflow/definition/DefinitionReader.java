package io.xoal.events.workflow.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.definition.DefinitionParser;
import io.xoal.events.segment.definition.Node;

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
        if (!shape(json, AT, Set.of("trigger", "enrol_key", "reentry", "steps", "goal"))) {
            return null;
        }
        JsonNode trigger = json.get("trigger");
        boolean triggerShaped = shape(trigger, AT + "/trigger", Set.of("event", "where"));
        String event = triggerShaped ? text(trigger.get("event"), AT + "/trigger/event") : null;
        List<Node.Filter> where = triggerShaped
                ? DefinitionParser.where(trigger.get("where"), AT + "/trigger/where", checks.errors)
                : List.of();
        String property = enrolProperty(json.get("enrol_key"));
        WorkflowDefinition.Reentry reentry = json.has("reentry")
                ? choice(WorkflowDefinition.Reentry.class, json.get("reentry"), AT + "/reentry")
                : WorkflowDefinition.Reentry.EVERY;
        Map<String, WorkflowDefinition.Step> steps = StepReader.read(json.get("steps"), AT + "/steps", checks);
        String first = steps.isEmpty() ? null : steps.keySet().iterator().next();
        return new WorkflowDefinition(event, where, property, reentry, steps, first, goal(json.get("goal")));
    }

    /** {@code "message_id"} (the default) or {@code {"property": "cartId"}}; null means the messageId. */
    private String enrolProperty(JsonNode key) {
        if (key == null || key.isTextual() && "message_id".equals(key.asText())) {
            return null;
        }
        if (key.isObject() && shape(key, AT + "/enrol_key", Set.of("property"))) {
            return text(key.get("property"), AT + "/enrol_key/property");
        }
        checks.error(AT + "/enrol_key", "must be \"message_id\" or {\"property\": \"name\"}");
        return null;
    }

    /** {@code {"event", "where"}}: a customer who performs it leaves their runs (docs/workflows.md, goals). */
    private WorkflowDefinition.Goal goal(JsonNode json) {
        if (json == null || !shape(json, AT + "/goal", Set.of("event", "where"))) {
            return null;
        }
        return new WorkflowDefinition.Goal(text(json.get("event"), AT + "/goal/event"),
                DefinitionParser.where(json.get("where"), AT + "/goal/where", checks.errors));
    }

    private boolean shape(JsonNode json, String at, Set<String> keys) {
        return checks.shape(json, at, keys);
    }

    private String text(JsonNode json, String at) {
        return checks.text(json, at);
    }

    private <E extends Enum<E>> E choice(Class<E> type, JsonNode json, String at) {
        return checks.choice(type, json, at);
    }
}
