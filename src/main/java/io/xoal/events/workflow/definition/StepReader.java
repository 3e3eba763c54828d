package io.xoal.events.workflow.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.segment.definition.CustomerColumns;
import io.xoal.events.workflow.definition.WorkflowDefinition.Edge;
import io.xoal.events.workflow.definition.WorkflowDefinition.Step;
import io.xoal.events.workflow.definition.WorkflowDefinition.StepType;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a definition's {@code steps}: each step by its type, then the graph as a whole
 * ({@link StepGraph}); delays, branches and emails have their own readers.
 */
final class StepReader {

    private static final int MAX_STEPS = 100;
    private static final Set<String> COMMON = Set.of("id", "type");
    private static final Map<StepType, Set<String>> FIELDS = Map.of(
            StepType.DELAY, Set.of("next", "duration", "until", "until_attribute", "time_of_day"),
            StepType.WEBHOOK, Set.of("next", "url"),
            StepType.EMAIL, Set.of("next", "subject", "text", "html"),
            StepType.EXIT, Set.of(),
            StepType.BRANCH, Set.of("cases", "default"),
            StepType.SPLIT, Set.of("paths"),
            StepType.WAIT_FOR_EVENT, Set.of("event", "match", "timeout", "next", "timeout_next"),
            StepType.UPDATE, Set.of("next", "attribute", "add_tag", "remove_tag"));
    private static final Set<String> ANY_FIELD = allFields();

    private final Checks checks;

    private StepReader(Checks checks) {
        this.checks = checks;
    }

    /** The steps by id, in their order; every mistake is added to {@code checks}. */
    static Map<String, Step> read(JsonNode list, String at, Checks checks) {
        return new StepReader(checks).steps(list, at);
    }

    private Map<String, Step> steps(JsonNode list, String at) {
        Map<String, Step> steps = new LinkedHashMap<>();
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_STEPS) {
            checks.error(at, "must be an array of 1 to " + MAX_STEPS + " steps");
            return steps;
        }
        Map<String, String> pointers = new HashMap<>();
        int before = checks.errors.size();
        for (int i = 0; i < list.size(); i++) {
            String here = at + "/" + i;
            Step step = step(list.get(i), here);
            if (step != null && steps.putIfAbsent(step.id(), step) != null) {
                checks.error(here + "/id", "repeats the id of another step: " + step.id());
            } else if (step != null) {
                pointers.put(step.id(), here);
            }
        }
        if (checks.errors.size() == before) {
            StepGraph.check(steps, pointers, checks.errors);
        }
        return steps;
    }

    private Step step(JsonNode json, String at) {
        if (!checks.shape(json, at, ANY_FIELD)) {
            return null;
        }
        String id = checks.text(json.get("id"), at + "/id");
        StepType type = checks.choice(StepType.class, json.get("type"), at + "/type");
        if (id == null || type == null) {
            return null;
        }
        json.fieldNames().forEachRemaining(key -> {
            if (!COMMON.contains(key) && !FIELDS.get(type).contains(key)) {
                checks.error(at + "/" + key, "is not a field of a " + type.name().toLowerCase(Locale.ROOT) + " step");
            }
        });
        List<Edge> edges = new ArrayList<>();
        StepSettings settings = switch (type) {
            case DELAY -> DelayReader.read(json, at, checks);
            case WEBHOOK -> new StepSettings.Webhook(url(json.get("url"), at + "/url"));
            case EMAIL -> EmailReader.read(json, at, checks);
            case EXIT -> new StepSettings.None();
            case BRANCH -> new BranchReader(checks).branch(json, at, edges);
            case SPLIT -> new BranchReader(checks).split(json, at, edges);
            case WAIT_FOR_EVENT -> waitForEvent(json, at, edges);
            case UPDATE -> update(json, at);
        };
        if (FIELDS.get(type).contains("next")) {
            checks.edge(json.get("next"), "next", at, edges);
        }
        return new Step(id, type, List.copyOf(edges), settings);
    }

    private StepSettings waitForEvent(JsonNode json, String at, List<Edge> edges) {
        String event = checks.text(json.get("event"), at + "/event");
        String property = null;
        if (json.has("match") && checks.shape(json.get("match"), at + "/match", Set.of("property"))) {
            property = checks.text(json.get("match").get("property"), at + "/match/property");
        }
        StepSettings.WaitForEvent wait = new StepSettings.WaitForEvent(event, property,
                checks.duration(json.get("timeout"), at + "/timeout", false));
        checks.edge(json.get("timeout_next"), "timeout_next", at, edges);
        return wait;
    }

    private StepSettings update(JsonNode json, String at) {
        List<String> given = List.of("attribute", "add_tag", "remove_tag").stream().filter(json::has).toList();
        if (given.size() != 1) {
            checks.error(at, "must have exactly one of attribute, add_tag, remove_tag");
            return null;
        }
        if (!given.get(0).equals("attribute")) {
            return new StepSettings.Update(null, null, checks.text(json.get(given.get(0)), at + "/" + given.get(0)),
                    given.get(0).equals("add_tag"));
        }
        JsonNode attribute = json.get("attribute");
        if (!checks.shape(attribute, at + "/attribute", Set.of("name", "value")) || !attribute.has("value")) {
            checks.error(at + "/attribute", "must be {\"name\": \"plan\", \"value\": any JSON value, null removes it}");
            return null;
        }
        String name = checks.text(attribute.get("name"), at + "/attribute/name");
        if (name != null && (name.contains(".") || CustomerColumns.builtIn(name) != null)) {
            checks.error(at + "/attribute/name", "must be a custom attribute's name, without dots");
        }
        JsonNode value = attribute.get("value");
        return new StepSettings.Update(name, value.isNull() ? null : value.toString(), null, false);
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
        checks.error(at, "must be an absolute http or https URL");
        return null;
    }

    private static Set<String> allFields() {
        Set<String> all = new HashSet<>(COMMON);
        FIELDS.values().forEach(all::addAll);
        return Set.copyOf(all);
    }
}
