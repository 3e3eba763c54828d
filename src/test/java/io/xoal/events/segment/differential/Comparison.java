package io.xoal.events.segment.differential;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.stream.StreamSupport;

/**
 * The documented typed comparisons (docs/segments.md, "Types and operators"): a value of another
 * JSON type than the declared one counts as absent; a date is a JSON string holding an ISO-8601
 * instant with an offset; {@code neq} matches absent values; every other comparison with an
 * absent value is false.
 */
final class Comparison {

    private Comparison() {
    }

    /** Whether {@code raw} (the stored JSON, null or missing when absent) satisfies {@code filter} at {@code now}. */
    static boolean holds(Condition.Filter filter, String type, JsonNode raw, Instant now) {
        Object x = typed(type, raw);
        JsonNode v = filter.value();
        return switch (filter.op()) {
            case "exists" -> x != null;
            case "not_exists" -> x == null;
            case "eq" -> x != null && same(x, type, v);
            case "neq" -> x == null || !same(x, type, v);
            case "in" -> x != null && StreamSupport.stream(v.spliterator(), false).anyMatch(item -> same(x, type, item));
            case "contains" -> x != null && ((String) x).contains(v.textValue());
            case "gt" -> x != null && compare(x, type, v) > 0;
            case "gte" -> x != null && compare(x, type, v) >= 0;
            case "lt" -> x != null && compare(x, type, v) < 0;
            case "lte" -> x != null && compare(x, type, v) <= 0;
            case "more_than_ago" -> x != null && ((Instant) x).isBefore(now.minus(Condition.duration(v)));
            case "less_than_ago" -> x != null && lessThanAgo((Instant) x, now, Condition.duration(v));
            default -> throw new IllegalArgumentException("op " + filter.op());
        };
    }

    /** Less than d ago: in (now − d, now]; a date still to come is not "ago". */
    private static boolean lessThanAgo(Instant date, Instant now, Duration d) {
        return date.isAfter(now.minus(d)) && !date.isAfter(now);
    }

    /** The value as the declared type, or null when it is absent or of another type. */
    static Object typed(String type, JsonNode raw) {
        if (raw == null || raw.isMissingNode() || raw.isNull()) {
            return null;
        }
        return switch (type) {
            case "string" -> raw.isTextual() ? raw.textValue() : null;
            case "number" -> raw.isNumber() ? raw.decimalValue() : null;
            case "boolean" -> raw.isBoolean() ? raw.booleanValue() : null;
            case "date" -> raw.isTextual() ? date(raw.textValue()) : null;
            default -> throw new IllegalArgumentException("type " + type);
        };
    }

    /** An ISO-8601 instant with an offset ({@code 2026-11-01T00:00:00Z}, {@code …+02:00}); anything else is no date. */
    static Instant date(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean same(Object x, String type, JsonNode value) {
        return compare(x, type, value) == 0;
    }

    private static int compare(Object x, String type, JsonNode value) {
        return switch (type) {
            case "number" -> ((BigDecimal) x).compareTo(value.decimalValue());
            case "date" -> ((Instant) x).compareTo(date(value.textValue()));
            case "boolean" -> Boolean.compare((Boolean) x, value.booleanValue());
            default -> ((String) x).compareTo(value.textValue());
        };
    }
}
