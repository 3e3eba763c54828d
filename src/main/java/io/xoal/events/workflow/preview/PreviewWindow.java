package io.xoal.events.workflow.preview;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.error.FieldError;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The stored history a dry run reads: {@code [from, to)}, both required, at most 366 days. */
record PreviewWindow(Instant from, Instant to) {

    static final Duration LONGEST = Duration.ofDays(366);

    /** The window, or null with its mistakes added to {@code errors}. */
    static PreviewWindow read(JsonNode body, List<FieldError> errors) {
        Instant from = instant(body, "from", errors);
        Instant to = instant(body, "to", errors);
        if (from == null || to == null) {
            return null;
        }
        if (!to.isAfter(from)) {
            errors.add(new FieldError("/to", "must be after from"));
            return null;
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            errors.add(new FieldError("/to", "must be at most 366 days after from"));
            return null;
        }
        return new PreviewWindow(from, to);
    }

    private static Instant instant(JsonNode body, String field, List<FieldError> errors) {
        JsonNode value = body.get(field);
        try {
            if (value != null && value.isTextual()) {
                return OffsetDateTime.parse(value.asText()).toInstant();
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        errors.add(new FieldError("/" + field, "is required: an ISO-8601 instant with an offset, e.g. 2026-11-01T00:00:00Z"));
        return null;
    }
}
