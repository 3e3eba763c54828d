package io.xoal.events.workflow.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.definition.DefinitionParser;
import io.xoal.events.segment.definition.Node;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a workflow definition (JSON, docs/workflows.md) into a {@link WorkflowDefinition}, or
 * answers 400 listing every mistake with its JSON pointer under {@code /definition}.
 */
public final class DefinitionReader {

    private static final String AT = "/definition";
    private static final int MAX_STEPS = 100;
    private static final int MAX_TEXT = 255;
    private static final Duration MAX_DELAY = Duration.ofDays(366);
    private final List<FieldError> errors = new ArrayList<>();

    private DefinitionReader() {
    }

    /** The definition; 400 with every error when it is not valid. */
    public static WorkflowDefinition read(JsonNode json) {
        DefinitionReader reader = new DefinitionReader();
        WorkflowDefinition definition = reader.definition(json);
        if (!reader.errors.isEmpty()) {
            throw ProblemException.badRequest("The workflow definition is not valid", reader.errors);
        }
        return definition;
    }

    private WorkflowDefinition definition(JsonNode json) {
        if (!shape(json, AT, Set.of("trigger", "enrol_key", "reentry", "steps"))) {
            return null;
        }
        JsonNode trigger = json.get("trigger");
        boolean triggerShaped = shape(trigger, AT + "/trigger", Set.of("event", "where"));
        String event = triggerShaped ? text(trigger.get("event"), AT + "/trigger/event") : null;
        List<Node.Filter> where = triggerShaped
                ? DefinitionParser.where(trigger.get("where"), AT + "/trigger/where", errors)
                : List.of();
        String property = enrolProperty(json.get("enrol_key"));
        WorkflowDefinition.Reentry reentry = json.has("reentry")
                ? choice(WorkflowDefinition.Reentry.class, json.get("reentry"), AT + "/reentry")
                : WorkflowDefinition.Reentry.EVERY;
        Map<String, WorkflowDefinition.Step> steps = steps(json.get("steps"));
        String first = steps.isEmpty() ? null : steps.keySet().iterator().next();
        return new WorkflowDefinition(event, where, property, reentry, steps, first);
    }

    /** {@code "message_id"} (the default) or {@code {"property": "cartId"}}; null means the messageId. */
    private String enrolProperty(JsonNode key) {
        if (key == null || key.isTextual() && "message_id".equals(key.asText())) {
            return null;
        }
        if (key.isObject() && shape(key, AT + "/enrol_key", Set.of("property"))) {
            return text(key.get("property"), AT + "/enrol_key/property");
        }
        errors.add(new FieldError(AT + "/enrol_key", "must be \"message_id\" or {\"property\": \"name\"}"));
        return null;
    }

    private Map<String, WorkflowDefinition.Step> steps(JsonNode list) {
        Map<String, WorkflowDefinition.Step> steps = new LinkedHashMap<>();
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_STEPS) {
            errors.add(new FieldError(AT + "/steps", "must be an array of 1 to " + MAX_STEPS + " steps"));
            return steps;
        }
        Map<String, String> pointers = new HashMap<>();
        int before = errors.size();
        for (int i = 0; i < list.size(); i++) {
            String at = AT + "/steps/" + i;
            WorkflowDefinition.Step step = step(list.get(i), at);
            if (step != null && steps.putIfAbsent(step.id(), step) != null) {
                errors.add(new FieldError(at + "/id", "repeats the id of another step: " + step.id()));
            } else if (step != null) {
                pointers.put(step.id(), at);
            }
        }
        if (errors.size() == before) {
            StepGraph.check(steps, pointers, errors);
        }
        return steps;
    }

    private WorkflowDefinition.Step step(JsonNode json, String at) {
        if (!shape(json, at, Set.of("id", "type", "next", "duration", "url"))) {
            return null;
        }
        String id = text(json.get("id"), at + "/id");
        WorkflowDefinition.StepType type = choice(WorkflowDefinition.StepType.class, json.get("type"), at + "/type");
        if (id == null || type == null) {
            return null;
        }
        Set<String> allowed = switch (type) {
            case DELAY -> Set.of("id", "type", "next", "duration");
            case WEBHOOK -> Set.of("id", "type", "next", "url");
            case EXIT -> Set.of("id", "type");
        };
        json.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                errors.add(new FieldError(at + "/" + key, "is not a field of a " + type.name().toLowerCase(Locale.ROOT) + " step"));
            }
        });
        String next = type == WorkflowDefinition.StepType.EXIT ? null : text(json.get("next"), at + "/next");
        Duration duration = type == WorkflowDefinition.StepType.DELAY ? duration(json.get("duration"), at + "/duration") : null;
        URI url = type == WorkflowDefinition.StepType.WEBHOOK ? url(json.get("url"), at + "/url") : null;
        return new WorkflowDefinition.Step(id, type, duration, url, next);
    }

    private Duration duration(JsonNode json, String at) {
        try {
            Duration d = json != null && json.isTextual() ? Duration.parse(json.asText()) : null;
            if (d != null && !d.isNegative() && d.compareTo(MAX_DELAY) <= 0) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        errors.add(new FieldError(at, "must be an ISO-8601 duration from PT0S to P366D, e.g. PT1H"));
        return Duration.ZERO;
    }

    private URI url(JsonNode json, String at) {
        try {
            URI uri = json != null && json.isTextual() && json.asText().length() <= 2000 ? new URI(json.asText()) : null;
            if (uri != null && uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        errors.add(new FieldError(at, "must be an absolute http or https URL"));
        return null;
    }

    private boolean shape(JsonNode json, String at, Set<String> keys) {
        if (json == null || !json.isObject()) {
            errors.add(new FieldError(at, "must be an object"));
            return false;
        }
        boolean ok = true;
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                errors.add(new FieldError(at + "/" + key, "is not one of " + keys.stream().sorted().toList()));
                ok = false;
            }
        }
        return ok;
    }

    private String text(JsonNode json, String at) {
        if (json == null || !json.isTextual() || json.asText().isBlank() || json.asText().length() > MAX_TEXT) {
            errors.add(new FieldError(at, "must be a text of 1 to " + MAX_TEXT + " characters"));
            return null;
        }
        return json.asText();
    }

    private <E extends Enum<E>> E choice(Class<E> type, JsonNode json, String at) {
        for (E value : type.getEnumConstants()) {
            if (json != null && json.isTextual() && value.name().toLowerCase(Locale.ROOT).equals(json.asText())) {
                return value;
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        errors.add(new FieldError(at, "must be one of " + names));
        return null;
    }
}
