package io.xoal.events.segment.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.common.JsonBounds;
import io.xoal.events.error.FieldError;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The leaves of a definition — typed values, counts, windows, durations, instants, names — each
 * read with its JSON pointer, every mistake collected as a field error for {@link DefinitionParser}.
 * Every value is also kept within what PostgreSQL evaluates: durations of at most 100 years,
 * instants in the years 1 to 9999 (so that now ± any window stays a timestamptz), finite
 * numbers (numeric holds every double). A value beyond would be saved and then fail on every evaluation.
 */
final class DefinitionValues {

    private static final int MAX_LIST = DefinitionParser.MAX_LIST;
    private static final int MAX_TEXT = 255;
    private static final Map<String, Duration> UNITS = Map.of(
            "minutes", Duration.ofMinutes(1), "hours", Duration.ofHours(1), "days", Duration.ofDays(1));
    /** The longest window or relative date: 100 years. */
    private static final Duration MAX_DURATION = Duration.ofDays(36525);
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private final JsonBounds bounds = new JsonBounds(DefinitionParser.MAX_DEPTH * 4, 8192, 256);
    private final List<FieldError> errors = new ArrayList<>();

    List<FieldError> errors() {
        return errors;
    }

    Object value(ValueType type, Op op, JsonNode value, String at) {
        if (op == Op.IN) {
            if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_LIST) {
                return error(at, "must be a non-empty array of at most " + MAX_LIST + " values");
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                values.add(scalar(type, value.get(i), at + "/" + i));
            }
            return values;
        }
        if (op == Op.MORE_THAN_AGO || op == Op.LESS_THAN_AGO) {
            return duration(value, at);
        }
        return scalar(type, value, at);
    }

    Object scalar(ValueType type, JsonNode value, String at) {
        return switch (type) {
            case STRING -> value != null && value.isTextual() ? checked(value.asText(), at) : error(at, "must be a string");
            // JSON numbers arrive as doubles: beyond about 1.8e308 they are infinite, which numeric refuses.
            case NUMBER -> value != null && value.isNumber() && Double.isFinite(value.asDouble())
                    ? new BigDecimal(value.asText()) : error(at, "must be a number (at most about 1.8e308 in magnitude)");
            case BOOLEAN -> value != null && value.isBoolean() ? value.asBoolean() : error(at, "must be true or false");
            case DATE -> instant(value, at);
        };
    }

    Node.Count count(JsonNode body, String at) {
        if (!shape(body, at, Set.of("op", "value"))) {
            return Node.Count.AT_LEAST_ONCE;
        }
        Node.CountOp op = enumValue(Node.CountOp.class, body.get("op"), at + "/op");
        JsonNode value = body.get("value");
        if (value == null || !value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 1_000_000) {
            error(at + "/value", "must be an integer from 0 to 1000000");
            return Node.Count.AT_LEAST_ONCE;
        }
        if (op == Node.CountOp.AT_LEAST && value.asLong() == 0) {
            error(at + "/value", "at_least 0 is always true; use at least 1 or drop the condition");
        }
        return new Node.Count(op == null ? Node.CountOp.AT_LEAST : op, value.asLong());
    }

    Node.Window window(JsonNode body, String at) {
        if (body != null && body.isTextual() && "ever".equals(body.asText())) {
            return Node.Window.EVER;
        }
        if (body != null && body.isObject() && (body.has("from") || body.has("to"))) {
            if (!shape(body, at, Set.of("from", "to"))) {
                return Node.Window.EVER;
            }
            Instant from = instant(body.get("from"), at + "/from");
            Instant to = instant(body.get("to"), at + "/to");
            if (from != null && to != null && !from.isBefore(to)) {
                error(at + "/to", "must be after from");
            }
            return new Node.Window(null, from, to);
        }
        Duration last = duration(body, at);
        return last == null ? Node.Window.EVER : new Node.Window(last, null, null);
    }

    Duration duration(JsonNode body, String at) {
        if (body == null || !body.isObject() || body.size() != 1 || !UNITS.containsKey(body.fieldNames().next())) {
            error(at, "must be \"ever\", {\"from\": …, \"to\": …} or one of {\"minutes\": n}, {\"hours\": n}, {\"days\": n}");
            return null;
        }
        String unit = body.fieldNames().next();
        JsonNode n = body.get(unit);
        long most = MAX_DURATION.dividedBy(UNITS.get(unit));
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() <= 0 || n.asLong() > most) {
            error(at + "/" + unit, "must be a positive integer of at most " + most + " (100 years)");
            return null;
        }
        return UNITS.get(unit).multipliedBy(n.asLong());
    }

    Instant instant(JsonNode value, String at) {
        if (value == null || !value.isTextual()) {
            error(at, "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(value.asText()).toInstant();
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                return error(at, "must be an instant in the years 1 to 9999");
            }
            return instant;
        } catch (DateTimeParseException e) {
            error(at, "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
            return null;
        }
    }

    String text(JsonNode value, String at) {
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            error(at, "must be a non-empty string");
            return null;
        }
        if (value.asText().length() > MAX_TEXT) {
            error(at, "is longer than " + MAX_TEXT + " characters");
            return null;
        }
        return checked(value.asText(), at);
    }

    String checked(String value, String at) {
        int before = errors.size();
        bounds.checkString(value, at, errors);
        return errors.size() == before ? value : null;
    }

    <E extends Enum<E>> E enumValue(Class<E> type, JsonNode value, String at) {
        E[] constants = type.getEnumConstants();
        if (value != null && value.isTextual()) {
            for (E constant : constants) {
                if (constant.name().equalsIgnoreCase(value.asText())) {
                    return constant;
                }
            }
        }
        error(at, "must be one of " + Arrays.stream(constants).map(c -> c.name().toLowerCase()).toList());
        return null;
    }

    boolean shape(JsonNode body, String at, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            error(at, "must be an object");
            return false;
        }
        Iterator<String> names = body.fieldNames();
        boolean ok = true;
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                error(at + "/" + JsonBounds.escape(name), "is not a field here; allowed: " + allowed.stream().sorted().toList());
                ok = false;
            }
        }
        return ok;
    }

    <T> T error(String at, String message) {
        errors.add(new FieldError(at, message));
        return null;
    }
}
