package io.xoal.events.common;

import io.xoal.events.error.ProblemException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Instants as the database takes them and as query parameters give them. */
public final class Instants {

    private Instants() {
    }

    /** The instant at UTC, as the reactive client binds {@code timestamptz} parameters. */
    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** An ISO-8601 query parameter with an offset, or null when absent; 400 naming {@code field} when malformed. */
    public static Instant parameter(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be ISO-8601 with an offset, e.g. 2026-11-01T00:00:00Z");
        }
    }
}
