package io.xoal.events.workflow.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.error.FieldError;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The shared checks of a definition's readers; every mistake is collected with its JSON pointer. */
final class Checks {

    static final int MAX_TEXT = 255;
    private static final Duration MAX_DURATION = Duration.ofDays(366);
    final List<FieldError> errors = new ArrayList<>();

    void error(String at, String message) {
        errors.add(new FieldError(at, message));
    }

    boolean shape(JsonNode json, String at, Set<String> keys) {
        if (json == null || !json.isObject()) {
            error(at, "must be an object");
            return false;
        }
        boolean ok = true;
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                error(at + "/" + key, "is not one of " + keys.stream().sorted().toList());
                ok = false;
            }
        }
        return ok;
    }

    String text(JsonNode json, String at) {
        if (json == null || !json.isTextual() || json.asText().isBlank() || json.asText().length() > MAX_TEXT) {
            error(at, "must be a text of 1 to " + MAX_TEXT + " characters");
            return null;
        }
        return json.asText();
    }

    /** A positive integer id (a segment's); null after an error. */
    Long id(JsonNode json, String at) {
        if (json == null || !json.canConvertToExactIntegral() || !json.canConvertToLong() || json.asLong() < 1) {
            error(at, "must be a positive integer id");
            return null;
        }
        return json.asLong();
    }

    <E extends Enum<E>> E choice(Class<E> type, JsonNode json, String at) {
        for (E value : type.getEnumConstants()) {
            if (json != null && json.isTextual() && value.name().toLowerCase(Locale.ROOT).equals(json.asText())) {
                return value;
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        error(at, "must be one of " + names);
        return null;
    }

    /** An ISO-8601 duration of at most 366 days, negative only if {@code signed}; ZERO after an error. */
    Duration duration(JsonNode json, String at, boolean signed) {
        try {
            Duration d = json != null && json.isTextual() ? Duration.parse(json.asText()) : null;
            if (d != null && (signed || !d.isNegative()) && d.abs().compareTo(MAX_DURATION) <= 0) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        error(at, "must be an ISO-8601 duration from " + (signed ? "-P366D" : "PT0S") + " to P366D, e.g. PT1H");
        return Duration.ZERO;
    }

    /** The edge in {@code value} (a step id), named by {@code field}, its pointer suffix under the step at {@code at}. */
    void edge(JsonNode value, String field, String at, List<WorkflowDefinition.Edge> edges) {
        String target = text(value, at + "/" + field);
        if (target != null) {
            edges.add(new WorkflowDefinition.Edge(field, target));
        }
    }
}
