package io.xoal.events.workflow.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.segment.definition.DefinitionParser;
import io.xoal.events.segment.definition.Node;
import io.xoal.events.workflow.definition.WorkflowDefinition.Reentry;
import io.xoal.events.workflow.definition.WorkflowDefinition.Trigger;
import io.xoal.events.workflow.definition.WorkflowDefinition.TriggerKind;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Reads who enters a workflow: the {@code trigger} (exactly one of {@code event} with its
 * {@code where}, {@code segment} {@code {"id", "on": "entered"|"left"}}, {@code api} {@code {}}),
 * the {@code enrol_key} (event triggers only), the {@code reentry} policy ({@code "once"},
 * {@code "every"}, {@code {"interval": "P7D"}}) and {@code max_active_per_customer}.
 */
final class TriggerReader {

    static final int MAX_ACTIVE = 1000;
    private static final Set<String> KINDS = Set.of("event", "segment", "api");

    private final Checks checks;
    private final String at;

    TriggerReader(Checks checks, String at) {
        this.checks = checks;
        this.at = at;
    }

    /** The trigger, or null after an error. */
    Trigger trigger(JsonNode json) {
        String here = at + "/trigger";
        if (!checks.shape(json, here, Set.of("event", "where", "segment", "api"))) {
            return null;
        }
        List<String> given = KINDS.stream().filter(json::has).sorted().toList();
        if (given.size() != 1 || json.has("where") && !json.has("event")) {
            checks.error(here, "must have exactly one of event (with an optional where), segment, api");
            return null;
        }
        return switch (given.get(0)) {
            case "event" -> new Trigger(TriggerKind.EVENT, checks.text(json.get("event"), here + "/event"), null, null);
            case "segment" -> segment(json.get("segment"), here + "/segment");
            default -> checks.shape(json.get("api"), here + "/api", Set.of()) ? new Trigger(TriggerKind.API, null, null, null) : null;
        };
    }

    private Trigger segment(JsonNode json, String here) {
        if (!checks.shape(json, here, Set.of("id", "on"))) {
            return null;
        }
        Long id = checks.id(json.get("id"), here + "/id");
        JsonNode on = json.get("on");
        if (on == null || !on.isTextual() || !Set.of("entered", "left").contains(on.asText())) {
            checks.error(here + "/on", "must be entered or left");
            return null;
        }
        return id == null ? null : new Trigger(TriggerKind.SEGMENT, null, id, on.asText());
    }

    /** An event trigger's property filters; none for the other kinds. */
    List<Node.Filter> where(JsonNode trigger) {
        return trigger != null && trigger.has("where")
                ? DefinitionParser.where(trigger.get("where"), at + "/trigger/where", checks.errors)
                : List.of();
    }

    /** {@code "message_id"} (the default) or {@code {"property": "cartId"}}, event triggers only; null means the default. */
    String enrolProperty(JsonNode key, Trigger trigger) {
        String here = at + "/enrol_key";
        if (key != null && trigger != null && trigger.kind() != TriggerKind.EVENT) {
            checks.error(here, "only an event trigger has a choice of enrolment key: a segment trigger's is the transition, "
                    + "an API trigger's the Idempotency-Key");
            return null;
        }
        if (key == null || key.isTextual() && "message_id".equals(key.asText())) {
            return null;
        }
        if (key.isObject() && checks.shape(key, here, Set.of("property"))) {
            return checks.text(key.get("property"), here + "/property");
        }
        checks.error(here, "must be \"message_id\" or {\"property\": \"name\"}");
        return null;
    }

    /** {@code "once"}, {@code "every"} (the default) or {@code {"interval": "P7D"}}. */
    Reentry reentry(JsonNode json) {
        if (json == null) {
            return Reentry.EVERY;
        }
        if (json.isObject()) {
            return checks.shape(json, at + "/reentry", Set.of("interval")) ? Reentry.INTERVAL : null;
        }
        if (json.isTextual() && "interval".equals(json.asText())) {
            checks.error(at + "/reentry", "must be \"once\", \"every\" or {\"interval\": \"P7D\"}");
            return null;
        }
        return checks.choice(Reentry.class, json, at + "/reentry");
    }

    /** The interval of {@code {"interval": …}}: more than zero, at most 366 days; null for the other policies. */
    Duration interval(JsonNode json, Reentry reentry) {
        if (reentry != Reentry.INTERVAL) {
            return null;
        }
        String here = at + "/reentry/interval";
        int before = checks.errors.size();
        Duration interval = checks.duration(json.get("interval"), here, false);
        if (interval.isZero() && checks.errors.size() == before) {
            checks.error(here, "must be longer than zero");
        }
        return interval;
    }

    /** {@code max_active_per_customer}: 1 to 1000 active runs of the workflow per customer; null: no cap. */
    Integer maxActive(JsonNode json) {
        if (json == null) {
            return null;
        }
        if (!json.canConvertToExactIntegral() || !json.canConvertToInt() || json.asInt() < 1 || json.asInt() > MAX_ACTIVE) {
            checks.error(at + "/max_active_per_customer", "must be an integer from 1 to " + MAX_ACTIVE);
            return null;
        }
        return json.asInt();
    }
}
