package io.xoal.events.event;

import io.xoal.events.common.Limits;
import io.xoal.events.error.ProblemException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Filters of an events feed: name, time range of occurrence, and a page (cursor = last id seen). */
public record FeedQuery(String name, Instant from, Instant to, long before, int limit) {

    public static final int MAX_LIMIT = 1000;

    public static FeedQuery of(String name, String from, String to, String cursor, Integer limit) {
        return new FeedQuery(name == null || name.isBlank() ? null : name, instant(from, "/from"), instant(to, "/to"),
                Limits.cursor(cursor), Limits.clamp(limit, 100, MAX_LIMIT));
    }

    private static Instant instant(String value, String field) {
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
