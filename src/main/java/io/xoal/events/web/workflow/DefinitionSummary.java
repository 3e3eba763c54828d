package io.xoal.events.web.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A workflow definition in a few words for the pages: what triggers it, and each step's type, gist and edges. */
final class DefinitionSummary {

    private DefinitionSummary() {
    }

    /** A step as listed: its id, type, the setting that says most about it, and the steps it goes on to. */
    record Step(String id, String type, String gist, String next) {
    }

    static String trigger(JsonNode definition) {
        JsonNode trigger = definition.path("trigger");
        if (trigger.has("event")) {
            return "event " + trigger.path("event").asText() + (trigger.has("where") ? " (filtered)" : "");
        }
        if (trigger.has("segment")) {
            return "segment " + trigger.path("segment").path("id").asText() + " " + trigger.path("segment").path("on").asText("entered");
        }
        return trigger.has("api") ? "API call" : "";
    }

    static List<Step> steps(JsonNode definition) {
        List<Step> steps = new ArrayList<>();
        definition.path("steps").forEach(step -> steps.add(new Step(step.path("id").asText(), step.path("type").asText(), gist(step),
                String.join(", ", edges(step)))));
        return steps;
    }

    private static String gist(JsonNode step) {
        return switch (step.path("type").asText()) {
            case "delay" -> first(step, "duration", "until", "until_attribute", "time_of_day");
            case "webhook" -> step.path("url").asText();
            case "email" -> step.path("subject").asText();
            case "wait_for_event" -> step.path("event").asText() + ", timeout " + step.path("timeout").asText();
            case "update" -> first(step, "attribute", "add_tag", "remove_tag");
            case "branch" -> step.path("cases").size() + " cases";
            case "split" -> step.path("paths").size() + " paths";
            default -> "";
        };
    }

    /** The first of {@code fields} the step has, as text (an object as its JSON). */
    private static String first(JsonNode step, String... fields) {
        for (String field : fields) {
            JsonNode value = step.get(field);
            if (value != null) {
                return field + " " + (value.isTextual() ? value.asText() : value.toString());
            }
        }
        return "";
    }

    private static List<String> edges(JsonNode step) {
        List<String> edges = new ArrayList<>();
        for (String field : List.of("next", "default", "timeout_next")) {
            if (step.path(field).isTextual()) {
                edges.add(step.path(field).asText());
            }
        }
        for (String list : List.of("cases", "paths")) {
            step.path(list).forEach(edge -> edges.add(edge.path("next").asText()));
        }
        return edges.stream().distinct().collect(Collectors.toList());
    }
}
