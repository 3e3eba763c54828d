package io.xoal.events.workflow.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.segment.definition.CustomerColumns;
import io.xoal.events.segment.definition.ValueType;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * A delay step's wait, exactly one of: {@code duration} (ISO span), {@code until} (an ISO instant),
 * {@code until_attribute} ({@code {"name", "offset"}}: a customer date attribute plus a signed span) or
 * {@code time_of_day} ({@code {"at": "09:00", "fallback_zone"}}: the next such time in the customer's zone).
 */
final class DelayReader {

    private static final List<String> KINDS = List.of("duration", "until", "until_attribute", "time_of_day");

    private DelayReader() {
    }

    static StepSettings read(JsonNode json, String at, Checks checks) {
        List<String> given = KINDS.stream().filter(json::has).toList();
        if (given.size() != 1) {
            checks.error(at + "/duration", "a delay needs exactly one of " + KINDS);
            return new StepSettings.Delay(Duration.ZERO);
        }
        String kind = given.get(0);
        JsonNode value = json.get(kind);
        String here = at + "/" + kind;
        return switch (kind) {
            case "duration" -> new StepSettings.Delay(checks.duration(value, here, false));
            case "until" -> until(value, here, checks);
            case "until_attribute" -> untilAttribute(value, here, checks);
            default -> timeOfDay(value, here, checks);
        };
    }

    private static StepSettings until(JsonNode value, String at, Checks checks) {
        try {
            if (value != null && value.isTextual()) {
                return new StepSettings.DelayUntil(OffsetDateTime.parse(value.asText()).toInstant());
            }
        } catch (DateTimeException e) {
            // answered below
        }
        checks.error(at, "must be an ISO-8601 instant with its offset, e.g. 2026-12-24T09:00:00Z");
        return new StepSettings.Delay(Duration.ZERO);
    }

    private static StepSettings untilAttribute(JsonNode value, String at, Checks checks) {
        if (!checks.shape(value, at, Set.of("name", "offset"))) {
            return new StepSettings.Delay(Duration.ZERO);
        }
        String name = checks.text(value.get("name"), at + "/name");
        CustomerColumns.Column column = name == null ? null : CustomerColumns.builtIn(name);
        if (column != null && column.type() != ValueType.DATE) {
            checks.error(at + "/name", "is a built-in attribute that is not a date");
        }
        Duration offset = value.has("offset") ? checks.duration(value.get("offset"), at + "/offset", true) : Duration.ZERO;
        return new StepSettings.DelayUntilAttribute(name, offset);
    }

    private static StepSettings timeOfDay(JsonNode value, String at, Checks checks) {
        if (!checks.shape(value, at, Set.of("at", "fallback_zone"))) {
            return new StepSettings.Delay(Duration.ZERO);
        }
        LocalTime time = null;
        try {
            time = value.path("at").isTextual() && value.get("at").asText().length() == 5 ? LocalTime.parse(value.get("at").asText()) : null;
        } catch (DateTimeException e) {
            // answered below
        }
        if (time == null) {
            checks.error(at + "/at", "must be a time of day HH:MM, e.g. 09:00");
        }
        ZoneId zone = ZoneOffset.UTC;
        if (value.has("fallback_zone")) {
            zone = StepSettings.DelayTimeOfDay.zone(value.get("fallback_zone").isTextual() ? value.get("fallback_zone").asText() : null);
            if (zone == null) {
                checks.error(at + "/fallback_zone", "must be an IANA time zone id, e.g. Europe/Berlin");
            }
        }
        return new StepSettings.DelayTimeOfDay(time, zone);
    }
}
